"""Pages of a list: keyset cursors, both ways (Relay's ``first/after`` and ``last/before``).

A cursor is the base64 of the item's **sort key** (its ordering values and its id), not of its
position: a new item arriving between two page loads never repeats or skips one (the next page
starts after the key, wherever it now sits). Lists that live in the database are paged there
(:class:`Window`: the statement compares with the cursor's key); short lists read whole (one
customer's purchases or posts) are paged here (:func:`page_of`), so one batched read serves every
customer of a request.

>>> items = ["a", "b", "c", "d"]
>>> p = page_of(items, key=lambda s: (s,), first=2)
>>> p.items, p.has_next, p.has_previous
(['a', 'b'], True, False)
>>> page_of(items + ["ab"], key=lambda s: (s,), first=2, after=p.cursor(1)).items  # "ab" is new
['c', 'd']
>>> page_of(items, key=lambda s: (s,), last=2, before=p.cursor(1)).items
['a']
"""

from __future__ import annotations

import base64
import binascii
import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from graph.errors import InvalidInput

T = TypeVar("T")
Key = tuple[str | int | float | bool, ...]
_PREFIX = "k1:"
_MOST_CURSOR = 600  # characters: a sort key is a few short values


def encode_cursor(key: Key) -> str:
    """The opaque cursor of the item whose sort key is ``key``.

    >>> decode_cursor(encode_cursor((0.5, "ann", "c1")), "after")
    (0.5, 'ann', 'c1')
    """
    text = _PREFIX + json.dumps(list(key), separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode()


def decode_cursor(cursor: str, name: str) -> Key:
    """The sort key a cursor stands for; :class:`InvalidInput` for one we did not hand out.

    >>> try:
    ...     decode_cursor("A" * 10_000, "after")
    ... except InvalidInput as exc:
    ...     print(exc.message)
    after: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'… is not a cursor of this list
    """
    shown = f"{cursor[:40]!r}{'…' if len(cursor) > 40 else ''}"
    bad = InvalidInput(
        f"{name}: {shown} is not a cursor of this list",
        hint="pass the endCursor (after) or startCursor (before) of a page of this list, or "
        "leave it out",
        field=name,
    )
    if len(cursor) > _MOST_CURSOR:
        raise bad
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(_PREFIX):
            raise ValueError(text)
        values = json.loads(text[len(_PREFIX) :])
    except (ValueError, UnicodeError, binascii.Error):
        raise bad from None
    if not isinstance(values, list) or not 1 <= len(values) <= 6:
        raise bad
    if not all(isinstance(v, str | int | float | bool) for v in values):
        raise bad
    return tuple(values)


def check_first(first: int, most: int) -> None:
    """:class:`InvalidInput` unless ``first`` is 1..``most`` (how many items one page may hold).

    >>> check_first(101, 100)
    Traceback (most recent call last):
    ...
    graph.errors.InvalidInput: first must be 1..100, got 101 (hint: ask for fewer and page on \
with `after`)
    """
    _check_count("first", first, most)


def _check_count(name: str, value: int, most: int) -> None:
    if not 1 <= value <= most:
        raise InvalidInput(
            f"{name} must be 1..{most}, got {value}",
            hint=f"ask for fewer and page on with `{'after' if name == 'first' else 'before'}`",
            field=name,
        )


@dataclass(frozen=True, slots=True)
class Request:
    """What a page request asks: ``first`` after a cursor, or ``last`` before one."""

    count: int
    backward: bool
    after: Key | None
    before: Key | None

    @classmethod
    def of(
        cls, first: int | None, after: str | None, last: int | None, before: str | None,
        most: int,
    ) -> Request:  # fmt: skip
        """Checked: one of ``first``/``last`` (``first`` 10 when neither), counts 1..``most``.

        >>> Request.of(None, None, 3, None, 100)
        Request(count=3, backward=True, after=None, before=None)
        """
        if first is not None and last is not None:
            raise InvalidInput(
                "first and last cannot be given together",
                hint="page forward with first/after, or backward with last/before",
                field="last",
            )
        if last is not None:
            _check_count("last", last, most)
        else:
            first = 10 if first is None else first
            _check_count("first", first, most)
        return cls(
            count=last if last is not None else first or 10,
            backward=last is not None,
            after=decode_cursor(after, "after") if after else None,
            before=decode_cursor(before, "before") if before else None,
        )


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """Items of a longer list and their sort keys; whether more come before or after them."""

    items: list[T]
    keys: list[Key]
    has_next: bool
    has_previous: bool

    def cursor(self, index: int) -> str:
        """The cursor of ``items[index]``."""
        return encode_cursor(self.keys[index])


def page_of(
    items: Sequence[T],
    *,
    key: Callable[[T], Key],
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    most: int = 100,
) -> Page[T]:
    """The page of ``items`` that the request asks for, in the order of ``key`` (ascending)."""
    asked = Request.of(first, after, last, before, most)
    ordered = sorted(items, key=key)
    keys = [key(i) for i in ordered]
    try:
        lo = bisect_right(keys, asked.after) if asked.after is not None else 0
        hi = bisect_left(keys, asked.before) if asked.before is not None else len(keys)
    except TypeError:  # a cursor of another list (its values do not compare with these)
        raise InvalidInput(
            "the cursor is not one of this list", hint="pass a cursor of a page of this list"
        ) from None
    hi = max(lo, hi)
    if asked.backward:
        start = max(lo, hi - asked.count)
        return Page(ordered[start:hi], keys[start:hi], hi < len(keys), start > 0)
    end = min(hi, lo + asked.count)
    return Page(ordered[lo:end], keys[lo:end], end < len(keys), lo > 0)


@dataclass(frozen=True, slots=True)
class Window:
    """A database page: the statement's parameters (``cursor``: the key to start after, in the
    order it reads; ``descending``: that order) and how to turn its rows into a page."""

    request: Request
    descending: bool

    @property
    def limit(self) -> int:
        """One more row than asked: is there more beyond the page?"""
        return self.request.count + 1

    @property
    def cursor(self) -> Key | None:
        """The key the statement starts after (in the direction it reads)."""
        return self.request.before if self.request.backward else self.request.after

    @property
    def reads_descending(self) -> bool:
        """The order the statement reads in: a backward page reads the list reversed."""
        return self.descending != self.request.backward

    def page(self, rows: Sequence[T], key: Callable[[T], Key]) -> Page[T]:
        """The page of the rows read (``limit`` at most), in the list's order."""
        asked = self.request
        more = len(rows) > asked.count
        kept = list(rows[: asked.count])
        if asked.backward:
            kept.reverse()
            return Page(kept, [key(r) for r in kept], asked.before is not None, more)
        return Page(kept, [key(r) for r in kept], more, asked.after is not None)


def window(
    first: int | None, after: str | None, last: int | None, before: str | None, most: int,
    *, descending: bool,
) -> Window:  # fmt: skip
    """The database :class:`Window` of a page request over a list ordered ``descending`` or not.

    >>> w = window(None, None, 5, None, 100, descending=True)
    >>> w.limit, w.reads_descending, w.cursor
    (6, False, None)
    """
    return Window(Request.of(first, after, last, before, most), descending)


def cursor_params(w: Window) -> dict[str, object]:
    """The parameters every keyset statement takes: ``desc``, ``limit`` and the cursor's
    ``num``, ``txt`` and ``cursor_id`` (null when the page starts at the beginning).

    >>> cursor_params(window(2, encode_cursor((0.5, "", "c9")), None, None, 100,
    ...                      descending=True))
    {'desc': True, 'limit': 3, 'num': 0.5, 'txt': '', 'cursor_id': 'c9'}
    """
    key = w.cursor
    if key is not None and not (
        len(key) == 3 and isinstance(key[0], int | float) and not isinstance(key[0], bool)
        and isinstance(key[1], str) and isinstance(key[2], str)
    ):  # fmt: skip
        raise InvalidInput(
            "the cursor is not one of this list", hint="pass a cursor of a page of this list"
        )
    return {
        "desc": w.reads_descending,
        "limit": w.limit,
        "num": float(key[0]) if key else None,
        "txt": key[1] if key else None,
        "cursor_id": key[2] if key else None,
    }
