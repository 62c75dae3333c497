"""Pages of a list: opaque cursors and the slice a ``first``/``after`` request asks for.

A cursor is the base64 of an item's position in the ordered list (as in Relay's array
connections). Lists that live in the database are paged there with ``SKIP``/``LIMIT``
(:func:`window`); short lists read whole (one customer's purchases or posts) are paged here
(:func:`page_of`), so one batched read serves every customer of a request.

>>> p = page_of(["a", "b", "c", "d"], first=2)
>>> p.items, p.total, p.has_next, p.has_previous
(['a', 'b'], 4, True, False)
>>> page_of(["a", "b", "c", "d"], first=2, after=p.cursor(1)).items
['c', 'd']
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from graph.errors import ConfigError

T = TypeVar("T")
_PREFIX = "at:"


def encode_cursor(offset: int) -> str:
    """The opaque cursor of the item at ``offset``.

    >>> decode_cursor(encode_cursor(41))
    41
    """
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode()


_MOST_OFFSET = 10**9


def decode_cursor(cursor: str) -> int:
    """The offset a cursor stands for; :class:`ConfigError` for a cursor we did not hand out.

    >>> try:
    ...     decode_cursor("A" * 10_000)
    ... except ConfigError as exc:
    ...     print(exc.message)
    after: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'… is not a cursor of this list
    """
    bad = ConfigError(
        f"after: {cursor[:40]!r}{'…' if len(cursor) > 40 else ''} is not a cursor of this list",
        hint="pass the endCursor of the previous page (or leave `after` out)",
    )
    if len(cursor) > 64:
        raise bad
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(_PREFIX):
            raise ValueError(text)
        offset = int(text[len(_PREFIX) :])
    except (ValueError, UnicodeError, binascii.Error):
        raise bad from None
    if not 0 <= offset < _MOST_OFFSET:
        raise bad
    return offset


def check_first(first: int, most: int) -> None:
    """:class:`ConfigError` unless ``first`` is 1..``most`` (how many items one page may hold).

    >>> check_first(101, 100)
    Traceback (most recent call last):
    ...
    graph.errors.ConfigError: first must be 1..100, got 101 (hint: ask for fewer and page on \
with `after`)
    """
    if not 1 <= first <= most:
        raise ConfigError(
            f"first must be 1..{most}, got {first}", hint="ask for fewer and page on with `after`"
        )


def window(first: int, after: str | None, most: int) -> tuple[int, int]:
    """``(skip, limit)`` for a database page; ``limit`` is one more than asked, to see the next.

    >>> window(10, encode_cursor(9), 100)
    (10, 11)
    """
    check_first(first, most)
    skip = decode_cursor(after) + 1 if after else 0
    return skip, first + 1


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """Items of a longer list: where they start, and how many the whole list holds."""

    items: list[T]
    start: int
    total: int

    @property
    def has_next(self) -> bool:
        """More items follow this page."""
        return self.start + len(self.items) < self.total

    @property
    def has_previous(self) -> bool:
        """Items come before this page."""
        return self.start > 0

    def cursor(self, index: int) -> str:
        """The cursor of ``items[index]``."""
        return encode_cursor(self.start + index)


def page_of(items: Sequence[T], first: int, after: str | None = None, most: int = 100) -> Page[T]:
    """The page of ``items`` (already filtered and ordered) that ``first``/``after`` ask for."""
    check_first(first, most)
    start = decode_cursor(after) + 1 if after else 0
    return Page(list(items[start : start + first]), start, len(items))
