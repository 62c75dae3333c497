"""Yelp Open Dataset (JSON lines): businesses, users with their friends, and reviews.

Both releases are read: the current Open Dataset (``categories`` and ``friends`` comma-separated
strings, ``friends`` ``"None"`` when empty, ``YYYY-MM-DD HH:MM:SS`` dates, ``useful``/``funny``/
``cool`` counts) and the older Dataset Challenge (lists, ``yelping_since`` ``YYYY-MM``, ``votes``
objects).

- ``business.json``: each business becomes a ``Product`` ``yelp:<business_id>`` (what a review
  is about), in a ``Category`` from its first category.
- ``user.json``: each user becomes a ``Customer`` ``yelp:<user_id>`` owning a ``SocialAccount``
  of the same id; ``friends`` become ``KNOWS`` in a second pass. A friend not imported yet (later
  in the file, or in a later file) is kept pending and linked when they arrive.
- ``review.json``: each review becomes a ``Post`` ``yelp:<review_id>`` posted by the user's
  account and ``ABOUT`` the business; its ``stars`` are kept and decide its sentiment (the text's
  own score is kept beside it). A reviewer or business not imported yet is linked when it comes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from graph import model
from graph.model import Record
from importers.formats.base import (
    ACCOUNTS,
    PEOPLE,
    POSTS,
    PRODUCTS,
    FormatSpec,
    ImportContext,
    Item,
    Origin,
    Reject,
    SourceItem,
    reason_for,
)
from importers.readers import values as v
from importers.readers.fields import left_empty
from importers.readers.json_lines import JsonLine, read_json_lines

PLATFORM = "yelp"
Builder = Callable[[dict[str, Any], str], Item | list[Record]]


def _key(kind: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"missing {kind}")
    return f"{PLATFORM}:{value.strip()}"


def listed(value: Any) -> list[str]:
    """A list the dataset writes as a JSON list or as a comma-separated string (``"None"`` or
    blank: empty).

    >>> listed("yu-bob, yu-later"), listed(["a", " b"]), listed("None"), listed(None)
    (['yu-bob', 'yu-later'], ['a', 'b'], [], [])
    """
    if isinstance(value, list):
        parts = [str(v) for v in value if isinstance(v, str | int)]
    elif isinstance(value, str) and value.strip() != "None":
        parts = value.split(",")
    else:
        parts = []
    return [p.strip() for p in parts if p.strip()]


def _soft_when(field: str, value: Any, warnings: list[str]) -> datetime | None:
    """An optional date: one that cannot be read is left empty, with a warning."""
    try:
        return v.when(field, value if isinstance(value, str) else None)
    except ValueError as exc:
        warnings.append(left_empty(field, exc))
        return None


def business_records(data: dict[str, Any], source: str) -> list[Record]:
    """A business: a product (what reviews are about) and its category."""
    product_id = _key("business_id", data.get("business_id"))
    categories = listed(data.get("categories"))
    product = model.Product(
        id=product_id,
        name=data.get("name"),
        category=categories[0] if categories else None,
        brand=data.get("name"),
        tags=tuple(categories) or None,
        source=source,
    )
    if not categories:
        return [product]
    category_id = categories[0].lower()
    return [
        product,
        model.Category(id=category_id, name=categories[0], source=source),
        model.InCategory(start_id=product_id, end_id=category_id, source=source),
    ]


def user_records(data: dict[str, Any], source: str) -> Item:
    """A reviewer: a customer and the Yelp account they own."""
    customer_id = _key("user_id", data.get("user_id"))
    warnings: list[str] = []
    fans = data.get("fans")
    records: list[Record] = [
        model.Customer(
            id=customer_id,
            name=data.get("name"),
            joined_at=_soft_when("yelping_since", data.get("yelping_since"), warnings),
            source=source,
        ),
        model.SocialAccount(
            id=customer_id,
            platform=PLATFORM,
            handle=str(data["user_id"]),
            display_name=data.get("name"),
            followers=fans if isinstance(fans, int) and not isinstance(fans, bool) else None,
            source=source,
        ),
        model.Owns(
            start_id=customer_id, end_id=customer_id, confidence=1.0, method="source", source=source
        ),
    ]
    return Item(Origin("", 0, ""), records, warnings=warnings)


def friend_records(data: dict[str, Any], source: str) -> list[Record]:
    """A reviewer's friendships."""
    customer_id = _key("user_id", data.get("user_id"))
    return [
        model.Knows(start_id=customer_id, end_id=f"{PLATFORM}:{friend}", source=source)
        for friend in listed(data.get("friends"))
    ]


def review_item(data: dict[str, Any], source: str) -> Item | list[Record]:
    """A review: a post by the reviewer's account about the business."""
    post_id = _key("review_id", data.get("review_id"))
    account = _key("user_id", data.get("user_id"))
    business = _key("business_id", data.get("business_id"))
    votes = data.get("votes")
    counts: dict[str, Any] = votes if isinstance(votes, dict) else data  # older release: votes
    likes = sum(_count(counts.get(k)) for k in ("useful", "funny", "cool"))
    warnings: list[str] = []
    stars = data.get("stars")
    if stars is not None and not (isinstance(stars, int | float) and 1 <= stars <= 5):
        warnings.append(f"stars: {str(stars)[:20]!r} is not a rating from 1 to 5 (left empty)")
        stars = None
    post = model.Post(
        id=post_id,
        platform=PLATFORM,
        text=str(data.get("text") or ""),
        at=_soft_when("date", data.get("date"), warnings),
        likes=likes,
        stars=float(stars) if stars is not None else None,
        source=source,
    )
    records: list[Record] = [
        post,
        model.Posted(start_id=account, end_id=post_id, source=source),
        model.About(start_id=post_id, end_id=business, source=source),
    ]
    return Item(Origin("", 0, ""), records, authors={post_id: account}, warnings=warnings)


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


class YelpFile:
    """One of the Yelp dataset's JSON-lines files."""

    SPECS: ClassVar[tuple[FormatSpec, ...]] = (
        FormatSpec(
            "yelp_business",
            "Yelp Open Dataset businesses (JSON lines)",
            provides=frozenset({PRODUCTS}),
        ),
        FormatSpec(
            "yelp_user",
            "Yelp Open Dataset users with their friends (JSON lines)",
            provides=frozenset({PEOPLE, ACCOUNTS}),
            identities=True,
        ),
        FormatSpec(
            "yelp_review",
            "Yelp Open Dataset reviews (JSON lines)",
            provides=frozenset({POSTS}),
            needs=frozenset({PEOPLE, PRODUCTS}),
            enriched=True,
            posts=True,
        ),
    )

    @classmethod
    def build(cls, spec: FormatSpec, context: ImportContext) -> YelpFile:
        """A reader of one of the dataset's files."""
        return cls(spec.name.removeprefix("yelp_"))

    @property
    def name(self) -> str:
        """``yelp_`` and the file's kind."""
        return self.spec.name

    def __init__(self, kind: str) -> None:
        builders: dict[str, tuple[Builder, Builder | None, str]] = {
            "business": (business_records, None, '"categories"'),
            "user": (user_records, friend_records, '"yelping_since"'),
            "review": (review_item, None, '"review_id"'),
        }
        self.kind = kind
        self.spec = next(s for s in self.SPECS if s.name == f"yelp_{kind}")
        self._first, self._second, self._marker = builders[kind]

    def sniff(self, path: Path, head: str) -> bool:
        """True for JSON lines carrying this file's distinctive field."""
        first = head.lstrip().splitlines()[0] if head.strip() else ""
        return first.startswith("{") and self._marker in first

    def read(self, path: Path) -> Iterator[SourceItem]:
        """One item per line; users' friendships in a second pass."""
        source = f"{self.name}:{path.name}"
        yield from self._pass(path, self._first, source, secondary=False)
        if self._second is not None:
            yield from self._pass(path, self._second, source, secondary=True)

    def _pass(
        self, path: Path, build: Builder, source: str, *, secondary: bool
    ) -> Iterator[SourceItem]:
        for line in read_json_lines(path):
            entry = self._entry(path, line, build, source, secondary)
            if entry is not None:
                yield entry

    def _entry(
        self, path: Path, line: JsonLine, build: Builder, source: str, secondary: bool
    ) -> SourceItem | None:
        origin = Origin(str(path), line.line, line.raw)
        problem = line.problem
        if problem is None and not isinstance(line.value, dict):
            problem = "expected a JSON object"
        if problem is None:
            try:
                built = build(line.value, source)
            except Exception as exc:
                problem = reason_for(exc)
        if problem is not None:
            return None if secondary else Reject(origin, problem)
        if isinstance(built, Item):
            built.origin, built.secondary = origin, secondary
            return built
        return Item(origin=origin, records=built, secondary=secondary)
