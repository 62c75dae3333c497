"""Execution with a fast lane for plain leaf fields.

graphql-core executes every field alike: a path, a resolve info, the resolver, then completion
through four type checks. For a field that only reads an attribute of a view and returns a
scalar or an enum (``name``, ``influence``: most fields of most answers), that is ~15 µs of
Python for a ``getattr`` and a ``serialize``; a page of 20 customers with three fields spends
more of its time there than in the database. :class:`LeafFastExecution` works out once per
selection set which fields are such plain leaves and completes them in a tight loop.

Nothing changes in what a client sees. A plain leaf is a field of Strawberry's default
resolver (no resolver of ours, no field extension, no permission), without arguments, whose
type is a scalar, an enum or a list of them. Anything else goes down graphql-core's own path in
order, and if a plain leaf is null where its type says non-null, or fails to serialize, the
whole object is executed again by graphql-core, so errors keep their message and path.

A list of objects whose selection holds plain leaves only (a page of customers with their
``name`` and ``influence``) is completed in one loop too: each item is still checked against its
type (``is_type_of``), and any item that is null, awaitable or refused sends the whole list back
to graphql-core.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    Undefined,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

__all__ = ["LeafFastExecution"]


class _Refused(Exception):
    """A plain leaf whose value graphql-core must complete itself (for its error)."""


@dataclass(frozen=True, slots=True)
class _Leaf:
    """How to complete one plain leaf field without graphql-core's machinery."""

    resolve: Any
    serialize: Any
    non_null: bool
    # For a list of leaves: whether the list and its items may be null.
    is_list: bool = False
    items_non_null: bool = False

    def complete(self, source: Any) -> Any:
        value = self.resolve(source, None)
        if value is None or value is Undefined:
            if self.non_null:
                raise _Refused
            return None
        if not self.is_list:
            return self._one(value)
        if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
            raise _Refused
        items: list[Any] = []
        for item in value:
            if item is None:
                if self.items_non_null:
                    raise _Refused
                items.append(None)
            else:
                items.append(self._one(item))
        return items

    def _one(self, value: Any) -> Any:
        coerced = self.serialize(value)
        if coerced is None or coerced is Undefined:
            raise _Refused
        return coerced


def _leaf(field: Any) -> _Leaf | None:
    """The plan for ``field`` if it is a plain leaf, else ``None``."""
    resolve = field.resolve
    if field.args or not getattr(resolve, "_is_default", False):
        return None
    kind: Any = field.type
    non_null = isinstance(kind, GraphQLNonNull)
    if non_null:
        kind = kind.of_type
    if isinstance(kind, GraphQLList):
        item = kind.of_type
        items_non_null = isinstance(item, GraphQLNonNull)
        if items_non_null:
            item = item.of_type
        if not is_leaf_type(item):
            return None
        return _Leaf(resolve, item.coerce_output_value, non_null, True, items_non_null)
    if not is_leaf_type(kind):
        return None
    return _Leaf(resolve, kind.coerce_output_value, non_null)


class LeafFastExecution(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution, with plain leaf fields completed in one loop per object.

    A selection set's plan is worked out once per request (graphql-core hands the same
    grouped field set for every item of a list).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # id(grouped field set) -> (the set, kept alive so its id stays its own; its plan).
        self._plans: dict[int, tuple[GroupedFieldSet, list[_Leaf | None] | None]] = {}

    def _plan(
        self, parent_type: GraphQLObjectType, fields: GroupedFieldSet
    ) -> list[_Leaf | None] | None:
        """Per response key, the leaf plan or ``None``; ``None`` overall when no field is a
        plain leaf or a field is unknown (graphql-core then does everything)."""
        held = self._plans.get(id(fields))
        if held is not None and held[0] is fields:
            return held[1]
        plan: list[_Leaf | None] = []
        for details in fields.values():
            field = self.schema.get_field(parent_type, details[0].node.name.value)
            if field is None or any(d.node.arguments for d in details):
                plan = []
                break
            plan.append(_leaf(field))
        kept = plan if any(plan) else None
        self._plans[id(fields)] = (fields, kept)
        return kept

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        """The object's plain leaves here; the rest (and any failure) by graphql-core."""
        plan = self._plan(parent_type, grouped_field_set)
        if plan is None:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        results: dict[str, Any] = {}
        others: GroupedFieldSet = {}
        try:
            for (response_name, details), leaf in zip(grouped_field_set.items(), plan, strict=True):
                if leaf is None:
                    others[response_name] = details
                    results[response_name] = Undefined  # keeps the query's order
                else:
                    results[response_name] = leaf.complete(source_value)
            done = True
        except Exception:  # graphql-core reports it, with its path
            done = False
        if not done:  # outside the handler: the error it raises is not chained to this one
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        if not others:
            return results
        rest = super().execute_fields(parent_type, source_value, path, others, position_context)
        if self.is_awaitable(rest):
            return self._merged_later(results, rest)
        return _merged(results, rest)  # type: ignore[arg-type]

    def complete_iterable_value(
        self,
        item_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        items: Iterable[Any],
        position_context: Any,
    ) -> AwaitableOrValue[list[Any]]:
        """A list of objects of plain leaves in one loop; any other list by graphql-core."""
        kind = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
        if not isinstance(kind, GraphQLObjectType) or self.get_stream_usage(
            field_details_list, path
        ):
            return super().complete_iterable_value(
                item_type, field_details_list, info, path, items, position_context
            )
        grouped_field_set, defers, _ = self.collect_subfields(kind, field_details_list)
        plan = None if defers else self._plan(kind, grouped_field_set)
        if plan is None or None in plan:
            return super().complete_iterable_value(
                item_type, field_details_list, info, path, items, position_context
            )
        items = list(items)
        leaves = list(zip(grouped_field_set, plan, strict=True))
        is_type_of = kind.is_type_of
        completed: list[Any] = []
        try:
            for item in items:
                if item is None or (is_type_of is not None and is_type_of(item, info) is not True):
                    raise _Refused  # null, awaitable or of another type: graphql-core says so
                completed.append({name: leaf.complete(item) for name, leaf in leaves})  # type: ignore[union-attr]
            done = True
        except Exception:
            done = False
        if done:
            return completed
        return super().complete_iterable_value(
            item_type, field_details_list, info, path, items, position_context
        )

    async def _merged_later(self, results: dict[str, Any], rest: Any) -> dict[str, Any]:
        return _merged(results, await rest)


def _merged(results: dict[str, Any], rest: dict[str, Any]) -> dict[str, Any]:
    """The leaves and the others in the query's order; a field graphql-core left out (an
    unknown field) stays out, as it would have."""
    for key, value in rest.items():
        results[key] = value
    return {k: v for k, v in results.items() if v is not Undefined}
