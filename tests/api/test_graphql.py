"""The GraphQL API through HTTP on the database under test, with generated data."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from api.auth.keys import KeyStore
from api.graphql.app import create_app
from api.graphql.schema import schema
from graph.settings import Settings
from graph.store.repository import Repository
from importers.generate import Truth
from tests.api.helpers import gql
from tests.conftest import cli_env

ROOT = Path(__file__).resolve().parents[2]


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_customer_360_names_the_warmest_employee(client: TestClient, planted: Truth) -> None:
    angry = planted.angry_post
    body = gql(
        client,
        """query($id: ID!) { customer(id: $id) {
             name influenceRank
             warmestEmployees(first: 2) { employeeId score breakdown { part value } }
             recommendations(first: 3) { productId score reasons { kind text } }
             sentimentTimeline(weeks: 4) { week posts mean } } }""",
        id=angry.customer,
    )
    assert "errors" not in body, body
    customer = body["data"]["customer"]
    assert customer["warmestEmployees"][0]["employeeId"] == angry.assignee
    assert customer["warmestEmployees"][0]["breakdown"]
    assert len(customer["sentimentTimeline"]) == 4
    assert customer["sentimentTimeline"][-1]["mean"] < 0


def test_influencers_of_the_praised_product(client: TestClient, planted: Truth) -> None:
    top = planted.top_influencer
    body = gql(
        client,
        "query($p: ID!) { influencers(productId: $p, first: 3) { customerId score } }",
        p=top.product,
    )
    assert body["data"]["influencers"][0]["customerId"] == top.customer


def test_the_angry_post_leads_the_alert_queue(client: TestClient, planted: Truth) -> None:
    body = gql(
        client,
        """{ alerts(first: 1) { totalCount pageInfo { hasNextPage }
             nodes { postId severity overdue reasons assignee { key name }
                     customer { key warmestEmployees(first: 1) { employeeId } } } } }""",
    )
    alerts = body["data"]["alerts"]
    alert = alerts["nodes"][0]
    assert alert["postId"] == f"twitter:{planted.angry_post.tweet}"
    assert alert["assignee"]["key"] == planted.angry_post.assignee
    # Assigned to the author's warmest employee, as the customer's own answer says.
    assert alert["customer"]["warmestEmployees"][0]["employeeId"] == planted.angry_post.assignee
    assert alerts["totalCount"] > 1
    assert alerts["pageInfo"]["hasNextPage"] is True


def test_ingest_a_complaint_then_act_on_its_alert(client: TestClient, planted: Truth) -> None:
    angry = planted.angry_post
    body = gql(
        client,
        """mutation($post: PostInput!) { ingestPost(post: $post) {
             post { postId sentiment category } alert { id assigneeId status dueBy }
             userErrors { field message } } }""",
        post={"handle": angry.handle, "postId": "api-1",
              "text": "@rapportshop the Oxford Shirt fell apart again. Terrible, I want a refund"},
    )  # fmt: skip
    assert "errors" not in body, body
    ingested = body["data"]["ingestPost"]
    assert ingested["userErrors"] == []
    assert ingested["post"]["sentiment"] < 0
    assert ingested["post"]["category"] == "DAMAGE_CONTROL"
    assert ingested["alert"]["assigneeId"] == angry.assignee
    alert_id = ingested["alert"]["id"]
    act = "alert { key status resolution } userErrors { field code message hint }"
    done = gql(
        client, f'mutation($id: ID!) {{ resolveAlert(id: $id, resolution: "refunded") {{ {act} }} }}',
        id=alert_id,
    )["data"]["resolveAlert"]  # fmt: skip
    assert done["alert"] == {"key": "alert:twitter:api-1", "status": "RESOLVED",
                             "resolution": "refunded"}  # fmt: skip
    again = gql(client, f"mutation($id: ID!) {{ acknowledgeAlert(id: $id) {{ {act} }} }}",
                id=alert_id)  # fmt: skip
    assert "errors" not in again
    [error] = again["data"]["acknowledgeAlert"]["userErrors"]
    assert again["data"]["acknowledgeAlert"]["alert"] is None
    assert error["code"] == "BAD_USER_INPUT"
    assert "reopen" in error["hint"]
    reopened = gql(client, f"mutation($id: ID!) {{ reopenAlert(id: $id) {{ {act} }} }}",
                   id=alert_id)["data"]["reopenAlert"]  # fmt: skip
    assert reopened["alert"] == {"key": "alert:twitter:api-1", "status": "OPEN",
                                 "resolution": None}  # fmt: skip
    by_key = gql(client, f'mutation {{ acknowledgeAlert(id: "alert:twitter:api-1") {{ {act} }} }}')
    assert by_key["data"]["acknowledgeAlert"]["alert"]["status"] == "ACKNOWLEDGED"
    missing = gql(client, f'mutation {{ acknowledgeAlert(id: "alert:nope") {{ {act} }} }}')
    assert missing["data"]["acknowledgeAlert"]["userErrors"][0]["code"] == "NOT_FOUND"


def test_a_missing_object_is_null_with_an_error_on_its_path_only(
    client: TestClient, planted: Truth
) -> None:
    known = planted.angry_post.customer
    body = gql(client, f'{{ customer(id: "c-nobody") {{ name }} other: customer(id: "{known}") '
                       "{ key } }")  # fmt: skip
    assert body["data"] == {"customer": None, "other": {"key": planted.angry_post.customer}}
    [error] = body["errors"]
    assert (error["extensions"]["code"], error["path"]) == ("NOT_FOUND", ["customer"])
    assert "c-nobody" in error["message"]


def test_bad_input_names_the_field(client: TestClient) -> None:
    body = gql(
        client,
        "mutation($post: PostInput!) { ingestPost(post: $post) { post { postId } "
        "userErrors { field message code } } }",
        post={"handle": "ann", "text": "hi", "platform": "myspace"},
    )
    assert "errors" not in body
    [error] = body["data"]["ingestPost"]["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert "platform" in error["message"]


def test_queries_by_get_are_refused(client: TestClient) -> None:
    response = client.get("/graphql", params={"query": "{ alerts { id } }"})
    # POST only: queries never end up in URLs and access logs.
    assert response.status_code == 400
    assert "not allowed when using GET" in response.text


def test_schema_graphql_is_current() -> None:
    exported = subprocess.run(
        [sys.executable, "-m", "strawberry", "export-schema", "api.graphql.schema:schema"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout  # fmt: skip
    on_disk = (ROOT / "schema.graphql").read_text("utf-8")
    assert exported.strip() == on_disk.strip() == str(schema).strip(), (
        "schema.graphql is stale: run `make schema`"
    )


def test_a_50_deep_query_is_refused(client: TestClient) -> None:
    # Valid field by field: who influences whom, followed 25 links (50 levels) down.
    nested = (
        '{ customer(id: "x") ' + "{ influencedBy { customer " * 25 + "{ name" + " } }" * 25 + " } }"
    )
    allowed = "{ alerts(first: 2) { nodes { customer { influencedBy { customer { name } } } } } }"
    body = gql(client, nested)
    assert "errors" in body
    assert "levels deep" in body["errors"][0]["message"].lower()
    assert body["errors"][0]["extensions"]["code"] == "COST_LIMIT"
    assert "data" not in body or body["data"] is None
    assert gql(client, allowed).get("errors") is None


def test_a_500_alias_query_is_refused(client: TestClient) -> None:
    aliases = " ".join(f"a{n}: alerts(first: 1) {{ totalCount }}" for n in range(500))
    response = client.post("/graphql", json={"query": "{ " + aliases + " }"})
    body = response.json()
    assert "errors" in body
    message = body["errors"][0]["message"].lower()
    assert "alias" in message or "token" in message


def test_introspection_can_be_switched_off(
    repo: Repository, make_settings: Callable[..., Settings]
) -> None:
    app = create_app(
        make_settings(db_name=repo.connection.database, api_introspection=False, api_auth=False),
        graphiql=False,
    )
    with TestClient(app) as http:
        body = http.post("/graphql", json={"query": "{ __schema { types { name } } }"}).json()
    assert "errors" in body


def test_who_influences_this_customer_with_evidence(client: TestClient, planted: Truth) -> None:
    top = planted.top_influencer
    follower = top.converted_followers[0]
    body = gql(
        client,
        """query($id: ID!) { customer(id: $id) {
             influencedBy(first: 20) { customerId weight evidence { kind count }
                                       topEvidence(first: 2) { kind at ref } } } }""",
        id=follower,
    )
    assert "errors" not in body, body
    links = {link["customerId"]: link for link in body["data"]["customer"]["influencedBy"]}
    link = links[top.customer]
    assert {"kind": "CONVERSIONS", "count": 1} in link["evidence"]
    assert link["topEvidence"][0]["kind"] == "conversions"
    assert link["topEvidence"][0]["at"]


def test_what_goes_with_the_green_shirt(client: TestClient, planted: Truth) -> None:
    body = gql(
        client,
        "query($id: ID!) { product(id: $id) { name relatedProducts(first: 2) { productId lift } } }",
        id=planted.complements.product,
    )
    related = body["data"]["product"]["relatedProducts"]
    assert tuple(r["productId"] for r in related) == planted.complements.top_two


def test_requests_without_a_valid_key_are_refused(
    repo: Repository, planted: Truth, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(db_name=repo.connection.database)
    store = KeyStore(settings.data_dir)
    reader, reader_text = store.create("reader", "frontend")
    query = {"query": "{ alerts(first: 1) { nodes { id } } }"}
    with TestClient(create_app(settings)) as http:
        missing = http.post("/graphql", json=query)
        assert missing.status_code == 401
        assert missing.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        wrong = http.post("/graphql", json=query, headers={"X-API-Key": "rk_nope_nope"})
        assert wrong.status_code == 401
        ok = http.post("/graphql", json=query, headers={"Authorization": f"Bearer {reader_text}"})
        assert ok.status_code == 200
        assert ok.json()["data"]["alerts"]["nodes"]
        refused = http.post(
            "/graphql",
            headers={"X-API-Key": reader_text},
            json={"query": 'mutation { acknowledgeAlert(id: "alert:x") { alert { status } } }'},
        ).json()
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        store.revoke(reader.id)
        assert (
            http.post("/graphql", json=query, headers={"X-API-Key": reader_text}).status_code == 401
        )


def test_employee_customers_and_the_handoff_brief(client: TestClient, planted: Truth) -> None:
    warm = planted.warmest_employee
    body = gql(
        client,
        """query($e: ID!, $c: ID!) {
             employee(id: $e) { name customers(first: 50) { nodes { customerId warmth } } }
             handoffBrief(customerId: $c) { customer { key name } purchases { at productId }
               interests { topic } complaints { alertId } trusts { employeeId score }
               influencedBy { customerId } influences { customerId } } }""",
        e=warm.employee,
        c=warm.customer,
    )
    assert "errors" not in body, body
    customers = body["data"]["employee"]["customers"]["nodes"]
    assert warm.customer in [c["customerId"] for c in customers]
    assert [c["warmth"] for c in customers] == sorted(
        (c["warmth"] for c in customers), reverse=True
    )
    brief = body["data"]["handoffBrief"]
    assert brief["customer"]["key"] == warm.customer
    assert brief["trusts"][0]["employeeId"] == warm.employee
    assert brief["purchases"]


def test_recompute_analytics_needs_an_admin_key(
    repo: Repository, planted: Truth, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(db_name=repo.connection.database)
    store = KeyStore(settings.data_dir)
    _, writer = store.create("writer")
    _, admin = store.create("admin")
    mutation = {"query": "mutation { recomputeAnalytics(incremental: true) { "
                "stages { name written } userErrors { code } } }"}  # fmt: skip
    with TestClient(create_app(settings)) as http:
        refused = http.post("/graphql", json=mutation, headers={"X-API-Key": writer}).json()
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        done = http.post("/graphql", json=mutation, headers={"X-API-Key": admin}).json()
    assert "errors" not in done, done
    assert [s["name"] for s in done["data"]["recomputeAnalytics"]["stages"]] == [
        "touched", "brands", "warmth", "interests", "alerts"
    ]  # fmt: skip


def test_a_subscriber_receives_the_alert_an_ingested_complaint_raises(
    client: TestClient, planted: Truth
) -> None:
    angry = planted.angry_post
    subscription = "subscription { alertRaised(minSeverity: 0.1) { id severity assigneeId } }"
    with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        ws.send_json({"type": "connection_init"})
        assert ws.receive_json()["type"] == "connection_ack"
        ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": subscription}})
        body = gql(
            client,
            "mutation($post: PostInput!) { ingestPost(post: $post) { alert { id } } }",
            post={"handle": angry.handle, "postId": "api-sub",
                  "text": "@rapportshop the Oxford Shirt is awful, worst purchase ever. Refund!"},
        )  # fmt: skip
        raised = body["data"]["ingestPost"]["alert"]["id"]
        message = ws.receive_json()
        assert message["type"] == "next"
        assert message["payload"]["data"]["alertRaised"]["id"] == raised
        assert message["payload"]["data"]["alertRaised"]["assigneeId"] == angry.assignee
        ws.send_json({"id": "1", "type": "complete"})


def test_events_are_written_whole_or_not_at_all(client: TestClient, planted: Truth) -> None:
    created = gql(
        client,
        'mutation { upsertCustomer(customer: {id: "api-c1", name: "Ada", city: "Lyon"}) '
        "{ customer { key name } created userErrors { field } } }",
    )
    assert created["data"]["upsertCustomer"] == {
        "customer": {"key": "api-c1", "name": "Ada"}, "created": 1, "userErrors": []
    }  # fmt: skip
    long_email = "x" * 5000
    refused = gql(
        client,
        f'mutation {{ upsertCustomer(customer: {{id: "api-c2", email: "{long_email}"}}) '
        "{ customer { key } userErrors { field code message } } }",
    )
    [problem] = refused["data"]["upsertCustomer"]["userErrors"]
    assert (problem["field"], problem["code"]) == ("email", "BAD_USER_INPUT")
    assert refused["data"]["upsertCustomer"]["customer"] is None
    assert gql(client, '{ customer(id: "api-c1") { name city } }')["data"]["customer"] == {
        "name": "Ada", "city": "Lyon"
    }  # fmt: skip
    shirt = planted.complements.product
    purchase = """mutation($p: PurchaseInput!) { recordPurchase(purchase: $p) {
        purchase { key total } created userErrors { field code hint } } }"""
    bad = gql(client, purchase, p={"id": "api-p1", "customerId": "api-c1",
                                   "lines": [{"productId": shirt, "quantity": 1, "unitPrice": 40},
                                             {"productId": "SKU-NOPE", "quantity": 1}]})  # fmt: skip
    [missing] = bad["data"]["recordPurchase"]["userErrors"]
    assert missing["code"] == "NOT_FOUND"
    assert "nothing was written" in missing["hint"]
    handoff = '{ handoffBrief(customerId: "api-c1") { purchases { productId } } }'
    assert gql(client, handoff)["data"]["handoffBrief"]["purchases"] == []
    good = gql(client, purchase, p={"id": "api-p1", "customerId": "api-c1",
                                    "lines": [{"productId": shirt, "quantity": 2, "unitPrice": 40}]})  # fmt: skip
    assert good["data"]["recordPurchase"]["purchase"] == {"key": "api-p1", "total": 80.0}
    assert gql(client, handoff)["data"]["handoffBrief"]["purchases"] == [{"productId": shirt}]


def test_interactions_accounts_and_follows(client: TestClient, planted: Truth) -> None:
    employee = planted.warmest_employee.employee
    log = ("mutation($i: InteractionInput!) { logInteraction(interaction: $i) { "
           "interaction { channel direction } created } }")  # fmt: skip
    wrong = gql(client, log, i={"customerId": "api-c1", "employeeId": employee, "channel": "fax"})
    assert wrong["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert (
        "'fax' is not a value of Channel: use one of EMAIL, CALL" in wrong["errors"][0]["message"]
    )
    ok = gql(client, log, i={"customerId": "api-c1", "employeeId": employee, "channel": "CALL",
                             "direction": "INBOUND", "subject": "sizes"})  # fmt: skip
    assert ok["data"]["logInteraction"]["created"] == 3  # interaction, HAD, HANDLED
    assert ok["data"]["logInteraction"]["interaction"] == {
        "channel": "CALL",
        "direction": "INBOUND",
    }
    linked = gql(
        client, 'mutation { linkAccount(ownerId: "api-c1", handle: "@Ada_L") { account { key } } }'
    )
    assert linked["data"]["linkAccount"]["account"] == {"key": "twitter:ada_l"}
    followed = gql(
        client, 'mutation { follow(follower: "ada_l", followed: "rapportshop") { created } }'
    )
    assert followed["data"]["follow"]["created"] >= 1
    self_follow = gql(
        client,
        'mutation { follow(follower: "ada_l", followed: "@ADA_L") { '
        "created userErrors { field code } } }",
    )
    assert self_follow["data"]["follow"] == {
        "created": 0, "userErrors": [{"field": "followed", "code": "BAD_USER_INPUT"}]
    }  # fmt: skip


def test_cors_only_for_configured_origins(
    repo: Repository, planted: Truth, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(
        db_name=repo.connection.database, api_cors_origins="https://crm.example", api_auth=False
    )
    preflight = {"Access-Control-Request-Method": "POST"}
    with TestClient(create_app(settings)) as http:
        allowed = http.options("/graphql", headers={**preflight, "Origin": "https://crm.example"})
        other = http.options("/graphql", headers={**preflight, "Origin": "https://evil.example"})
        # The query itself (POST /graphql, served without FastAPI's routing) carries them too.
        query = {"query": "{ __typename }"}
        posted = http.post("/graphql", json=query, headers={"Origin": "https://crm.example"})
        posted_other = http.post("/graphql", json=query, headers={"Origin": "https://evil.example"})
    assert allowed.headers.get("access-control-allow-origin") == "https://crm.example"
    assert "access-control-allow-origin" not in other.headers
    assert posted.json() == {"data": {"__typename": "Query"}}
    assert posted.headers.get("access-control-allow-origin") == "https://crm.example"
    assert "access-control-allow-origin" not in posted_other.headers


def test_alerts_raised_and_changed_by_another_process_reach_subscribers(
    client: TestClient,
    repo: Repository,
    planted: Truth,
    make_settings: Callable[..., Settings],
    run_rapport: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    """Only ingestPost on the same server used to reach alertRaised subscribers."""
    env = cli_env(make_settings(db_name=repo.connection.database))
    angry = planted.angry_post
    raised_q = "subscription { alertRaised { key status } }"
    updated_q = "subscription { alertUpdated { key status resolution } }"
    with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        ws.send_json({"type": "connection_init"})
        assert ws.receive_json()["type"] == "connection_ack"
        ws.send_json({"id": "r", "type": "subscribe", "payload": {"query": raised_q}})
        ws.send_json({"id": "u", "type": "subscribe", "payload": {"query": updated_q}})
        done = run_rapport("ingest-post", "--handle", angry.handle, "--id", "cli-sub", "--text",
                           "@rapportshop the zip broke on day one, worst purchase ever", env=env)  # fmt: skip
        assert done.returncode == 0, done.stderr
        raised = ws.receive_json()
        assert (raised["id"], raised["payload"]["data"]["alertRaised"]) == (
            "r", {"key": "alert:twitter:cli-sub", "status": "OPEN"},
        )  # fmt: skip
        done = run_rapport("alerts", "resolve", "alert:twitter:cli-sub", "--note", "refunded",
                           env=env)  # fmt: skip
        assert done.returncode == 0, done.stderr
        updated = ws.receive_json()
        assert (updated["id"], updated["payload"]["data"]["alertUpdated"]) == (
            "u", {"key": "alert:twitter:cli-sub", "status": "RESOLVED", "resolution": "refunded"},
        )  # fmt: skip


def test_every_field_and_argument_is_described() -> None:
    from graphql import GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

    from api.graphql.docs import ARGUMENTS, DESCRIPTIONS

    missing, documented = [], set()
    for name, t in schema._schema.type_map.items():
        if name.startswith("__") or not isinstance(
            t, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType
        ):
            continue
        for field_name, field in t.fields.items():
            documented.add(f"{name}.{field_name}")
            missing += [] if field.description else [f"{name}.{field_name}"]
            for arg_name, arg in getattr(field, "args", {}).items():
                documented.add(f"{name}.{field_name}({arg_name})")
                missing += [] if arg.description else [f"{name}.{field_name}({arg_name})"]
    assert missing == []
    assert set(DESCRIPTIONS) <= documented, set(DESCRIPTIONS) - documented  # nothing stale
    assert all(ARGUMENTS.values())


def test_topics_are_found_by_name_most_talked_about_first(client: TestClient) -> None:
    query = '{ some: topics(search: "#STY", first: 5) { topic posts interested } all: topics(first: 100) { topic posts } }'
    data = client.post("/graphql", json={"query": query}).json()["data"]
    assert [t["topic"] for t in data["some"]] == ["style"]  # '#' ignored, case folded
    assert data["some"][0]["posts"] > 0
    counts = [t["posts"] for t in data["all"]]
    assert counts == sorted(counts, reverse=True)
    assert "style" in {t["topic"] for t in data["all"]}


def test_a_new_customer_is_offered_best_sellers_saying_so(client: TestClient) -> None:
    created = client.post(
        "/graphql",
        json={
            "query": 'mutation { upsertCustomer(customer: {id: "c-brand-new", name: "New"}) { created } }'
        },
    )
    assert created.json()["data"]["upsertCustomer"]["created"] == 1
    query = '{ customer(id: "c-brand-new") { recommendations(first: 5) { productId score reasons { kind text } } } }'
    recs = client.post("/graphql", json={"query": query}).json()["data"]["customer"][
        "recommendations"
    ]
    assert len(recs) == 5
    assert {r["reasons"][0]["kind"] for r in recs} == {"BEST_SELLER"}
    assert recs[0]["reasons"][0]["text"].startswith("a best seller: in ")
    assert [r["score"] for r in recs] == sorted((r["score"] for r in recs), reverse=True)
