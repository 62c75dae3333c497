"""What the domains share: list bounds, text search, write results, input checks."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import strawberry

from api.graphql.context import AnyInfo, page_limit, repo
from api.graphql.loaders import off_loop
from graph import times
from graph.answers import search as listing
from graph.answers.paging import check_first, window
from graph.errors import InvalidRecord
from graph.model import Node, Record
from graph.store.writes import write_atomically

T = TypeVar("T")


def short(info: AnyInfo, first: int) -> int:
    check_first(first, page_limit(info))
    return first


async def search_page(
    info: AnyInfo, where: listing.Filter, search: str | None, order: str, first: int,
    after: str | None,
) -> tuple[list[tuple[str, dict[str, object]]], int]:  # fmt: skip
    skip, limit = window(first, after, page_limit(info))
    rows = await off_loop(
        listing.find, repo(info), where, search=search, order=order, skip=skip, limit=limit
    )
    return rows, skip


def search_counter(
    info: AnyInfo, where: listing.Filter, search: str | None
) -> Callable[[], Awaitable[int]]:
    async def count() -> int:
        return await off_loop(listing.count, repo(info), where, search=search)

    return count


@strawberry.type(description="What a mutation wrote: created and updated records.")
class WriteResult:
    ids: list[strawberry.ID]
    created: int
    updated: int


async def write(info: AnyInfo, records: list[Record]) -> WriteResult:
    """Write one mutation's records in one transaction (writer role)."""
    info.context.require("writer")
    summary = await off_loop(write_atomically, repo(info), records)
    ids = [strawberry.ID(r.id) for r in records if isinstance(r, Node)]
    return WriteResult(ids=ids, created=summary.created, updated=summary.updated)


SOURCE = "api"


def required_id(field: str, value: object) -> str:
    text = str(value or "").strip()
    if not text:
        raise InvalidRecord(f"{field} is empty", hint=f"give the {field}")
    if len(text) > 200:
        raise InvalidRecord(f"{field} is longer than 200 characters", hint="ids are short")
    return text


def one_of(field: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is not None and value not in allowed:
        raise InvalidRecord(
            f"{field} {value!r} is not one of {', '.join(allowed)}", hint=f"fix {field}"
        )
    return value


def moment(value: datetime | None) -> datetime:
    return times.to_utc(value) if value is not None else datetime.now(UTC)


def from_view(cls: type[T], view: Any, **changed: Any) -> T:
    """The GraphQL type ``cls`` built from a graph view: every field the two share is copied
    (ids and names stay one fact, kept in the view), then ``changed`` is set on top.

    >>> @dataclasses.dataclass
    ... class View:
    ...     id: str
    ...     name: str
    ...     secret: str
    >>> @dataclasses.dataclass
    ... class Type:
    ...     id: str
    ...     name: str
    >>> from_view(Type, View("c1", "Ann", "x"), name="Ann L.")
    Type(id='c1', name='Ann L.')
    """
    wanted = {f.name for f in dataclasses.fields(cls) if f.init}  # type: ignore[arg-type]
    values = {f.name: getattr(view, f.name) for f in dataclasses.fields(view) if f.name in wanted}
    values.update(changed)
    return cls(**values)
