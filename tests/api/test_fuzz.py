"""A bounded schemathesis run: generated queries and mutations never make the server fail."""

from __future__ import annotations

from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from graphql import get_introspection_query
from hypothesis import HealthCheck, given, settings

from importers.generate import Truth

EXAMPLES = 150


def test_generated_operations_never_get_a_server_error(client: TestClient, planted: Truth) -> None:
    raw = client.post("/graphql", json={"query": get_introspection_query()}).json()
    # recomputeAnalytics runs for seconds per call: it has tests of its own.
    schema = schemathesis.graphql.from_dict(raw["data"]).exclude(name="recomputeAnalytics")
    failures: list[str] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(case=schema.as_strategy())
    def ask(case: Any) -> None:
        response = client.post("/graphql", json={"query": case.body})
        if response.status_code >= 500:
            failures.append(f"{response.status_code} for {case.body}")
            return
        for error in response.json().get("errors") or []:
            # A masked error is one we did not expect: a bug, even with a 200.
            if error["message"] == "Unexpected error.":
                failures.append(f"unexpected error for {case.body}")

    ask()
    assert not failures, failures[:5]


def test_a_body_that_is_not_an_object_is_a_client_error(client: TestClient) -> None:
    response = client.post("/graphql", json="{ alerts { totalCount } }")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert "JSON object" in error["message"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    # Not JSON at all, or not sent as JSON: the same shape, saying what to send.
    garbled = client.post(
        "/graphql", content=b"{ alerts", headers={"content-type": "application/json"}
    )
    as_text = client.post("/graphql", content=b"{ alerts { totalCount } }",
                          headers={"content-type": "text/plain"})  # fmt: skip
    assert garbled.status_code == as_text.status_code == 400
    for refused in (garbled, as_text):
        [error] = refused.json()["errors"]
        assert "application/json" in error["extensions"]["hint"]
