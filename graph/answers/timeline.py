"""A customer's history: dated items filtered by time, ordered, and merged into one timeline.

Pure functions over the views of :mod:`graph.answers.activity` (anything with an ``at``).

>>> from datetime import datetime, timezone
>>> from graph.answers.activity import InteractionView, PurchaseView
>>> day = lambda d: datetime(2026, 1, d, tzinfo=timezone.utc)
>>> buy = PurchaseView("o1", day(3), 59.0, "EUR", "store", "Dublin", "e1")
>>> call = InteractionView("i1", "call", day(5), "inbound", "fit of the shirt", 0.2, "e1")
>>> [(e.kind, e.id, e.summary) for e in merged([buy], [], [call])]
[('interaction', 'i1', 'call: fit of the shirt'), ('purchase', 'o1', 'purchase of 59.00 EUR')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol, TypeVar

from graph.answers.activity import InteractionView, PostView, PurchaseView

KINDS = ("purchase", "post", "interaction")
_NEVER = datetime.min.replace(tzinfo=UTC)


class Dated(Protocol):
    """Anything that happened at some time (or at an unknown one)."""

    @property
    def at(self) -> datetime | None: ...


D = TypeVar("D", bound=Dated)


@dataclass(frozen=True, slots=True)
class Event:
    """One item of a customer's timeline."""

    kind: str
    id: str
    at: datetime | None
    summary: str
    sentiment: float | None


def within(
    items: Iterable[D],
    since: datetime | None = None,
    until: datetime | None = None,
    *,
    oldest_first: bool = False,
) -> list[D]:
    """The items dated in ``[since, until)``, newest first (undated ones last, and only when no
    bound is given); ties broken by id so pages are stable."""
    kept = [
        i
        for i in items
        if (since is None or (i.at is not None and i.at >= since))
        and (until is None or (i.at is not None and i.at < until))
    ]
    kept.sort(key=lambda i: str(getattr(i, "id", "")))
    kept.sort(key=lambda i: i.at or _NEVER, reverse=not oldest_first)
    return kept


def _purchase(p: PurchaseView) -> Event:
    amount = f"{p.total:.2f} {p.currency or ''}".strip() if p.total is not None else "?"
    return Event("purchase", p.id, p.at, f"purchase of {amount}", None)


def _post(p: PostView) -> Event:
    return Event("post", p.id, p.at, (p.text or "")[:280], p.sentiment)


def _interaction(i: InteractionView) -> Event:
    summary = f"{i.channel or 'contact'}: {i.subject}" if i.subject else i.channel or "contact"
    return Event("interaction", i.id, i.at, summary, i.sentiment)


def merged(
    purchases: Sequence[PurchaseView],
    posts: Sequence[PostView],
    interactions: Sequence[InteractionView],
    *,
    kinds: Sequence[str] = KINDS,
    since: datetime | None = None,
    until: datetime | None = None,
    oldest_first: bool = False,
) -> list[Event]:
    """Purchases, posts and interactions as one timeline of the asked ``kinds``, newest first."""
    events: list[Event] = []
    if "purchase" in kinds:
        events += map(_purchase, purchases)
    if "post" in kinds:
        events += map(_post, posts)
    if "interaction" in kinds:
        events += map(_interaction, interactions)
    return within(events, since, until, oldest_first=oldest_first)
