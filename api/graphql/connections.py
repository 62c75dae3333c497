"""Relay connections: ``edges { cursor node }``, ``pageInfo`` and ``totalCount``, paged both ways.

Lists that can grow are connections (DESIGN §6), paged with ``first``/``after`` or
``last``/``before``. Cursors are keyset cursors (:mod:`graph.answers.paging`): they hold the
item's sort key, so writes between two page loads never repeat or skip an item. A page comes
either from a list read whole and cut in Python (:func:`graph.answers.paging.page_of`) or from
the database (:class:`graph.answers.paging.Window`); then ``totalCount`` is only counted when
asked.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Annotated, Any, Generic, TypeVar

import strawberry

from graph.answers.paging import Page

N = TypeVar("N")
T = TypeVar("T")

First = Annotated[
    int | None,
    strawberry.argument(
        description="How many items from the start, or after `after` (10 when neither first nor "
        "last is given)."
    ),
]
After = Annotated[
    str | None, strawberry.argument(description="Only items after this cursor (forward).")
]
Last = Annotated[
    int | None,
    strawberry.argument(description="How many items from the end, or before `before`."),
]
Before = Annotated[
    str | None, strawberry.argument(description="Only items before this cursor (backward).")
]


@strawberry.enum(description="Which way a list is sorted.")
class SortDirection(Enum):
    ASC = "asc"
    DESC = "desc"


Direction = Annotated[
    SortDirection | None,
    strawberry.argument(description="Ascending or descending (null: the order's natural one)."),
]


def descending(direction: SortDirection | None, natural: bool) -> bool:
    """Whether a list runs descending: as asked, else its natural direction."""
    return natural if direction is None else direction is SortDirection.DESC


@strawberry.type(description="Where a page sits in its list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items come before this page.")
    page: strawberry.Private[Page[Any]]

    # The cursors are encoded when asked, as the edges' are.
    @strawberry.field(description="The cursor of the first item.")
    def start_cursor(self) -> str | None:
        return self.page.cursor(0) if self.page.items else None

    @strawberry.field(description="The cursor of the last item.")
    def end_cursor(self) -> str | None:
        return self.page.cursor(len(self.page.items) - 1) if self.page.items else None


@strawberry.type(description="An item of a page and its cursor (pass it as `after` or `before`).")
class Edge(Generic[N]):
    node: N = strawberry.field(description="The item.")
    page: strawberry.Private[Page[Any]]
    index: strawberry.Private[int]

    @strawberry.field(description="Opaque; stable while the item exists.")
    def cursor(self) -> str:
        # Encoded when asked: most queries read `nodes` and never the cursors.
        return self.page.cursor(self.index)


@strawberry.type(description="A page of a longer list.")
class Connection(Generic[N]):
    page_info: PageInfo = strawberry.field(description="Whether more items come before or after.")
    items: strawberry.Private[list[N]]
    total: strawberry.Private[int | Callable[[], Awaitable[int]]]

    # The edges are made when asked: most queries read `nodes` and never the edges.
    @strawberry.field(description="The items with their cursors.")
    def edges(self) -> list[Edge[N]]:
        page = self.page_info.page
        return [Edge(node=node, page=page, index=i) for i, node in enumerate(self.items)]

    @strawberry.field(description="How many items the whole list holds.")
    async def total_count(self) -> int:
        return self.total if isinstance(self.total, int) else await self.total()

    @strawberry.field(description="The items of this page (the edges' nodes).")
    def nodes(self) -> list[N]:
        return self.items


def connection(
    page: Page[T], make: Callable[[T], N], total: int | Callable[[], Awaitable[int]]
) -> Connection[N]:
    """The connection of a page; ``total`` is a number, or counted only when asked."""
    return Connection(
        items=[make(item) for item in page.items],
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            page=page,
        ),
        total=total,
    )
