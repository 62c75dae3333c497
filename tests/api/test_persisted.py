"""Automatic persisted queries as Apollo Client's link speaks them: a hash alone runs a query
sent before, an unknown hash asks for the query, a wrong hash or version is refused."""

from __future__ import annotations

import hashlib

from fastapi.testclient import TestClient

from importers.generate import Truth

QUERY = "query One($id: ID!) { customer(id: $id) { key name } }"
DIGEST = hashlib.sha256(QUERY.encode()).hexdigest()


def _ask(digest: str = DIGEST, version: int = 1) -> dict[str, object]:
    return {"persistedQuery": {"version": version, "sha256Hash": digest}}


def test_a_hash_alone_runs_the_query_once_it_was_sent_with_it(
    client: TestClient, planted: Truth
) -> None:
    variables = {"id": planted.top_influencer.customer}
    missed = client.post("/graphql", json={"variables": variables, "extensions": _ask()})
    sent = client.post(
        "/graphql", json={"query": QUERY, "variables": variables, "extensions": _ask()}
    )
    again = client.post("/graphql", json={"variables": variables, "extensions": _ask()})
    assert missed.status_code == 200  # as Apollo Server: the link retries on this answer
    assert missed.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert missed.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert sent.json() == again.json()
    assert again.json()["data"]["customer"]["key"] == planted.top_influencer.customer


def test_a_wrong_hash_or_version_is_refused_with_the_field_at_fault(
    client: TestClient,
) -> None:
    wrong = client.post("/graphql", json={"query": "{ __typename }", "extensions": _ask()})
    version = client.post("/graphql", json={"extensions": _ask(version=2)})
    assert wrong.status_code == version.status_code == 400
    error = wrong.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "sha256Hash"
    assert version.json()["errors"][0]["extensions"]["field"] == "persistedQuery"


def test_a_hash_without_a_key_is_refused_before_anything(client: TestClient) -> None:
    refused = client.post("/graphql", json={"extensions": _ask()}, headers={"X-API-Key": ""})
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
