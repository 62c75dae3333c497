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


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Tagged(Named):
    tier: Tier


@strawberry.type
class Stranger:  # has a name and a tier, but is no Tagged
    name: str
    tier: Tier


@strawberry.type
class Query:
    @strawberry.field
    def maybe_items(self) -> list[Item | None]:
        return [_item(name="a"), None, _item(name="c")]

    @strawberry.field
    def tagged(self) -> list[Tagged]:
        return [Tagged(name="t", tier=Tier.GOLD), Stranger(name="s", tier=Tier.SILVER)]  # type: ignore[list-item]

    @strawberry.field
    def generated(self) -> list[Item]:
        return (_item(name=n) for n in "xyz")  # type: ignore[return-value]

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
    "{ maybeItems { name score } }",  # a null item in a list of nullable items
    "{ tagged { name tier } }",  # an item of another type
    "{ generated { name } }",  # a generator, not a list
    "{ items { tier } again: items { score name } }",
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


class _Counting(LeafFastExecution):
    objects = 0

    def complete_object_value(self, *args: object, **kwargs: object) -> object:
        type(self).objects += 1
        return super().complete_object_value(*args, **kwargs)  # type: ignore[arg-type]


def test_a_list_of_plain_leaves_is_completed_in_one_loop() -> None:
    counting = strawberry.Schema(query=Query, execution_context_class=_Counting)
    _Counting.objects = 0
    assert json.loads(_answer(counting, "{ items { name score } }"))["errors"] == []
    assert _Counting.objects == 0
    # A field with a resolver among them: each item goes through graphql-core.
    assert json.loads(_answer(counting, "{ items { name later } }"))["errors"] == []
    assert _Counting.objects == 2
