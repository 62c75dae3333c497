"""The fast lane for plain leaf fields answers exactly what graphql-core's own execution does:
same data, same key order, same errors with the same paths."""

from __future__ import annotations

import asyncio
import json
from enum import Enum

import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.graphql.execution import LeafFastExecution


@strawberry.enum
class Tier(Enum):
    GOLD = "gold"
    SILVER = "silver"


@strawberry.type
class Item:
    name: str
    note: str | None
    tier: Tier
    tags: list[str]
    maybe_tags: list[str | None] | None
    score: float

    @strawberry.field
    def shout(self, times: int = 1) -> str:
        return self.name.upper() * times

    @strawberry.field
    async def later(self) -> str:
        await asyncio.sleep(0)
        return f"later {self.name}"


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return [
            _item(name="a", tier=Tier.GOLD, tags=["x", "y"], maybe_tags=["p", None], score=1.5),
            _item(name="b", note="n", tier=Tier.SILVER, score=2.0),
        ]

    @strawberry.field
    def broken(self) -> list[Item]:
        # A non-null name that is null, and a score that cannot serialise: both errors.
        return [_item(name=None), _item(name="c", score="high")]


def _item(**given: object) -> Item:
    values: dict[str, object] = {"note": None, "tier": Tier.GOLD, "tags": [], "maybe_tags": None,
                                 "score": 1.0}  # fmt: skip
    return Item(**{**values, **given})  # type: ignore[arg-type]


FAST = strawberry.Schema(query=Query, execution_context_class=LeafFastExecution)
PLAIN = strawberry.Schema(
    query=Query, execution_context_class=StrawberryGraphQLCoreExecutionContext
)

QUERIES = [
    "{ items { name note tier tags maybeTags score } }",
    "{ items { score name } }",  # the query's order, not the type's
    "{ items { n: name again: name tier __typename } }",
    "{ items { name shout(times: 2) later note } }",  # mixed with resolvers, async included
    "{ items { ...F } } fragment F on Item { name tier }",
    "{ items { name @include(if: false) note @skip(if: false) } }",
    "{ broken { name score } }",
    "{ broken { note later score } }",
    "{ broken { note score } }",  # "high" is no Float
]


def _answer(schema: strawberry.Schema, query: str) -> str:
    result = asyncio.run(schema.execute(query))
    errors = [(e.message, e.path) for e in result.errors or []]
    return json.dumps({"data": result.data, "errors": errors})  # key order included


@pytest.mark.parametrize("query", QUERIES)
def test_the_fast_lane_answers_as_graphql_core_does(query: str) -> None:
    assert _answer(FAST, query) == _answer(PLAIN, query)


def test_a_null_in_a_non_null_leaf_is_reported_at_its_path() -> None:
    answer = json.loads(_answer(FAST, "{ broken { name score } }"))
    assert answer["data"] is None
    assert answer["errors"] == [
        ["Cannot return null for non-nullable field Item.name.", ["broken", 0, "name"]]
    ]
