"""Webhooks on this engine, against real receivers on 127.0.0.1: a complaint posted to the inbound X
endpoint reaches a registered receiver as a signed ``alert.raised``; a failing receiver gets
retries, then a dead letter that `rapport webhooks replay` delivers; bad deliveries are refused
with a reason and kept."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from api.graphql.app import create_app
from api.webhooks import signing
from api.webhooks.store import WebhookStore
from graph.settings import Settings
from graph.store.repository import Repository
from importers.generate import Truth
from tests.api.conftest import _free_port, running
from tests.conftest import cli_args

X_SECRET = "x-consumer-secret-for-tests"


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
                             webhook_retries=2, webhook_backoff=0.05, api_event_poll=0.1)  # fmt: skip
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
    time.sleep(0.6)  # the dispatcher looks at the subscriptions every 4 polls (0.4 s here)
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
    time.sleep(0.6)
    body = tweet(
        planted.angry_post.handle, "990002", "@rapportshop the zip broke, terrible quality"
    )
    assert post_x(base, body).status_code == 200
    receiver.wait_for("/flaky", 3)  # 500, 503, then 200: delivered at the third attempt
    receiver.wait_for("/down", 3)  # three attempts, all refused
    deadline = time.monotonic() + 10
    while not store.dead() and time.monotonic() < deadline:
        time.sleep(0.05)
    (letter,) = store.dead()
    assert letter.webhook == down.id
    attempts = [a for a in store.attempts() if a["webhook"] == flaky.id]
    assert [a["status"] for a in attempts] == [500, 503, 200]
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
