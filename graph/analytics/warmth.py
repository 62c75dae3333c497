"""Warmth: which employee has the warmest relationship with a customer (DESIGN.md §5).

Every interaction between an employee and a customer, and every sale the employee made to that
customer, adds a contribution to the pair's raw warmth:

- a contact adds ``channel weight × sentiment factor × recency``; when the customer started it
  (``direction == "inbound"``) it counts ``1 + inbound_bonus`` times, and the extra part is shown
  apart in the breakdown as ``"customer-started bonus"``;
- a sale adds ``sale_weight × recency``, shown as ``"sales"``;
- the employee who owns the customer's account in the CRM (the contact owner, ``MANAGES``) adds
  ``owner_weight`` (no decay: the relationship is current), shown as ``"account owner"``.

``recency`` halves every ``half_life_days`` (a contact one half-life old counts half), and the
``sentiment factor`` is ``1 + 0.5 × sentiment`` clamped to ``[0.25, 1.5]`` (a warm exchange counts
up to 1.5 times, a hostile one as little as half). The score is ``100 × (1 - exp(-raw / scale))``:
0 for strangers, approaching 100 for long, frequent, friendly, recent relationships. A score is
always returned with its breakdown and its evidence (the latest contacts), so a person can check it.

Datetimes without a zone are taken to be UTC (DESIGN.md §3).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from graph.times import to_utc

DEFAULT_CHANNEL_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {"meeting": 3.0, "visit": 3.0, "call": 2.0, "email": 1.0, "chat": 1.0, "social": 0.5}
)
UNKNOWN_CHANNEL_WEIGHT = 1.0
SALES = "sales"
ACCOUNT_OWNER = "account owner"
CUSTOMER_STARTED_BONUS = "customer-started bonus"
EVIDENCE_SIZE = 5
_SECONDS_PER_DAY = 86_400.0


@dataclass(frozen=True, slots=True)
class Contact:
    """One interaction between an employee and a customer (an ``Interaction`` node)."""

    employee: str
    customer: str
    channel: str
    at: datetime
    direction: str | None = None
    sentiment: float | None = None
    id: str = ""
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class Sale:
    """One purchase a customer made that an employee sold."""

    employee: str
    customer: str
    at: datetime
    total: float | None = None
    id: str = ""


@dataclass(frozen=True, slots=True, order=True)
class Owner:
    """The employee who owns the relationship with a customer (the CRM's contact owner)."""

    employee: str
    customer: str


def _default_channel_weights() -> Mapping[str, float]:
    return DEFAULT_CHANNEL_WEIGHTS


@dataclass(frozen=True, slots=True)
class WarmthParams:
    """The knobs of the warmth rule; the defaults are DESIGN.md §5's."""

    half_life_days: float = 90.0
    channel_weights: Mapping[str, float] = field(default_factory=_default_channel_weights)
    sale_weight: float = 2.0
    owner_weight: float = 2.0
    inbound_bonus: float = 0.5
    scale: float = 10.0

    def __post_init__(self) -> None:
        if self.half_life_days <= 0:
            raise ValueError(f"half_life_days must be positive, got {self.half_life_days}")
        if self.scale <= 0:
            raise ValueError(f"scale must be positive, got {self.scale}")


DEFAULT_PARAMS = WarmthParams()


@dataclass(frozen=True, slots=True)
class Warmth:
    """How warm one employee's relationship with one customer is, and why."""

    employee: str
    customer: str
    score: float
    raw: float
    breakdown: Mapping[str, float]
    interactions: int
    sales: int
    last_contact_at: datetime | None
    sentiment: float | None
    evidence: tuple[Contact | Sale, ...]


def sentiment_factor(sentiment: float | None) -> float:
    """How much a contact's sentiment scales its weight: ``1 + 0.5 × s`` clamped to [0.25, 1.5].

    An unknown sentiment (``None``) is neutral and counts 1.0.

    >>> sentiment_factor(0.8), sentiment_factor(-1.0), sentiment_factor(None)
    (1.4, 0.5, 1.0)
    """
    if sentiment is None:
        return 1.0
    return min(1.5, max(0.25, 1.0 + 0.5 * sentiment))


def recency(at: datetime, now: datetime, half_life_days: float) -> float:
    """The decay of something that happened at ``at``: ``0.5 ** (age_days / half_life_days)``.

    Dates after ``now`` count as age 0 (weight 1.0).

    >>> recency(datetime(2025, 1, 1), datetime(2025, 4, 1), 90.0)
    0.5
    """
    if half_life_days <= 0:
        raise ValueError(f"half_life_days must be positive, got {half_life_days}")
    age_days = (to_utc(now) - to_utc(at)).total_seconds() / _SECONDS_PER_DAY
    return float(0.5 ** (max(0.0, age_days) / half_life_days))


class _Pair:
    """Running totals for one (employee, customer) pair."""

    __slots__ = ("breakdown", "events", "sentiments")

    def __init__(self) -> None:
        self.breakdown: dict[str, float] = {}
        self.events: list[Contact | Sale] = []
        self.sentiments: list[float] = []

    def add(self, key: str, amount: float) -> None:
        self.breakdown[key] = self.breakdown.get(key, 0.0) + amount


def _add_contact(pair: _Pair, contact: Contact, now: datetime, params: WarmthParams) -> None:
    weight = params.channel_weights.get(contact.channel, UNKNOWN_CHANNEL_WEIGHT)
    base = (
        weight
        * sentiment_factor(contact.sentiment)
        * recency(contact.at, now, params.half_life_days)
    )
    pair.add(contact.channel, base)
    if contact.direction == "inbound":
        pair.add(CUSTOMER_STARTED_BONUS, base * params.inbound_bonus)
    if contact.sentiment is not None:
        pair.sentiments.append(contact.sentiment)
    pair.events.append(contact)


def _add_sale(pair: _Pair, sale: Sale, now: datetime, params: WarmthParams) -> None:
    pair.add(SALES, params.sale_weight * recency(sale.at, now, params.half_life_days))
    pair.events.append(sale)


def _finish(employee: str, customer: str, pair: _Pair, scale: float) -> Warmth:
    raw = sum(pair.breakdown.values())
    newest = sorted(pair.events, key=lambda e: (to_utc(e.at), e.id), reverse=True)
    return Warmth(
        employee=employee,
        customer=customer,
        score=round(100.0 * (1.0 - math.exp(-raw / scale)), 1),
        raw=raw,
        breakdown=MappingProxyType(pair.breakdown),
        interactions=sum(isinstance(e, Contact) for e in pair.events),
        sales=sum(isinstance(e, Sale) for e in pair.events),
        last_contact_at=to_utc(newest[0].at) if newest else None,
        sentiment=sum(pair.sentiments) / len(pair.sentiments) if pair.sentiments else None,
        evidence=tuple(newest[:EVIDENCE_SIZE]),
    )


def warmth(
    contacts: Iterable[Contact],
    sales: Iterable[Sale],
    owners: Iterable[Owner] = (),
    *,
    now: datetime,
    params: WarmthParams = DEFAULT_PARAMS,
) -> dict[tuple[str, str], Warmth]:
    """Score every (employee, customer) pair that has at least one contact or sale, or whose
    employee owns the customer's account.

    ``last_contact_at`` is the latest contact or sale (in UTC); ``sentiment`` the mean sentiment
    of the contacts that have one; ``evidence`` the latest :data:`EVIDENCE_SIZE` contacts and
    sales, newest first.

    >>> now = datetime(2025, 6, 1)
    >>> scores = warmth([Contact("e1", "c1", "meeting", now)], [], now=now)
    >>> w = scores["e1", "c1"]
    >>> w.raw, w.score, dict(w.breakdown)
    (3.0, 25.9, {'meeting': 3.0})
    >>> dict(warmth([], [], [Owner("e2", "c1")], now=now)["e2", "c1"].breakdown)
    {'account owner': 2.0}
    """
    pairs: dict[tuple[str, str], _Pair] = {}
    for contact in contacts:
        key = (contact.employee, contact.customer)
        _add_contact(pairs.setdefault(key, _Pair()), contact, now, params)
    for sale in sales:
        key = (sale.employee, sale.customer)
        _add_sale(pairs.setdefault(key, _Pair()), sale, now, params)
    for owner in owners:
        pairs.setdefault((owner.employee, owner.customer), _Pair()).add(
            ACCOUNT_OWNER, params.owner_weight
        )
    return {key: _finish(*key, pair, params.scale) for key, pair in pairs.items()}


def _warmest_first(scores: Iterable[Warmth], other: Callable[[Warmth], str]) -> list[Warmth]:
    """Highest raw warmth first; ties: more recent last contact, then the other side's id."""

    def key(w: Warmth) -> tuple[float, float, str]:
        last = w.last_contact_at.timestamp() if w.last_contact_at else -math.inf
        return (-w.raw, -last, other(w))

    return sorted(scores, key=key)


def warmest_of_each(scores: Mapping[tuple[str, str], Warmth]) -> dict[str, Warmth]:
    """Each customer's warmest employee, ordered as :func:`warmest` orders them.

    >>> now = datetime(2025, 6, 1)
    >>> scores = warmth(
    ...     [Contact("ann", "c1", "email", now), Contact("bob", "c1", "call", now)], [], now=now
    ... )
    >>> warmest_of_each(scores)["c1"].employee
    'bob'
    """
    by_customer: dict[str, list[Warmth]] = {}
    for w in scores.values():
        by_customer.setdefault(w.customer, []).append(w)
    return {c: _warmest_first(ws, lambda w: w.employee)[0] for c, ws in by_customer.items()}


def as_of_day(moment: datetime) -> datetime:
    """Midnight UTC of ``moment``'s day. Warmth is valued per day, so the scores stored by two
    runs on the same day are equal (and not rewritten).

    >>> as_of_day(datetime(2025, 6, 1, 17, 45, 3)).isoformat()
    '2025-06-01T00:00:00+00:00'
    """
    return to_utc(moment).replace(hour=0, minute=0, second=0, microsecond=0)


def _check_first(first: int) -> None:
    if first < 0:
        raise ValueError(f"first must be >= 0, got {first}")


def warmest(
    scores: Mapping[tuple[str, str], Warmth], *, customer: str, first: int = 5
) -> list[Warmth]:
    """The employees closest to ``customer``, warmest first.

    Ties go to the more recent last contact, then to the smaller employee id.

    >>> now = datetime(2025, 6, 1)
    >>> scores = warmth(
    ...     [Contact("ann", "c1", "email", now), Contact("bob", "c1", "call", now)], [], now=now
    ... )
    >>> [w.employee for w in warmest(scores, customer="c1")]
    ['bob', 'ann']
    """
    _check_first(first)
    mine = (w for w in scores.values() if w.customer == customer)
    return _warmest_first(mine, lambda w: w.employee)[:first]


def customers_of(
    scores: Mapping[tuple[str, str], Warmth], *, employee: str, first: int = 50
) -> list[Warmth]:
    """The customers ``employee`` is closest to, warmest first (ties as in :func:`warmest`).

    >>> now = datetime(2025, 6, 1)
    >>> scores = warmth(
    ...     [Contact("ann", "c1", "email", now), Contact("ann", "c2", "visit", now)], [], now=now
    ... )
    >>> [w.customer for w in customers_of(scores, employee="ann")]
    ['c2', 'c1']
    """
    _check_first(first)
    mine = (w for w in scores.values() if w.employee == employee)
    return _warmest_first(mine, lambda w: w.customer)[:first]
