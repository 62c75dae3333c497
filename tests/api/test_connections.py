"""Connections, search and DataLoaders through HTTP on the database under test."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.graphql.loaders import Loaders
from bench.bench_api import OPERATIONS
from graph.store import cypher
from graph.store.bolt_loop import LoopReader
from graph.store.repository import Repository
from importers.generate import Truth
from tests.api.helpers import gql

PURCHASES = """query($c: ID!, $first: Int!, $after: String) { customer(id: $c) {
  purchases(first: $first, after: $after) { totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id at total lines { quantity product { id name } } soldBy { id } } } } } }"""


def _all_pages(client: TestClient, customer: str, first: int) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    after = None
    while True:
        body = gql(client, PURCHASES, c=customer, first=first, after=after)
        assert "errors" not in body, body
        page = body["data"]["customer"]["purchases"]
        seen += [e["node"] for e in page["edges"]]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            assert len(seen) == page["totalCount"]
            return seen
        after = page["pageInfo"]["endCursor"]


def test_purchases_page_through_newest_first(client: TestClient, planted: Truth) -> None:
    customer = planted.warmest_employee.customer
    paged = _all_pages(client, customer, first=2)
    whole = _all_pages(client, customer, first=100)
    assert len(paged) >= 3, "the planted customer buys often"
    assert [p["id"] for p in paged] == [p["id"] for p in whole]
    assert len({p["id"] for p in paged}) == len(paged)
    dates = [p["at"] for p in paged]
    assert dates == sorted(dates, reverse=True)
    assert all(p["lines"] and p["lines"][0]["product"]["name"] for p in paged)


def test_a_cursor_we_did_not_hand_out_is_a_typed_error(client: TestClient, planted: Truth) -> None:
    body = gql(client, PURCHASES, c=planted.warmest_employee.customer, first=2, after="bogus")
    error = body["errors"][0]
    assert error["extensions"]["reason"] == "INVALID_INPUT"
    assert "after" in error["message"]
    assert "endCursor" in error["extensions"]["hint"]


def test_first_is_bounded(client: TestClient, planted: Truth) -> None:
    body = gql(client, PURCHASES, c=planted.warmest_employee.customer, first=101)
    error = body["errors"][0]
    assert error["extensions"]["reason"] == "INVALID_INPUT"
    assert "first must be 1..100, got 101" in error["message"]


def test_the_timeline_merges_purchases_posts_and_contacts(
    client: TestClient, planted: Truth
) -> None:
    query = """query($c: ID!, $kinds: [EventKind!]) { customer(id: $c) {
      purchases(first: 1) { totalCount } posts(first: 1) { totalCount }
      interactions(first: 1) { totalCount }
      everything: timeline(first: 100) { totalCount nodes { kind at } }
      onlyPosts: timeline(first: 100, filter: {kinds: $kinds}) { nodes { kind } } } }"""
    body = gql(client, query, c=planted.angry_post.customer, kinds=["POST"])
    assert "errors" not in body, body
    c = body["data"]["customer"]
    counts = [c[k]["totalCount"] for k in ("purchases", "posts", "interactions")]
    assert c["everything"]["totalCount"] == sum(counts)
    events = c["everything"]["nodes"]
    dated = [e["at"] for e in events if e["at"]]
    assert dated == sorted(dated, reverse=True)
    assert {e["kind"] for e in c["onlyPosts"]["nodes"]} == {"POST"}
    assert len(c["onlyPosts"]["nodes"]) == counts[1]


def test_complaints_are_the_posts_below_a_sentiment(client: TestClient, planted: Truth) -> None:
    query = """query($c: ID!) { customer(id: $c) {
      accounts { id handle } posts(first: 100, filter: {maxSentiment: -0.3}) { nodes { key sentiment } } } }"""
    body = gql(client, query, c=planted.angry_post.customer)
    customer = body["data"]["customer"]
    assert planted.angry_post.handle in [a["handle"] for a in customer["accounts"]]
    posts = customer["posts"]["nodes"]
    assert f"twitter:{planted.angry_post.tweet}" in [p["key"] for p in posts]
    assert all(p["sentiment"] <= -0.3 for p in posts)


def test_search_finds_customers_products_and_employees(client: TestClient, planted: Truth) -> None:
    name = gql(
        client, "query($c: ID!) { customer(id: $c) { name } }", c=planted.top_influencer.customer
    )
    full = name["data"]["customer"]["name"]
    query = """query($text: String!) {
      customers(search: $text, first: 5) { totalCount nodes { key } }
      products(search: "shirt", first: 20) { nodes { key name } }
      byInfluence: customers(first: 3) { nodes { key influence } }
      employees(first: 100) { totalCount nodes { key name } } }"""
    body = gql(client, query, text=full.split()[-1].upper())
    assert "errors" not in body, body
    data = body["data"]
    assert planted.top_influencer.customer in [c["key"] for c in data["customers"]["nodes"]]
    assert data["customers"]["totalCount"] >= 1
    assert planted.complements.product in [p["key"] for p in data["products"]["nodes"]]
    influence = [c["influence"] for c in data["byInfluence"]["nodes"]]
    assert influence == sorted(influence, reverse=True)
    assert planted.top_influencer.customer in [c["key"] for c in data["byInfluence"]["nodes"]]
    names = [e["name"].lower() for e in data["employees"]["nodes"]]
    assert names == sorted(names)
    assert data["employees"]["totalCount"] == len(names)


def test_customers_by_influence_page_from_the_index_then_on_to_the_unscored(
    client: TestClient,
) -> None:
    """A page of scored customers is one statement (read in index order); paging goes on past
    them to the customers without a score, as one sorted list, none repeated or skipped."""
    repository = client.app.state.shared.repository  # type: ignore[attr-defined]
    query = """query($after: String) { customers(first: 40, after: $after) {
        pageInfo { hasNextPage endCursor } nodes { key influence } } }"""
    seen: list[dict[str, Any]] = []
    trips: list[int] = []
    after = None
    while True:
        before = repository.round_trips
        page = gql(client, query, after=after)["data"]["customers"]
        trips.append(int(repository.round_trips - before))
        seen += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == sorted(seen, key=lambda c: (c["influence"] or 0.0, c["key"]), reverse=True)
    total = gql(client, "{ customers(first: 1) { totalCount } }")["data"]["customers"]
    assert len(seen) == len({c["key"] for c in seen}) == total["totalCount"]
    scored = sum(1 for c in seen if c["influence"])
    assert 40 < scored < len(seen)  # the walk crosses from scored customers to the others
    assert trips[: scored // 40] == [1] * (scored // 40)


def test_customers_filter_and_order(client: TestClient) -> None:
    body = gql(
        client,
        """{ gold: customers(filter: {tier: GOLD}, first: 100) { totalCount nodes { tier } }
             all: customers(first: 1) { totalCount }
             byName: customers(order: NAME, first: 20) { nodes { name } } }""",
    )
    data = body["data"]
    assert {c["tier"] for c in data["gold"]["nodes"]} == {"GOLD"}
    assert 0 < data["gold"]["totalCount"] < data["all"]["totalCount"]
    names = [(c["name"] or "").lower() for c in data["byName"]["nodes"]]
    assert names == sorted(names)


# Each loader is reached from one place of the tree: a loader asked from two branches is
# dispatched once per branch that reaches it, in an order that depends on timing.
DEEP = """query($first: Int!) { customers(first: $first) { nodes {
  name accounts { handle }
  warmestEmployees(first: 2) { score employee { name } }
  influencedBy(first: 2) { weight customer { name } }
  purchases(first: 2) { nodes { total
    lines { product { name relatedProducts(first: 2) { productId lift } } } } }
  timeline(first: 3) { nodes { kind } }
  recommendations(first: 2) { productId score }
  sentimentTimeline(weeks: 4) { mean } } } }"""


def test_round_trips_do_not_grow_with_the_page(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:

    def trips(first: int) -> tuple[int, dict[str, Any]]:
        n, data = _counted(client, DEEP, first=first)
        assert len(data["customers"]["nodes"]) == first
        return n, data

    (small, _), (large, data) = trips(5), trips(100)
    # A loader whose keys arrive over two ticks of the event loop is dispatched twice, whatever
    # the page size: the count may differ by one, never grow with the 20 times larger page.
    assert abs(small - large) <= 1
    # The page; the nodes' own reads in one statement (accounts, warmth, influencers,
    # purchases with their lines, which the timeline's purchases reuse, posts, interactions and
    # the recommendations' first round); then the employees, the influencers' customers, the
    # products, their related products and the recommendations' two other rounds.
    assert min(small, large) == 8
    monkeypatch.setattr(Loaders, "read_ahead", _no_read_ahead)
    alone, same = trips(100)
    assert alone == 14  # each of the nodes' reads on its own
    assert same == data
    # Reads awaited on the event loop answer one request only: nothing stays with the
    # repository the requests share (a later request would read stale rows from it).
    assert not client.app.state.shared.repository._answers  # type: ignore[attr-defined]


def test_a_read_of_one_statement_takes_no_thread(
    client: TestClient, planted: Truth, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.graphql import threads

    hops: list[str] = []
    real = threads.off_loop

    async def counted(fn: Any, *args: Any, **kwargs: Any) -> Any:
        hops.append(getattr(fn, "__name__", repr(fn)))
        return await real(fn, *args, **kwargs)

    monkeypatch.setattr(threads, "off_loop", counted)
    query = (
        """query($id: ID!) { customer(id: $id) { warmestEmployees(first: 3) { employeeId } } }"""
    )
    n, data = _counted(client, query, id=planted.warmest_employee.customer)
    assert n == 1
    assert (
        data["customer"]["warmestEmployees"][0]["employeeId"] == planted.warmest_employee.employee
    )
    assert hops == []  # awaited on the event loop (graph/store/bolt_loop.py)
    # A function that reads again after its first read finishes in a worker thread.
    recs = """query($id: ID!) { customer(id: $id) { recommendations(first: 3) { productId } } }"""
    n, data = _counted(client, recs, id=planted.top_influencer.customer)
    assert data["customer"]["recommendations"]
    assert hops  # its later rounds went to a thread, with the first round's answer


def test_the_timeline_reusing_the_purchases_read_with_lines_answers_the_same(
    client: TestClient,
) -> None:
    timeline = "timeline(first: 30) { totalCount nodes { kind at summary } }"
    alone = gql(
        client, "{ customers(first: 30) { nodes { TIMELINE } } }".replace("TIMELINE", timeline)
    )
    both = gql(client, "{ customers(first: 30) { nodes { purchases(first: 1) { nodes { lines "
                       "{ productId } } } TIMELINE } } }".replace("TIMELINE", timeline))  # fmt: skip
    assert "errors" not in alone, alone
    assert "errors" not in both, both
    nodes = alone["data"]["customers"]["nodes"]
    assert any(e["kind"] == "PURCHASE" for c in nodes for e in c["timeline"]["nodes"])
    assert [c["timeline"] for c in both["data"]["customers"]["nodes"]] == [
        c["timeline"] for c in nodes
    ]


def test_names_read_with_related_products_and_lines_cost_no_statement(
    client: TestClient, planted: Truth
) -> None:
    repository = client.app.state.shared.repository  # type: ignore[attr-defined]

    def trips(query: str, **variables: object) -> tuple[int, dict[str, Any]]:
        before = repository.round_trips
        body = gql(client, query, **variables)
        assert "errors" not in body, body
        return int(repository.round_trips - before), body["data"]

    shirt = planted.top_influencer.product
    related = "query($id: ID!) { product(id: $id) { relatedProducts(first: 3) { productId %s } } }"
    bare, _ = trips(related % "", id=shirt)
    named, data = trips(related % "name product { name }", id=shirt)
    assert trips(related % "name", id=shirt)[0] == bare
    assert named == bare + 1  # the product itself is one more read; its name is not
    for r in data["product"]["relatedProducts"]:
        assert r["name"] == r["product"]["name"]
    buyer = planted.top_influencer.converted_followers[0]
    lines = (
        "query($id: ID!) { customer(id: $id) { purchases(first: 3) { nodes { lines { %s } } } } }"
    )
    bare, _ = trips(lines % "productId", id=buyer)
    assert bare == 1  # the purchases and their lines are one read
    named, data = trips(lines % "productId name product { name }", id=buyer)
    assert trips(lines % "productId name", id=buyer)[0] == bare
    items = [i for p in data["customer"]["purchases"]["nodes"] for i in p["lines"]]
    assert items
    assert all(i["name"] == i["product"]["name"] for i in items)


def test_lines_read_with_their_purchases_are_the_lines_read_alone(client: TestClient) -> None:
    lines = "lines { productId name quantity unitPrice }"
    paged = "{ customers(first: 40) { nodes { purchases(first: 50) { nodes { id LINES } } } } }"
    page = gql(client, paged.replace("LINES", lines))["data"]["customers"]["nodes"]
    with_purchases = {p["id"]: p["lines"] for c in page for p in c["purchases"]["nodes"]}
    assert sum(map(len, with_purchases.values())) > len(with_purchases) > 100
    by_id = "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Purchase { LINES } } }"
    ids = sorted(with_purchases)
    too_many = gql(client, by_id.replace("LINES", lines), ids=ids)["errors"][0]
    assert (too_many["message"], too_many["extensions"]["field"]) == (
        f"ids must hold 1..100 global ids, got {len(ids)}",
        "ids",
    )
    alone = gql(client, by_id.replace("LINES", lines), ids=ids[:100])["data"]["nodes"]
    assert {p["id"]: p["lines"] for p in alone} == {i: with_purchases[i] for i in ids[:100]}


def test_a_node_asked_only_for_its_related_data_is_not_read_first(
    client: TestClient, planted: Truth
) -> None:
    """``customer(id) { purchases … }`` is answered by the purchases' read alone: it tells a
    customer without purchases (an empty list) from no customer (null and NOT_FOUND)."""
    repository = client.app.state.shared.repository  # type: ignore[attr-defined]

    def trips(query: str, **variables: object) -> tuple[int, dict[str, Any]]:
        before = repository.round_trips
        body = gql(client, query, **variables)
        return int(repository.round_trips - before), body

    buyer = planted.top_influencer.converted_followers[0]
    bought = "query($id: ID!) { customer(id: $id) { %s purchases(first: 3) { nodes { id } } } }"
    alone, body = trips(bought % "key", id=buyer)
    assert alone == 1
    with_name, named = trips(bought % "name", id=buyer)
    assert with_name == 1  # the customer's read and its purchases', sent as one statement
    assert named["data"]["customer"]["purchases"] == body["data"]["customer"]["purchases"]
    assert body["data"]["customer"]["purchases"]["nodes"]
    warm = "query($id: ID!) { customer(id: $id) { id warmestEmployees(first: 2) { score } } }"
    assert trips(warm, id=buyer)[0] == 1
    made = gql(
        client,
        'mutation { upsertCustomer(customer: {id: "zz-nothing-yet", name: "Zz Nothing Yet"}) { created } }',
    )
    assert made["data"]["upsertCustomer"]["created"] == 1
    n, empty = trips(bought % "key", id="zz-nothing-yet")
    assert (n, empty) == (1, {"data": {"customer": {"key": "zz-nothing-yet",
                                                     "purchases": {"nodes": []}}}})  # fmt: skip
    n, empty = trips(warm, id="zz-nothing-yet")
    assert n == 1
    assert empty["data"]["customer"]["warmestEmployees"] == []
    n, missing = trips(bought % "", id="zz-nobody")
    assert n == 1
    assert missing["data"]["customer"] is None
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    related = "query($id: ID!) { product(id: $id) { relatedProducts(first: 3) { productId } } }"
    n, found = trips(related, id=planted.top_influencer.product)
    assert n == 1
    assert found["data"]["product"]["relatedProducts"]
    n, missing = trips(related, id="NO-SUCH-SKU")
    assert (n, missing["data"]["product"]) == (1, None)
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_a_page_selecting_two_fields_reads_two_properties(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[tuple[list[str], list[dict[str, Any]]]] = []
    pages = {cypher.load(f"search/{n}").text for n in ("customers", "customers_by_influence")}
    in_thread, on_loop = Repository._read_once, LoopReader.read

    def seen(text: str, params: dict[str, Any], rows: list[dict[str, Any]]) -> None:
        if text in pages:
            sent.append((params["keys"], rows[0]["rows"]))

    def spy(self: Repository, query: Any, params: dict[str, Any]) -> list[dict[str, Any]]:
        rows = in_thread(self, query, params)
        seen(query.text, params, rows)
        return rows

    async def spy_on_loop(self: LoopReader, text: str, params: dict[str, Any],
                          timeout: float | None) -> list[dict[str, Any]]:  # fmt: skip
        rows = await on_loop(self, text, params, timeout)
        seen(text, params, rows)
        return rows

    # The statements as they go to the database: awaited on the event loop or in a thread.
    monkeypatch.setattr(Repository, "_read_once", spy)
    monkeypatch.setattr(LoopReader, "read", spy_on_loop)
    two = gql(client, "{ customers(first: 5) { nodes { key name influence } } }")
    ((keys, rows),) = sent
    assert keys == ["name", "influence"]
    assert len(rows) == 6  # five and one more: is there a next page
    assert all(len(values) == 2 for _id, values, _num, _txt in rows)
    also = gql(client, "{ customers(first: 5) { edges { node { ... on Customer { name } } } } }")
    assert sent[-1][0] == ["name"]
    assert [e["node"]["name"] for e in also["data"]["customers"]["edges"]] == [
        n["name"] for n in two["data"]["customers"]["nodes"]
    ]
    # The same field asked twice is one field to GraphQL: both selections are read.
    twice = gql(
        client,
        """{ customers(first: 5) { nodes { name } }
                             customers(first: 5) { nodes { email } } }""",
    )
    assert "errors" not in twice, twice
    assert sent[-1][0] == ["name", "email"]
    assert [n["name"] for n in twice["data"]["customers"]["nodes"]] == [
        n["name"] for n in two["data"]["customers"]["nodes"]
    ]
    # A field that is not a stored property may need any of them: all are read.
    full = gql(client, "{ customers(first: 5) { nodes { name warmestEmployees { score } } } }")
    assert "errors" not in full
    assert len(sent[-1][0]) > 10


NAMES = """query($after: String, $before: String, $first: Int, $last: Int) {
  customers(order: NAME, first: $first, after: $after, last: $last, before: $before) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { key name } } }"""


def test_pages_hold_still_when_a_record_arrives_between_two_loads(client: TestClient) -> None:
    whole = gql(client, NAMES, first=10)["data"]["customers"]["nodes"]
    page1 = gql(client, NAMES, first=5)["data"]["customers"]
    made = gql(client, 'mutation { upsertCustomer(customer: {id: "aaa-new", name: "AAA First"}) '
                       "{ userErrors { message } } }")  # fmt: skip
    assert made["data"]["upsertCustomer"]["userErrors"] == []
    page2 = gql(client, NAMES, first=5, after=page1["pageInfo"]["endCursor"])["data"]["customers"]
    # An offset cursor would repeat page 1's last customer here: the new one sorts first.
    assert page1["nodes"] + page2["nodes"] == whole
    assert page2["pageInfo"]["hasPreviousPage"]
    back = gql(client, NAMES, last=5, before=page2["pageInfo"]["startCursor"])["data"]["customers"]
    assert back["nodes"] == page1["nodes"]
    assert back["pageInfo"]["hasNextPage"]
    assert back["pageInfo"]["hasPreviousPage"]  # the new customer now comes first
    start = gql(client, NAMES, last=5, before=back["pageInfo"]["startCursor"])["data"]["customers"]
    assert start["nodes"] == [{"key": "aaa-new", "name": "AAA First"}]
    assert not start["pageInfo"]["hasPreviousPage"]


def test_last_pages_from_the_end_and_direction_reverses(client: TestClient) -> None:
    tail = gql(client, NAMES, last=3)["data"]["customers"]
    query = """{ customers(order: NAME, direction: DESC, first: 3) { nodes { key name } } }"""
    reversed_head = gql(client, query)["data"]["customers"]["nodes"]
    assert reversed_head == list(reversed(tail["nodes"]))
    assert tail["pageInfo"]["hasPreviousPage"]
    assert not tail["pageInfo"]["hasNextPage"]
    both = gql(client, NAMES, first=2, last=2)
    assert both["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_alerts_filter_by_status_severity_and_assignee(client: TestClient, planted: Truth) -> None:
    query = """query($f: AlertFilter) { alerts(filter: $f, first: 100) {
                 totalCount nodes { key severity status assigneeId } } }"""
    everything = gql(client, query, f={"allStatuses": True})["data"]["alerts"]
    mine = gql(client, query, f={"assigneeId": planted.angry_post.assignee})["data"]["alerts"]
    assert mine["nodes"]
    assert {a["assigneeId"] for a in mine["nodes"]} == {planted.angry_post.assignee}
    severe = gql(client, query, f={"minSeverity": 0.5, "allStatuses": True})["data"]["alerts"]
    assert all(a["severity"] >= 0.5 for a in severe["nodes"])
    assert severe["totalCount"] <= everything["totalCount"]
    severities = [a["severity"] for a in everything["nodes"]]
    assert severities == sorted(severities, reverse=True)
    future = gql(client, query, f={"raisedSince": "2100-01-01T00:00:00Z"})["data"]["alerts"]
    assert future == {"totalCount": 0, "nodes": []}


CUSTOMER_360 = OPERATIONS["customer 360"]  # what bench_api measures


def _counted(client: TestClient, query: str, **variables: object) -> tuple[int, dict[str, Any]]:
    """The statements a query sent, and its data (it must have no errors)."""
    repository = client.app.state.shared.repository  # type: ignore[attr-defined]
    before = repository.round_trips
    body = gql(client, query, **variables)
    assert "errors" not in body, body
    return int(repository.round_trips - before), body["data"]


def test_a_customer_360_reads_its_customer_in_one_statement(
    client: TestClient, planted: Truth, monkeypatch: pytest.MonkeyPatch
) -> None:
    def trips(customer: str) -> tuple[int, dict[str, Any]]:
        return _counted(client, CUSTOMER_360, id=customer)

    top = planted.top_influencer
    people = [top.customer, *top.converted_followers[:2], planted.warmest_employee.customer]
    together = [trips(c) for c in people]
    # The customer, accounts, purchases with lines (the timeline's too), posts, interactions,
    # warmth and influencers both ways: one statement, where eight were sent one by one.
    assert {n for n, _ in together} == {1}
    monkeypatch.setattr(Loaders, "read_ahead", _no_read_ahead)
    alone = [trips(c) for c in people]
    assert {n for n, _ in alone} == {8}
    assert [data for _, data in together] == [data for _, data in alone]
    assert together[0][1]["customer"]["influences"], "the influencer influences someone"
    missing = gql(client, CUSTOMER_360, id="zz-nobody")
    assert missing["data"]["customer"] is None
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def _no_read_ahead(self: Loaders, names: Any, keys: list[str]) -> None:
    return None
