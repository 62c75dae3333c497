"""Yelp Open Dataset (JSON lines): businesses, users with their friends, and reviews.

- ``business.json``: each business becomes a ``Product`` ``yelp:<business_id>`` (what a review
  is about), in a ``Category`` from its first category.
- ``user.json``: each user becomes a ``Customer`` ``yelp:<user_id>`` owning a ``SocialAccount``
  of the same id; ``friends`` become ``KNOWS`` in a second pass (a friend may come later).
- ``review.json``: each review becomes a ``Post`` ``yelp:<review_id>`` posted by the user's
  account and ``ABOUT`` the business.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

from graph import model
from graph.model import Record
from importers.directory import Directory
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
from importers.readers.json_lines import JsonLine, read_json_lines

PLATFORM = "yelp"
Builder = Callable[[dict[str, Any], str], Item | list[Record]]


def _key(kind: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"missing {kind}")
    return f"{PLATFORM}:{value.strip()}"


def business_records(data: dict[str, Any], source: str) -> list[Record]:
    """A business: a product (what reviews are about) and its category."""
    product_id = _key("business_id", data.get("business_id"))
    categories = [c.strip() for c in str(data.get("categories") or "").split(",") if c.strip()]
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


def user_records(data: dict[str, Any], source: str) -> list[Record]:
    """A reviewer: a customer and the Yelp account they own."""
    customer_id = _key("user_id", data.get("user_id"))
    return [
        model.Customer(
            id=customer_id,
            name=data.get("name"),
            joined_at=v.when("yelping_since", data.get("yelping_since")),
            source=source,
        ),
        model.SocialAccount(
            id=customer_id,
            platform=PLATFORM,
            handle=str(data["user_id"]),
            display_name=data.get("name"),
            followers=v.integer("fans", str(data.get("fans", ""))),
            source=source,
        ),
        model.Owns(
            start_id=customer_id, end_id=customer_id, confidence=1.0, method="source", source=source
        ),
    ]


def friend_records(data: dict[str, Any], source: str) -> list[Record]:
    """A reviewer's friendships."""
    customer_id = _key("user_id", data.get("user_id"))
    friends = str(data.get("friends") or "")
    if friends.strip() in ("", "None"):
        return []
    return [
        model.Knows(start_id=customer_id, end_id=f"{PLATFORM}:{f.strip()}", source=source)
        for f in friends.split(",")
        if f.strip()
    ]


def review_item(data: dict[str, Any], source: str) -> Item | list[Record]:
    """A review: a post by the reviewer's account about the business."""
    post_id = _key("review_id", data.get("review_id"))
    account = _key("user_id", data.get("user_id"))
    business = _key("business_id", data.get("business_id"))
    likes = sum(int(data.get(k) or 0) for k in ("useful", "funny", "cool"))
    post = model.Post(
        id=post_id,
        platform=PLATFORM,
        text=str(data.get("text") or ""),
        at=v.when("date", data.get("date")),
        likes=likes,
        source=source,
    )
    records: list[Record] = [
        post,
        model.Posted(start_id=account, end_id=post_id, source=source),
        model.About(start_id=post_id, end_id=business, source=source),
    ]
    return Item(origin=Origin("", 0, ""), records=records, authors={post_id: account})


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
        """A reader of one of the dataset's files (reviews check their reviewer and business
        against the graph's directory)."""
        return cls(spec.name.removeprefix("yelp_"), context.directory)

    @property
    def name(self) -> str:
        """``yelp_`` and the file's kind."""
        return self.spec.name

    def __init__(self, kind: str, directory: Callable[[], Directory] | None = None) -> None:
        builders: dict[str, tuple[Builder, Builder | None, str]] = {
            "business": (business_records, None, '"categories"'),
            "user": (user_records, friend_records, '"yelping_since"'),
            "review": (self._review, None, '"review_id"'),
        }
        self._directory = directory
        self.kind = kind
        self.spec = next(s for s in self.SPECS if s.name == f"yelp_{kind}")
        self._first, self._second, self._marker = builders[kind]

    def _review(self, data: dict[str, Any], source: str) -> Item | list[Record]:
        """A review, refused whole (nothing written) when its reviewer or business is unknown."""
        item = review_item(data, source)
        if self._directory is not None and isinstance(item, Item):
            directory = self._directory()
            reviewer = _key("user_id", data.get("user_id"))
            business = _key("business_id", data.get("business_id"))
            if reviewer not in directory.customer_ids:
                raise ValueError(f"unknown reviewer {reviewer!r}: import the Yelp users first")
            if business not in directory.product_ids:
                raise ValueError(f"unknown business {business!r}: import the Yelp businesses first")
        return item

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
