"""Project the subgraphs the analytics need into plain Python data (thin reads, no logic).

Each loader runs named statements from ``cypher/analytics/`` and returns the records the pure
analytics modules take (``graph.influence``, ``graph.warmth``, ``graph.related``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from graph.influence import Praise, Purchase
from graph.model import from_db_time
from graph.repository import Repository
from graph.warmth import Contact, Sale

Pair = tuple[str, str]


@dataclass
class InfluenceInputs:
    """Evidence of influence between customers, as (actor, target) pairs and dated events."""

    follows: list[Pair] = field(default_factory=list)
    replies: list[Pair] = field(default_factory=list)
    reshares: list[Pair] = field(default_factory=list)
    quotes: list[Pair] = field(default_factory=list)
    mentions: list[Pair] = field(default_factory=list)
    referrals: list[Pair] = field(default_factory=list)
    knows: list[Pair] = field(default_factory=list)
    praise: list[Praise] = field(default_factory=list)
    purchases: list[Purchase] = field(default_factory=list)


_REFERENCE_KINDS = {"REPLIES_TO": "replies", "RESHARES": "reshares", "QUOTES": "quotes"}


def _pairs(repository: Repository, name: str) -> list[Pair]:
    return [(row["actor"], row["target"]) for row in repository.read(name)]


def load_influence_inputs(repository: Repository, *, min_sentiment: float = 0.3) -> InfluenceInputs:
    """Everything influence is computed from."""
    inputs = InfluenceInputs(
        follows=_pairs(repository, "analytics/customer_follows"),
        mentions=_pairs(repository, "analytics/customer_mentions"),
        referrals=_pairs(repository, "analytics/customer_referrals"),
        knows=[(r["a"], r["b"]) for r in repository.read("analytics/customer_knows")],
    )
    for row in repository.read("analytics/customer_post_references"):
        getattr(inputs, _REFERENCE_KINDS[row["kind"]]).append((row["actor"], row["target"]))
    inputs.praise = [
        Praise(r["customer"], r["product"], from_db_time(r["at"]), r["post"])
        for r in repository.read("analytics/customer_praise", min_sentiment=min_sentiment)
    ]
    inputs.purchases = load_purchases(repository)
    return inputs


def load_purchases(repository: Repository) -> list[Purchase]:
    """Every (customer, product, time) of every purchase."""
    return [
        Purchase(r["customer"], r["product"], from_db_time(r["at"]), r["purchase"])
        for r in repository.read("analytics/customer_purchases")
    ]


def audience(inputs: InfluenceInputs) -> dict[str, set[str]]:
    """Who can see each customer's posts: their followers and the people they know.

    >>> audience(InfluenceInputs(follows=[("a", "b")], knows=[("b", "c")]))["b"] == {"a", "c"}
    True
    """
    seen: dict[str, set[str]] = defaultdict(set)
    for follower, followed in inputs.follows:
        seen[followed].add(follower)
    for a, b in inputs.knows:
        seen[a].add(b)
        seen[b].add(a)
    return dict(seen)


def load_contacts(
    repository: Repository, customers: Collection[str] | None = None
) -> tuple[list[Contact], list[Sale]]:
    """Interactions and public brand replies between employees and customers, and sales.

    With ``customers``, only theirs (one indexed lookup per customer instead of a scan).
    """
    suffix, params = ("", {}) if customers is None else ("_of", {"customers": sorted(customers)})
    contacts = [
        Contact(
            employee=r["employee"],
            customer=r["customer"],
            channel=r.get("channel") or "other",
            at=from_db_time(r["at"]),
            direction=r.get("direction"),
            sentiment=r.get("sentiment"),
            id=r["id"],
            subject=r.get("subject"),
        )
        for r in repository.read(f"analytics/employee_customer_contacts{suffix}", **params)
    ]
    contacts += [
        Contact(
            employee=r["employee"],
            customer=r["customer"],
            channel="social",
            at=from_db_time(r["at"]),
            direction="outbound",
            sentiment=r.get("sentiment"),
            id=r["id"],
            subject=r.get("subject"),
        )
        for r in repository.read(f"analytics/employee_customer_replies{suffix}", **params)
    ]
    sales = [
        Sale(r["employee"], r["customer"], from_db_time(r["at"]), r.get("total"), r["id"])
        for r in repository.read(f"analytics/employee_customer_sales{suffix}", **params)
    ]
    return contacts, sales


def load_baskets(repository: Repository) -> list[list[str]]:
    """The products of every purchase."""
    return [list(r["products"]) for r in repository.read("analytics/purchase_baskets")]


def load_topic_mentions(repository: Repository) -> list[tuple[str, str, float | None]]:
    """(customer, topic, sentiment) for every tagged post of a customer."""
    return [
        (r["customer"], r["topic"], r.get("sentiment"))
        for r in repository.read("analytics/customer_topics")
    ]
