"""Hostile requests are refused before they cost anything: fragment bombs, costly nesting,
oversize bodies and strings, cursor abuse, a reader's mutations; keys and subscriptions hold."""

from __future__ import annotations

import base64
import json
import logging
import threading
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.auth.keys import KeyStore, KeysUnavailable
from api.graphql.app import create_app
from api.graphql.limits import measure
from api.graphql.schema import schema
from graph.settings import Settings
from graph.store.repository import Repository
from importers.generate import Truth
from tests.api.helpers import gql


def fragment_bomb(levels: int) -> str:
    """``F{n}`` spreads ``F{n-1}`` twice: 2**levels fields in a few hundred bytes."""
    parts = ["fragment F0 on Customer { id }"]
    parts += [f"fragment F{n} on Customer {{ ...F{n - 1} ...F{n - 1} }}" for n in range(1, levels)]
    return f'{{ customer(id: "x") {{ ...F{levels - 1} }} }} ' + " ".join(parts)


def codes(body: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code", "") for e in body.get("errors") or []]


def test_a_fragment_bomb_is_measured_once_per_fragment_and_refused(client: TestClient) -> None:
    query = fragment_bomb(24)
    assert len(query) < 2000
    document = __import__("graphql").parse(query)
    shape = measure(schema._schema, document)
    assert shape.depth == 2
    assert shape.cost > 2**23  # what it would expand to, measured without expanding it
    body = gql(client, query)
    assert codes(body) == ["COST_LIMIT"]
    assert "could visit" in body["errors"][0]["message"]
    assert body.get("data") is None


def test_nested_connections_multiply_their_cost(client: TestClient, planted: Truth) -> None:
    nested = """{ customers(first: 100) { nodes { influences(first: 100) { customer {
        influences(first: 100) { customer { name } } } } } } }"""
    body = gql(client, nested)
    assert codes(body) == ["COST_LIMIT"]
    assert "limit is 50,000" in body["errors"][0]["message"]
    small = nested.replace("100", "3")
    assert "errors" not in gql(client, small)


def test_the_cost_uses_the_variables(client: TestClient, planted: Truth) -> None:
    query = """query($n: Int!) { customers(first: $n) { nodes { influences(first: $n) {
        customer { influences(first: $n) { weight } } } } } }"""
    assert codes(gql(client, query, n=100)) == ["COST_LIMIT"]
    assert "errors" not in gql(client, query, n=4)
    # Measures are remembered per document and `first`: the same document asking for more
    # again is still refused.
    assert codes(gql(client, query, n=100)) == ["COST_LIMIT"]


def test_aliases_hidden_in_fragments_are_counted(client: TestClient) -> None:
    aliases = " ".join(f"a{n}: name" for n in range(10))
    query = '{ customer(id: "x") { ...A ...B ...C ...D } } ' + " ".join(
        f"fragment {f} on Customer {{ {aliases} }}" for f in "ABCD"
    )
    body = gql(client, query)
    assert codes(body) == ["COST_LIMIT"]
    assert "40 aliases" in body["errors"][0]["message"]


def test_a_body_over_the_limit_is_refused_with_413(client: TestClient) -> None:
    query = '{ customers(search: "' + "x" * 2_000_000 + '") { totalCount } }'
    response = client.post("/graphql", json={"query": query})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_an_oversize_search_is_a_typed_error(client: TestClient) -> None:
    body = gql(client, "query($s: String) { customers(search: $s) { totalCount } }", s="x" * 300)
    assert codes(body)
    assert "at most 200" in body["errors"][0]["message"]
    assert "x" * 50 not in body["errors"][0]["message"]  # the input is not echoed back


@pytest.mark.parametrize(
    "cursor",
    [
        "A" * 10_000,
        base64.urlsafe_b64encode(b"at:" + b"9" * 40).decode(),
        base64.urlsafe_b64encode(b"at:-5").decode(),
        "not base64 at all!",
    ],
)
def test_a_forged_cursor_is_a_typed_error(client: TestClient, cursor: str) -> None:
    body = gql(client, "query($a: String) { alerts(first: 2, after: $a) { totalCount } }", a=cursor)
    assert codes(body) == ["BAD_USER_INPUT"]
    assert "not a cursor" in body["errors"][0]["message"]
    assert body["errors"][0]["message"] != "Unexpected error."


def test_a_readers_bad_mutation_is_refused_before_its_input_is_read(
    repo: Repository, planted: Truth, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(db_name=repo.connection.database)
    _, reader = KeyStore(settings.data_dir).create("reader", "abuse")
    with TestClient(create_app(settings), headers={"X-API-Key": reader}) as http:
        as_variables = http.post(
            "/graphql",
            json={"query": "mutation($c: CustomerInput!) { upsertCustomer(customer: $c) { created } }",
                  "variables": {"c": {"id": ["not", "a", "string"]}}},
        ).json()  # fmt: skip
    assert codes(as_variables) == ["FORBIDDEN"]
    assert "writer" in as_variables["errors"][0]["message"]


def test_without_introspection_the_schema_is_not_suggested_or_documented(
    repo: Repository, planted: Truth, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(db_name=repo.connection.database, api_introspection=False,
                             api_auth=False)  # fmt: skip
    with TestClient(create_app(settings)) as http:
        body = http.post("/graphql", json={"query": "{ customr(id: 1) { name } }"}).json()
        assert "Did you mean" not in json.dumps(body)
        assert "customer" not in body["errors"][0]["message"].replace("customr", "")
        for path in ("/docs", "/openapi.json", "/redoc"):
            assert http.get(path).status_code == 404


def test_twenty_keys_created_at_once_are_all_kept(tmp_path: Any) -> None:
    store = KeyStore(tmp_path)
    made: list[str] = []
    lock = threading.Lock()

    def create(n: int) -> None:
        key, _ = KeyStore(tmp_path).create("reader", f"k{n}")
        with lock:
            made.append(key.id)

    threads = [threading.Thread(target=create, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(k.id for k in store.list()) == sorted(made)
    assert len(made) == 20
    assert (tmp_path / "api-keys.json").stat().st_mode & 0o777 == 0o600


def test_a_damaged_key_store_is_a_503_with_a_hint(
    repo: Repository, planted: Truth, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(db_name=repo.connection.database)
    keys = settings.data_dir / "api-keys.json"
    KeyStore(settings.data_dir).create("reader", "before the damage")
    kept = keys.read_bytes()
    try:
        with TestClient(create_app(settings)) as http:
            keys.write_text("{ not json")
            response = http.post("/graphql", json={"query": "{ alerts { totalCount } }"},
                                 headers={"X-API-Key": "rk_x_y"})  # fmt: skip
        assert response.status_code == 503
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "UNAVAILABLE"
        assert error["extensions"]["reason"] == "KEYS_UNAVAILABLE"
        assert "rapport keys create" in error["extensions"]["hint"]
        with pytest.raises(KeysUnavailable):
            KeyStore(settings.data_dir).list()
    finally:
        keys.write_bytes(kept)


def test_revoking_a_key_ends_its_subscriptions(
    repo: Repository, planted: Truth, make_settings: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr("api.graphql.alerts.KEY_CHECK_SECONDS", 0.2)
    settings = make_settings(db_name=repo.connection.database)
    store = KeyStore(settings.data_dir)
    key, text = store.create("reader", "subscriber")
    with (
        TestClient(create_app(settings), headers={"X-API-Key": text}) as http,
        http.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws,
    ):
        ws.send_json({"type": "connection_init"})
        assert ws.receive_json()["type"] == "connection_ack"
        ws.send_json({"id": "1", "type": "subscribe",
                      "payload": {"query": "subscription { alertRaised { id } }"}})  # fmt: skip
        store.revoke(key.id)
        message = ws.receive_json()
        done = ws.receive_json()
    assert message["type"] == "next"
    error = message["payload"]["errors"][0]
    assert "revoked" in error["message"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert done["type"] == "complete"


def test_client_errors_are_logged_at_info_without_their_input(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """NOT_FOUND and bad arguments were logged at ERROR with a traceback and what was sent."""
    caplog.set_level(logging.DEBUG, logger="api")
    secret = "no-such-customer-7f3a"
    body = client.post(
        "/graphql", json={"query": f'{{ customer(id: "{secret}") {{ id }} }}'}
    ).json()
    assert body["data"] == {"customer": None} or codes(body)
    client.post("/graphql", json={"query": "{ influencers(first: -4) { nodes { id } } }"})
    client.post("/graphql", json={"query": "{ customer(id: 42) { nope } }"})
    mine = [r for r in caplog.records if r.name.startswith("api")]
    assert mine
    assert all(r.levelno <= logging.INFO and r.exc_info is None for r in mine)
    assert not any(secret in r.getMessage() or "nope" in r.getMessage() for r in mine)


def test_a_key_past_its_rate_is_refused_with_rate_limited(
    repo: Repository, planted: Truth, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(db_name=repo.connection.database, api_rate_limit=1.0)
    _, key = KeyStore(settings.data_dir).create("reader", "busy frontend")
    _, other = KeyStore(settings.data_dir).create("reader", "another frontend")
    query = {"query": "{ alerts(first: 1) { totalCount } }"}
    with TestClient(create_app(settings)) as http:
        codes = [http.post("/graphql", json=query, headers={"X-API-Key": key}).status_code
                 for _ in range(3)]  # fmt: skip
        refused = http.post("/graphql", json=query, headers={"X-API-Key": key})
        ok = http.post("/graphql", json=query, headers={"X-API-Key": other})
    assert codes[:2] == [200, 200]  # a burst of twice the rate
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    [error] = refused.json()["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert error["extensions"]["retryAfter"] >= 1
    assert ok.status_code == 200  # the limit is per key
