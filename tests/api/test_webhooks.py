"""Webhooks on this engine, against real receivers on 127.0.0.1: a complaint posted to the inbound X
endpoint reaches a registered receiver as a signed ``alert.raised``; a failing receiver gets
retries, then a dead letter that `rapport webhooks replay` delivers; what an analysis in another
process found reaches a receiver; Shopify orders and interaction events pushed in are read as
their exports are; bad deliveries are refused with a reason and kept."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.auth.keys import KeyStore
from api.graphql.app import create_app
from api.webhooks import signing
from api.webhooks.store import WebhookStore
from graph.jobs.analyze import analyze
from graph.settings import Settings
from graph.store.repository import Repository
from importers.generate import Truth
from importers.run.files import import_path
from tests.api.conftest import _free_port, running
from tests.conftest import cli_args
from tests.graphdata import run_cypher

X_SECRET = "x-consumer-secret-for-tests"
SHOPIFY_SECRET = "shopify-webhook-secret-for-tests"


@dataclass
class Receiver:
    """An HTTP receiver on 127.0.0.1 answering each path with the statuses it is given, in turn."""

    base: str
    answers: dict[str, list[int]] = field(default_factory=dict)
    got: list[dict[str, Any]] = field(default_factory=list)

    def wait_for(self, path: str, n: int = 1, timeout: float = 30) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [g for g in self.got if g["path"] == path]
            if len(found) >= n:
                return found
            time.sleep(0.02)
        raise AssertionError(f"{path}: {len([g for g in self.got if g['path'] == path])} of {n}")


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    port = _free_port()
    box = Receiver(f"http://127.0.0.1:{port}")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            box.got.append({"path": self.path, "headers": dict(self.headers), "body": body,
                            "at": time.monotonic()})  # fmt: skip
            queue = box.answers.get(self.path) or [200]
            status = queue.pop(0) if len(queue) > 1 else queue[0]
            self.send_response(status)
            self.end_headers()

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield box
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def hooked(
    repo: Repository, planted: Truth, make_settings: Callable[..., Settings]
) -> Iterator[tuple[str, Settings]]:
    """The app with X webhooks configured and quick retries, on a real port."""
    settings = make_settings(db_name=repo.connection.database, x_consumer_secret=X_SECRET,
                             shopify_webhook_secret=SHOPIFY_SECRET, webhook_retries=2,
                             webhook_backoff=0.05, api_event_poll=0.1)  # fmt: skip
    with running(create_app(settings)) as base:
        yield base, settings


def tweet(handle: str, tweet_id: str, text: str) -> bytes:
    """An X API v2 delivery (filtered stream shape) of one tweet."""
    return json.dumps({
        "data": {"id": tweet_id, "text": text, "author_id": "u1",
                 "created_at": "2026-12-05T09:00:00.000Z"},
        "includes": {"users": [{"id": "u1", "username": handle, "name": handle}]},
    }).encode()  # fmt: skip


def post_x(base: str, body: bytes, secret: str = X_SECRET) -> httpx.Response:
    signature = signing.x_digest(secret, body)
    return httpx.post(f"{base}/hooks/x", content=body, timeout=60,
                      headers={"x-twitter-webhooks-signature": signature})  # fmt: skip


def test_the_x_crc_challenge_is_answered(hooked: tuple[str, Settings]) -> None:
    base, _ = hooked
    answer = httpx.get(f"{base}/hooks/x", params={"crc_token": "challenge"})
    assert answer.json() == {"response_token": signing.x_digest(X_SECRET, b"challenge")}
    assert httpx.get(f"{base}/hooks/x").status_code == 400


def test_unsigned_and_unreadable_deliveries_are_refused_and_kept(
    hooked: tuple[str, Settings],
) -> None:
    base, settings = hooked
    forged = post_x(base, tweet("someone", "1", "hello"), secret="not-the-secret")
    assert forged.status_code == 401
    assert "RAPPORT_X_CONSUMER_SECRET" in forged.json()["errors"][0]["extensions"]["hint"]
    unreadable = post_x(base, b'{"what": "ever"}')
    assert unreadable.status_code == 400
    assert "tweet_create_events" in unreadable.json()["errors"][0]["message"]
    kept = (settings.data_dir / "rejects" / "webhooks-x.jsonl").read_text().splitlines()
    assert json.loads(kept[-1])["raw"] == '{"what": "ever"}'


def test_without_a_secret_the_endpoint_says_how_to_configure_it(client: Any) -> None:
    answer = client.post("/hooks/x", content=b"{}")
    assert answer.status_code == 503
    assert "RAPPORT_X_CONSUMER_SECRET" in answer.json()["errors"][0]["extensions"]["hint"]


def test_a_complaint_to_the_x_endpoint_reaches_a_receiver_as_a_signed_alert(
    hooked: tuple[str, Settings], receiver: Receiver, planted: Truth
) -> None:
    base, settings = hooked
    sub = WebhookStore(settings.data_dir).add(f"{receiver.base}/ok", ["alert.raised"])
    time.sleep(1.0)  # the dispatcher looks at the subscriptions every 4 polls (0.4 s here)
    angry = planted.angry_post
    body = tweet(
        angry.handle, "990001", "@rapportshop my new coat ripped on day one. Awful, refund me now"
    )
    sent = time.monotonic()
    answer = post_x(base, body)
    assert answer.status_code == 200, answer.text
    assert len(answer.json()["alerts"]) == 1
    (got,) = receiver.wait_for("/ok")
    print(f"complaint -> signed alert.raised at the receiver: {(got['at'] - sent) * 1000:.0f} ms")
    headers = {k.lower(): v for k, v in got["headers"].items()}
    assert headers["rapport-event"] == "alert.raised"
    assert signing.verify(sub.secret, headers["rapport-signature"], got["body"])
    assert not signing.verify("whsec_other", headers["rapport-signature"], got["body"])
    event = json.loads(got["body"])
    assert event["type"] == "alert.raised"
    assert event["data"]["alert"]["id"] == answer.json()["alerts"][0]
    assert event["data"]["alert"]["customer"] == angry.customer
    # The same tweet again changes nothing: no second alert, no second event.
    again = post_x(base, body)
    assert again.status_code == 200
    time.sleep(1.5)
    assert len([g for g in receiver.got if g["path"] == "/ok"]) == 1
    WebhookStore(settings.data_dir).remove(sub.id)


def test_a_failing_receiver_gets_retries_then_a_dead_letter_that_replays(
    hooked: tuple[str, Settings], receiver: Receiver, planted: Truth,
    run_rapport: Callable[..., Any],
) -> None:  # fmt: skip
    base, settings = hooked
    store = WebhookStore(settings.data_dir)
    receiver.answers["/flaky"] = [500, 503, 200]
    receiver.answers["/down"] = [500]
    flaky = store.add(f"{receiver.base}/flaky", ["alert.raised"])
    down = store.add(f"{receiver.base}/down", ["alert.raised"])
    time.sleep(1.0)  # as above: a loaded machine may look late
    body = tweet(
        planted.angry_post.handle, "990002", "@rapportshop the zip broke, terrible quality"
    )
    assert post_x(base, body).status_code == 200
    receiver.wait_for("/flaky", 3)  # 500, 503, then 200: delivered at the third attempt
    receiver.wait_for("/down", 3)  # three attempts, all refused

    def flaky_attempts() -> list[dict[str, Any]]:
        return [a for a in store.attempts() if a["webhook"] == flaky.id]

    # The receiver has the third request before the deliverer records its answer: wait for both.
    deadline = time.monotonic() + 10
    while (not store.dead() or len(flaky_attempts()) < 3) and time.monotonic() < deadline:
        time.sleep(0.05)
    (letter,) = store.dead()
    assert letter.webhook == down.id
    assert [a["status"] for a in flaky_attempts()] == [500, 503, 200]
    receiver.answers["/down"] = [200]  # the receiver is back
    done = run_rapport(*cli_args(settings), "webhooks", "replay")
    assert done.returncode == 0, done.stderr
    assert "replayed 1 of 1" in done.stdout
    assert store.dead() == []
    last = receiver.got[-1]
    assert last["path"] == "/down"
    assert json.loads(last["body"]) == json.loads(letter.body)
    headers = {k.lower(): v for k, v in last["headers"].items()}
    assert signing.verify(down.secret, headers["rapport-signature"], last["body"])


def test_what_an_analysis_in_another_process_found_reaches_a_receiver(
    hooked: tuple[str, Settings], receiver: Receiver, planted: Truth, repo: Repository
) -> None:
    _, settings = hooked
    sub = WebhookStore(settings.data_dir).add(
        f"{receiver.base}/analysis", ["analysis.finished", "warmth.crossed"]
    )
    time.sleep(1.0)  # as above: a loaded machine may look late
    pair = planted.warmest_employee
    (row,) = run_cypher(repo, "MATCH (:Employee {id: $e})-[r:RAPPORT]->(:Customer {id: $c}) "
                     "RETURN r.warmth AS w", e=pair.employee, c=pair.customer)  # fmt: skip
    run_cypher(repo, "MATCH (:Employee {id: $e})-[r:RAPPORT]->(:Customer {id: $c}) "
            "SET r.warmth = 0.0, r.digest = ''", e=pair.employee, c=pair.customer)  # fmt: skip
    tuned = Repository(repo.connection)
    tuned.settings = repo.settings.model_copy(update={"webhook_warmth_threshold": row["w"] - 1})
    analyze(tuned, only=["warmth"])
    got = receiver.wait_for("/analysis", 2)
    events = {json.loads(g["body"])["type"]: json.loads(g["body"]) for g in got}
    assert events["warmth.crossed"]["data"]["employee"] == pair.employee
    assert events["warmth.crossed"]["data"]["direction"] == "up"
    assert [s["name"] for s in events["analysis.finished"]["data"]["stages"]] == ["warmth"]
    for g in got:
        headers = {k.lower(): v for k, v in g["headers"].items()}
        assert signing.verify(sub.secret, headers["rapport-signature"], g["body"])
    WebhookStore(settings.data_dir).remove(sub.id)


def _order(name: str, email: str, lines: list[tuple[str, int, str]]) -> bytes:
    """A Shopify orders/create body (the fields Rapport reads, as Shopify sends them)."""
    return json.dumps({
        "id": 5_000_000_000 + len(name), "name": name, "email": email,
        "created_at": "2026-12-04T10:42:11-05:00", "currency": "EUR", "total_price": "78.00",
        "financial_status": "paid", "fulfillment_status": None, "source_name": "web",
        "buyer_accepts_marketing": True, "phone": None,
        "note_attributes": [{"name": "utm_source", "value": "instagram"}],
        "discount_codes": [{"code": "WELCOME10", "amount": "8.00", "type": "percentage"}],
        "billing_address": {"first_name": "Nora", "last_name": "Quinn", "name": "Nora Quinn",
                            "city": "Cork", "country": "Ireland", "country_code": "IE"},
        "customer": {"id": 42, "email": email, "accepts_marketing": True},
        "line_items": [{"id": n, "sku": sku, "name": f"Item {sku}", "title": f"Item {sku}",
                        "quantity": qty, "price": price, "vendor": "Rapport"}
                       for n, (sku, qty, price) in enumerate(lines)],
    }).encode()  # fmt: skip


def post_shopify(
    base: str, body: bytes, topic: str = "orders/create", secret: str = SHOPIFY_SECRET
) -> httpx.Response:
    headers = {
        "X-Shopify-Hmac-Sha256": signing.shopify_digest(secret, body),
        "X-Shopify-Topic": topic,
        "X-Shopify-Shop-Domain": "rapport.myshopify.com",
    }
    return httpx.post(f"{base}/hooks/shopify", content=body, headers=headers, timeout=60)


def test_a_signed_shopify_order_is_a_purchase_of_the_customer_it_names(
    hooked: tuple[str, Settings], planted: Truth, repo: Repository
) -> None:
    base, _ = hooked
    (known,) = run_cypher(repo, "MATCH (c:Customer {id: $id}) RETURN c.email AS email",
                       id=planted.warmest_employee.customer)  # fmt: skip
    sku = planted.top_influencer.product
    body = _order("#W9001", known["email"].upper(), [(sku, 2, "39.00"), ("SKU-NEW-HAT", 1, "19")])
    answer = post_shopify(base, body)
    assert answer.status_code == 200, answer.text
    assert answer.json()["purchase"] == "shopify:#W9001"
    lines = run_cypher(repo, "MATCH (c:Customer)-[:MADE]->(p:Purchase {id: 'shopify:#W9001'})"
                    "-[k:CONTAINS]->(x:Product) RETURN c.id AS c, x.id AS x, k.quantity AS q, "
                    "p.utmSource AS utm, p.discountCode AS code ORDER BY x")  # fmt: skip
    customer = planted.warmest_employee.customer
    assert sorted((r["c"], r["x"], r["q"]) for r in lines) == sorted(
        [(customer, sku, 2), (customer, "SKU-NEW-HAT", 1)]
    )
    assert {(r["utm"], r["code"]) for r in lines} == {("instagram", "WELCOME10")}
    # Shopify delivers at least once: the same order again changes nothing.
    again = post_shopify(base, body, topic="orders/updated")
    assert again.status_code == 200
    assert again.json()["created"] == 0
    assert len(run_cypher(repo, "MATCH (:Purchase {id: 'shopify:#W9001'})-[k:CONTAINS]->() "
                       "RETURN k.quantity AS q")) == 2  # fmt: skip
    # A buyer the CRM does not know becomes a customer, by e-mail, with the billing name.
    fresh = post_shopify(base, _order("#W9002", "nora.quinn@example.com", [(sku, 1, "39")]))
    assert fresh.status_code == 200, fresh.text
    (made,) = run_cypher(repo, "MATCH (c:Customer)-[:MADE]->(:Purchase {id: 'shopify:#W9002'}) "
                      "RETURN c.id AS id, c.name AS name, c.acceptsMarketing AS consent")  # fmt: skip
    assert made == {"id": "email:nora.quinn@example.com", "name": "Nora Quinn", "consent": True}


def test_an_order_pushed_and_later_exported_is_one_purchase(
    hooked: tuple[str, Settings], planted: Truth, repo: Repository, tmp_path: Path
) -> None:
    base, _ = hooked
    sku = planted.top_influencer.product
    body = _order("#W9100", "ivy.lane@example.com", [(sku, 3, "39.00")])
    assert post_shopify(base, body).status_code == 200
    export = tmp_path / "orders_export.csv"
    export.write_text(
        "Name,Email,Financial Status,Accepts Marketing,Currency,Total,Created at,"
        "Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name\r\n"
        f"#W9100,ivy.lane@example.com,paid,yes,EUR,117.00,2026-12-04 10:42:11 -0500,3,"
        f"Item {sku},39.00,{sku},Nora Quinn\r\n"
    )
    report = import_path(repo, export, format_name="shopify", live_progress=False)
    assert report.rejected == 0
    found = run_cypher(repo, "MATCH (c:Customer)-[:MADE]->(p:Purchase {id: 'shopify:#W9100'})"
                    "-[k:CONTAINS]->(x:Product) RETURN c.id AS c, x.id AS x, k.quantity AS q, "
                    "p.at AS at")  # fmt: skip
    assert [(r["c"], r["x"], r["q"]) for r in found] == [("email:ivy.lane@example.com", sku, 3)]


def test_bad_shopify_deliveries_are_refused_and_kept_and_other_topics_left_alone(
    hooked: tuple[str, Settings],
) -> None:
    base, settings = hooked
    forged = post_shopify(base, _order("#W1", "a@example.com", [("X", 1, "1")]), secret="nope")
    assert forged.status_code == 401
    assert "RAPPORT_SHOPIFY_WEBHOOK_SECRET" in forged.json()["errors"][0]["extensions"]["hint"]
    ignored = post_shopify(base, b'{"id": 7}', topic="orders/delete")
    assert ignored.status_code == 200
    assert ignored.json()["ignored"] == "orders/delete"
    broken = post_shopify(base, b'{"id": 7, "name": "#W2"}')
    assert broken.status_code == 400
    assert "line_items" in broken.json()["errors"][0]["message"]
    kept = (settings.data_dir / "rejects" / "webhooks-shopify.jsonl").read_text().splitlines()
    assert json.loads(kept[-1])["raw"] == '{"id": 7, "name": "#W2"}'


def test_interaction_events_from_a_writer_are_read_like_the_csv(
    hooked: tuple[str, Settings], planted: Truth, repo: Repository
) -> None:
    base, settings = hooked
    keys = KeyStore(settings.data_dir)
    _, writer = keys.create("writer", "events")
    _, reader = keys.create("reader", "events")
    pair = planted.warmest_employee
    (known,) = run_cypher(repo, "MATCH (c:Customer {id: $id}) RETURN c.email AS email",
                       id=pair.customer)  # fmt: skip
    events = [
        {"type": "interaction", "employee": pair.employee, "customer": known["email"],
         "channel": "call", "at": "2026-12-04T10:00:00Z", "direction": "inbound",
         "subject": "Fit question", "notes": "Lovely help, very happy with the new coat"},
        {"type": "interaction", "employee": "e-nobody", "customer": known["email"],
         "channel": "call", "at": "2026-12-04T11:00:00Z"},
    ]  # fmt: skip
    url = f"{base}/hooks/events"
    assert httpx.post(url, json=events).status_code == 401
    refused = httpx.post(url, json=events, headers={"X-API-Key": reader})
    assert refused.status_code == 403
    assert "writer" in refused.json()["errors"][0]["extensions"]["hint"]
    answer = httpx.post(url, json=events, headers={"X-API-Key": writer}, timeout=120)
    assert answer.status_code == 200, answer.text
    got = answer.json()
    assert len(got["ingested"]) == 1
    assert got["refused"] == [{"index": 1, "reason": "unknown employee 'e-nobody'"}]
    (row,) = run_cypher(repo, "MATCH (c:Customer)-[:HAD]->(i:Interaction {id: $id})<-[:HANDLED]-"
                     "(e:Employee) RETURN c.id AS c, e.id AS e, i.sentiment AS s",
                     id=got["ingested"][0])  # fmt: skip
    assert (row["c"], row["e"]) == (pair.customer, pair.employee)
    assert row["s"] > 0.3  # enriched: the notes are warm
    again = httpx.post(url, json=events[:1], headers={"X-API-Key": writer}, timeout=120)
    assert again.json()["created"] == 0
    kept = (settings.data_dir / "rejects" / "webhooks-events.jsonl").read_text().splitlines()
    assert "e-nobody" in json.loads(kept[-1])["reason"]
    unreadable = httpx.post(url, content=b"{not json", headers={"X-API-Key": writer})
    assert unreadable.status_code == 400
    # Someone who arrived after the endpoint last read the directory is found, not refused.
    sku = planted.top_influencer.product
    assert post_shopify(
        base, _order("#W9300", "late.comer@example.com", [(sku, 1, "9")])
    ).is_success
    late = {**events[0], "customer": "late.comer@example.com"}
    taken = httpx.post(url, json=late, headers={"X-API-Key": writer}, timeout=120)
    assert taken.status_code == 200, taken.text
    assert taken.json()["refused"] == []


def test_admins_manage_webhooks_through_graphql(
    hooked: tuple[str, Settings], receiver: Receiver
) -> None:
    base, settings = hooked
    keys = KeyStore(settings.data_dir)
    _, admin = keys.create("admin", "hooks")
    _, writer = keys.create("writer", "hooks")

    def gql(key: str, query: str, **variables: object) -> dict[str, Any]:
        answer = httpx.post(f"{base}/graphql", json={"query": query, "variables": variables},
                            headers={"X-API-Key": key}, timeout=60)  # fmt: skip
        return dict(answer.json())

    add = """mutation($url: String!, $events: [String!]) {
      addWebhook(url: $url, events: $events) {
        webhook { id url events createdAt } signingSecret userErrors { field code message hint }
      } }"""
    refused = gql(writer, add, url=f"{receiver.base}/gql")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    bad = gql(admin, add, url="ftp://nowhere", events=["alert.raised"])["data"]["addWebhook"]
    assert bad["webhook"] is None
    assert bad["userErrors"][0]["field"] == "url"
    unknown = gql(admin, add, url=f"{receiver.base}/gql", events=["alert.sneezed"])
    assert "analysis.finished" in unknown["data"]["addWebhook"]["userErrors"][0]["hint"]
    added = gql(admin, add, url=f"{receiver.base}/gql", events=["analysis.finished"])
    hook = added["data"]["addWebhook"]
    assert hook["webhook"]["events"] == ["analysis.finished"]
    assert hook["signingSecret"].startswith("whsec_")
    assert hook["webhook"]["createdAt"].endswith("+00:00")
    listed = gql(admin, "{ webhooks { id url } }")["data"]["webhooks"]
    assert {"id": hook["webhook"]["id"], "url": f"{receiver.base}/gql"} in listed
    assert WebhookStore(settings.data_dir).all()[-1].secret == hook["signingSecret"]
    log = gql(admin, "{ webhookDeliveries(last: 5) { attempts { event status } deadLetters } }")
    assert len(log["data"]["webhookDeliveries"]["attempts"]) <= 5
    none = gql(admin, 'mutation { replayWebhookDeliveries(deliveryId: "dlv_nope") '
               "{ replayed userErrors { code field } } }")  # fmt: skip
    assert none["data"]["replayWebhookDeliveries"]["userErrors"] == [
        {"code": "NOT_FOUND", "field": "delivery"}
    ]
    remove = (
        "mutation($id: ID!) { removeWebhook(id: $id) { removedWebhookId userErrors { code } } }"
    )
    gone = gql(admin, remove, id=hook["webhook"]["id"])["data"]["removeWebhook"]
    assert gone == {"removedWebhookId": hook["webhook"]["id"], "userErrors": []}
    again = gql(admin, remove, id=hook["webhook"]["id"])["data"]["removeWebhook"]
    assert again["userErrors"] == [{"code": "NOT_FOUND"}]
