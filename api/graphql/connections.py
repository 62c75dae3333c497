"""Relay connections: ``edges { cursor node }``, ``pageInfo`` and ``totalCount``.

Lists that can grow are connections (DESIGN §6). A page comes either from a list read whole
and cut in Python (:func:`graph.answers.paging.page_of`) or from the database
(``SKIP``/``LIMIT`` one past the page, see :func:`graph.answers.paging.window`); then
``totalCount`` is only counted when asked.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from graph.answers.paging import Page

N = TypeVar("N")
T = TypeVar("T")


@strawberry.type(description="Where a page sits in its list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="An item of a page and its cursor (pass it as `after`).")
class Edge(Generic[N]):
    cursor: str
    node: N


@strawberry.type(description="A page of a longer list.")
class Connection(Generic[N]):
    edges: list[Edge[N]]
    page_info: PageInfo
    total: strawberry.Private[int | Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items the whole list holds.")
    async def total_count(self) -> int:
        return self.total if isinstance(self.total, int) else await self.total()

    @strawberry.field(description="The items of this page (the edges' nodes).")
    def nodes(self) -> list[N]:
        return [e.node for e in self.edges]


def connection(page: Page[T], make: Callable[[T], N]) -> Connection[N]:
    """The connection of a page whose total is known."""
    return _connection(page.items, page.start, page.start + len(page.items) < page.total, make,
                       page.total)  # fmt: skip


def db_connection(
    rows: Sequence[T],
    skip: int,
    first: int,
    make: Callable[[T], N],
    count: Callable[[], Awaitable[int]],
) -> Connection[N]:
    """The connection of a database page read with one row more than ``first`` (is there a next
    page?); ``count`` runs only if the client asks for ``totalCount``."""
    return _connection(list(rows[:first]), skip, len(rows) > first, make, count)


def _connection(
    items: list[T],
    start: int,
    has_next: bool,
    make: Callable[[T], N],
    total: int | Callable[[], Awaitable[int]],
) -> Connection[N]:
    page = Page(items, start, 0)
    edges = [Edge(cursor=page.cursor(i), node=make(item)) for i, item in enumerate(items)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total=total,
    )
