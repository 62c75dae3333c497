"""A query document answered once without error is run straight on graphql-core the next times:
the same answers, the same limits with each request's variables, and errors exactly as the full
way gives them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
import strawberry

from api.graphql.context import Context, Shared
from api.graphql.schema import build_schema
from graph.settings import Settings
from graph.store.repository import Repository
from importers.generate import Truth

ONE = "query One($id: ID!) { customer(id: $id) { key name influenceRank } }"
MANY = "query Many($n: Int!) { customers(first: $n) { nodes { key } } }"


@pytest.fixture(scope="module")
def ask(
    repo: Repository, planted: Truth, make_settings: Callable[..., Settings]
) -> Callable[..., tuple[Any, list[str], int]]:
    """Run a query as a reader; its data, error codes, and how many went the full way."""
    schema = build_schema(make_settings(db_name=repo.connection.database, api_max_cost=500))
    shared = Shared(repo)
    full = strawberry.Schema.execute

    def run(query: str, **variables: object) -> tuple[Any, list[str], int]:
        calls = 0

        async def counted(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            return await full(*args, **kwargs)

        strawberry.Schema.execute = counted  # type: ignore[method-assign]
        try:
            result = asyncio.run(
                schema.execute(query, variables, context_value=Context(shared, role="reader"))
            )
        finally:
            strawberry.Schema.execute = full  # type: ignore[method-assign]
        codes = [(e.extensions or {}).get("code", "") for e in result.errors or []]
        return result.data, codes, calls

    return run


def test_a_query_answered_once_takes_the_short_way_with_the_same_answer(
    ask: Callable[..., tuple[Any, list[str], int]], planted: Truth
) -> None:
    customer = planted.top_influencer.customer
    first = ask(ONE, id=customer)
    again = ask(ONE, id=customer)
    assert first[1] == again[1] == []
    assert first[0] == again[0]
    assert first[0]["customer"]["key"] == customer
    assert (first[2], again[2]) == (1, 0)


def test_errors_on_the_short_way_are_the_full_ways(
    ask: Callable[..., tuple[Any, list[str], int]], planted: Truth
) -> None:
    ask(ONE, id=planted.top_influencer.customer)
    data, codes, full = ask(ONE, id="no-such-customer")
    assert data == {"customer": None}
    assert codes == ["NOT_FOUND"]  # typed as the full way types it
    assert full == 1


def test_the_limits_hold_with_each_requests_variables(
    ask: Callable[..., tuple[Any, list[str], int]],
) -> None:
    assert ask(MANY, n=3)[1] == []
    assert ask(MANY, n=3)[2] == 0
    data, codes, full = ask(MANY, n=900)  # past the cost limit of 500
    assert (data, codes, full) == (None, ["COST_LIMIT"], 1)


def test_a_mutation_always_goes_the_full_way(
    ask: Callable[..., tuple[Any, list[str], int]],
) -> None:
    mutation = 'mutation { acknowledgeAlert(id: "nope") { userErrors { code } } }'
    for _ in range(2):
        _, codes, full = ask(mutation)
        assert (codes, full) == (["FORBIDDEN"], 1)  # a reader's mutation, refused each time
