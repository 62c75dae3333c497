"""Explanations: the evidence behind an influence edge, a warmth score and a recommendation.

Every score Rapport shows can be traced to dated facts a person can check: the posts, purchases,
referrals and follows behind ``INFLUENCES``; the interactions and sales behind ``RAPPORT``; the
purchases, praise and posts behind each reason of a recommendation. Each explanation returns its
items strongest evidence first (by the weight its kind carries), newest first within a kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from graph.analytics import influence, warmth
from graph.analytics.recommend import Reason, Recommendation
from graph.answers import common, products
from graph.errors import NotFound
from graph.store.projection import load_contacts
from graph.store.repository import Repository, Row
from graph.times import from_db_time

_REFERENCE_KINDS = {"REPLIES_TO": "replies", "RESHARES": "reshares", "QUOTES": "quotes"}


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One fact behind a score: what kind, when, which record (post, purchase, interaction,
    account), a short text, and the weight its kind carries."""

    kind: str
    at: datetime | None
    ref: str
    text: str | None
    weight: float


def _when(row: Row, key: str = "at") -> datetime | None:
    return from_db_time(row[key]) if row.get(key) is not None else None


def strongest_first(items: Iterable[EvidenceItem], first: int) -> list[EvidenceItem]:
    """Highest weight first, then newest, then by ref; at most ``first``.

    >>> old, new = datetime(2025, 1, 1), datetime(2025, 6, 1)
    >>> items = [EvidenceItem("follows", None, "a", None, 1.0),
    ...          EvidenceItem("replies", old, "p1", None, 2.0),
    ...          EvidenceItem("replies", new, "p2", None, 2.0)]
    >>> [i.ref for i in strongest_first(items, 2)]
    ['p2', 'p1']
    """
    floor = datetime.min.replace(tzinfo=UTC)
    ordered = sorted(items, key=lambda i: (-i.weight, -(i.at or floor).timestamp(), i.ref))
    return ordered[:first]


@dataclass(frozen=True, slots=True)
class InfluenceExplanation:
    """Why ``influencer`` influences ``influenced``: the stored edge and its top evidence."""

    influencer: str
    influenced: str
    weight: float
    counts: dict[str, int]
    items: list[EvidenceItem]


def explain_influence(
    repository: Repository, influencer: str, influenced: str, *, first: int = 5
) -> InfluenceExplanation:
    """The evidence that ``influencer`` influences ``influenced`` (:class:`NotFound` if the graph
    holds no such INFLUENCES edge)."""
    who = {"influencer": influencer, "influenced": influenced}
    edge = repository.read("explain/influence_edge", **who)
    if not edge:
        raise NotFound(
            f"{influencer!r} does not influence {influenced!r} in the graph",
            hint="check the direction (influencer first) and that `rapport analyze` has run",
        )
    w = influence.WEIGHTS
    items = [
        EvidenceItem(_REFERENCE_KINDS[r["kind"]], _when(r), r["post"], r.get("text"),
                     w[_REFERENCE_KINDS[r["kind"]]])
        for r in repository.read("explain/influence_references", **who)
    ]  # fmt: skip
    items += [
        EvidenceItem("reshares", _when(r), r["post"], r.get("text"), w["reshares"])
        for r in repository.read("explain/influence_shares", **who)
    ]
    items += [
        EvidenceItem("mentions", _when(r), r["post"], r.get("text"), w["mentions"])
        for r in repository.read("explain/influence_mentions", **who)
    ]
    items += [
        EvidenceItem("follows", None, r["followed"], f"{r['follower']} follows {r['followed']}",
                     w["follows"])
        for r in repository.read("explain/influence_follows", **who)
    ]  # fmt: skip
    items += [
        EvidenceItem("referrals", _when(r), f"{influencer}->{influenced}", "referred them",
                     w["referrals"])
        for r in repository.read("explain/influence_referrals", **who)
    ]  # fmt: skip
    items += _conversion_items(repository, influencer, influenced)
    row = edge[0]
    counts = {kind: int(row.get(kind) or 0) for kind in w}
    return InfluenceExplanation(
        influencer, influenced, float(row.get("weight") or 0.0), counts,
        strongest_first(items, first),
    )  # fmt: skip


def _praise(repository: Repository, customer: str) -> list[influence.Praise]:
    rows = repository.read(
        "explain/customer_praise", id=customer, min_sentiment=common.PRAISE_SENTIMENT
    )
    return [
        influence.Praise(customer, r["product"], from_db_time(r["at"]), r["post"]) for r in rows
    ]


def _purchases(repository: Repository, customer: str) -> list[influence.Purchase]:
    rows = repository.read("explain/customer_purchases", id=customer)
    return [
        influence.Purchase(customer, r["product"], from_db_time(r["at"]), r["purchase"])
        for r in rows
    ]


def _conversion_items(
    repository: Repository, influencer: str, influenced: str
) -> list[EvidenceItem]:
    # The edge exists, so the influenced customer could see the influencer's posts.
    found = influence.conversions(
        _praise(repository, influencer),
        _purchases(repository, influenced),
        {influencer: {influenced}},
    )
    return [
        EvidenceItem(
            "conversions",
            c.bought_at,
            c.purchase,
            f"bought {c.product} {(c.bought_at - c.praised_at).days} days after praise {c.post}",
            influence.WEIGHTS["conversions"],
        )
        for c in found
    ]


def explain_warmth(
    repository: Repository, employee: str, customer: str, *, now: datetime | None = None
) -> warmth.Warmth:
    """The warmth of ``employee`` with ``customer`` as of today, with its breakdown and latest
    contacts (:class:`NotFound` when they never had a contact or sale)."""
    contacts, sales, owners = load_contacts(repository, [customer])
    today = warmth.as_of_day(now or datetime.now(UTC))
    params = repository.settings.warmth_params
    scores = warmth.warmth(
        [c for c in contacts if c.employee == employee],
        [s for s in sales if s.employee == employee],
        [o for o in owners if o.employee == employee],
        now=today,
        params=params,
    )
    found = scores.get((employee, customer))
    if found is None:
        raise NotFound(
            f"employee {employee!r} has no contact or sale with customer {customer!r} and "
            "does not own their account",
            hint="check both ids; `rapport customer ID` lists a customer's warmest employees",
        )
    return found


@dataclass(frozen=True, slots=True)
class RecommendationExplanation:
    """Why ``product`` is recommended to ``customer``: its reasons and the facts behind them."""

    customer: str
    recommendation: Recommendation
    items: list[EvidenceItem]


def explain_recommendation(
    repository: Repository, customer: str, product: str, *, first: int = 5
) -> RecommendationExplanation:
    """The reasons ``product`` is recommended to ``customer`` and their evidence (purchases,
    praise, posts), or :class:`NotFound` when it is not among their recommendations."""
    recs = products.recommendations(repository, customer, first=common.MAX_FIRST)
    rec = next((r for r in recs if r.product == product), None)
    if rec is None:
        raise NotFound(
            f"{product!r} is not recommended to {customer!r}",
            hint="list their recommendations with `rapport customer ID`",
        )
    items: list[EvidenceItem] = []
    for reason in rec.reasons:
        items += _reason_items(repository, customer, product, reason)
    return RecommendationExplanation(customer, rec, strongest_first(items, first))


def _reason_items(
    repository: Repository, customer: str, product: str, reason: Reason
) -> list[EvidenceItem]:
    if reason.kind in ("bought_with", "complements") and reason.product:
        return [
            EvidenceItem(reason.kind, p.at, p.purchase, f"bought {p.product}", reason.weight)
            for p in _purchases(repository, customer)
            if p.product == reason.product
        ]
    if reason.kind == "influencer_praised" and reason.person:
        rows = repository.read(
            "explain/customer_praise", id=reason.person, min_sentiment=common.PRAISE_SENTIMENT
        )
        return [
            EvidenceItem(reason.kind, _when(r), r["post"], r.get("text"), reason.weight)
            for r in rows
            if r["product"] == product
        ]
    if reason.kind == "influencer_bought" and reason.person:
        return [
            EvidenceItem(reason.kind, p.at, p.purchase, f"{reason.person} bought it", reason.weight)
            for p in _purchases(repository, reason.person)
            if p.product == product
        ]
    if reason.kind == "interest" and reason.topic:
        rows = repository.read("explain/customer_topic_posts", id=customer, topic=reason.topic)
        return [
            EvidenceItem(reason.kind, _when(r), r["post"], r.get("text"), reason.weight)
            for r in rows
        ]
    return []
