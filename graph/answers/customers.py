"""One customer at a glance: profile and scores, warmest employees, weekly sentiment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from graph.analytics import sentiment_trend
from graph.answers import activity
from graph.answers.common import (
    CUSTOMER_HINT,
    check_first,
    customer_exists,
    node_props,
)
from graph.store.repository import Repository, Row
from graph.times import from_db_time


@dataclass(frozen=True, slots=True)
class CustomerProfile:
    """A customer and their scores."""

    id: str
    name: str | None
    email: str | None
    city: str | None
    tier: str | None
    influence: float | None
    rank: int | None
    community: int | None
    sentiment_avg: float | None
    phone: str | None = None
    country: str | None = None
    accepts_marketing: bool | None = None
    email_opt_out: bool | None = None
    do_not_call: bool | None = None

    #: The stored properties a profile is made of, in field order: all a read needs to fetch.
    KEYS: ClassVar[tuple[str, ...]] = (
        "name", "email", "city", "tier", "influence", "influenceRank", "community",
        "sentimentAvg", "phone", "country", "acceptsMarketing", "emailOptOut", "doNotCall",
    )  # fmt: skip

    @classmethod
    def of(cls, id: str, r: dict[str, Any]) -> CustomerProfile:
        """From the node's stored properties."""
        return cls(id, *map(r.get, cls.KEYS))


def customer_profile(repository: Repository, customer: str) -> CustomerProfile:
    """One customer's profile and scores, or :class:`NotFound`."""
    return CustomerProfile.of(customer, node_props(repository, "Customer", customer, CUSTOMER_HINT))


@dataclass(frozen=True, slots=True)
class EmployeeWarmth:
    """An employee's stored warmth with a customer (0-100) and its breakdown."""

    employee: str
    name: str | None
    warmth: float
    interactions: int
    sales: int
    last_contact_at: datetime | None
    breakdown: dict[str, float]


def warmest_employees(
    repository: Repository, customer: str, *, first: int = 3
) -> list[EmployeeWarmth]:
    """The employees with the warmest relationship with ``customer``, warmest first."""
    check_first(first)
    found = warmest_employees_of(repository, [customer], first=first)
    if customer not in found:
        customer_exists(repository, customer)  # says why, with a hint
    return found.get(customer, [])


def warmest_employees_of(
    repository: Repository, customers: Sequence[str], *, first: int = 3
) -> dict[str, list[EmployeeWarmth]]:
    """The warmest employees of each customer (one read for all of them), by customer id (a
    customer not in the graph is left out)."""
    found: dict[str, list[EmployeeWarmth]] = {}
    for r in repository.read("questions/warmest_employees_of", ids=list(customers)):
        mine = found.setdefault(r["customer"], [])
        if r["employee"] is not None:  # else: a customer no employee has warmth with
            mine.append(_employee_warmth(r))
    return {c: sorted(ws, key=lambda w: (-w.warmth, w.employee))[:first] for c, ws in found.items()}


def _employee_warmth(r: Row) -> EmployeeWarmth:
    keys, values = r.get("breakdownKeys") or [], r.get("breakdownValues") or []
    return EmployeeWarmth(
        employee=r["employee"],
        name=r.get("name"),
        warmth=float(r["warmth"] or 0.0),
        interactions=int(r["interactions"] or 0),
        sales=int(r["sales"] or 0),
        last_contact_at=from_db_time(r["lastContactAt"]) if r.get("lastContactAt") else None,
        breakdown=dict(zip(keys, values, strict=True)),
    )


def sentiment_timeline(
    repository: Repository, customer: str, *, weeks: int | None = 12, now: datetime | None = None
) -> list[sentiment_trend.WeekSentiment]:
    """The customer's post sentiment per ISO week (the last ``weeks`` weeks up to their latest
    post, or up to ``now``)."""
    customer_exists(repository, customer)
    posts = activity.posts_of(repository, [customer])[customer]
    return weekly_sentiment_of(posts, weeks=weeks, now=now)


def weekly_sentiment_of(
    posts: Sequence[activity.PostView], *, weeks: int | None = 12, now: datetime | None = None
) -> list[sentiment_trend.WeekSentiment]:
    """Weekly sentiment of these posts (the dated ones with a sentiment)."""
    points = [(p.at, float(p.sentiment)) for p in posts if p.at and p.sentiment is not None]
    return sentiment_trend.weekly_sentiment(sorted(points), weeks=weeks, now=now)
