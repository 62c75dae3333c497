"""Project the subgraphs the analytics need into plain Python data (thin reads, no logic).

Each loader runs named statements from ``cypher/analytics/`` and returns the records the pure
analytics modules take (``graph.influence``, ``graph.warmth``, ``graph.related``);
:class:`Projection` keeps what one run of ``rapport analyze`` has read, so no stage reads twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from graph.influence import Praise, Purchase
from graph.model import from_db_time
from graph.repository import Repository, Row
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


def customer_pairs(owners: Mapping[str, Sequence[str]], edges: Iterable[Pair]) -> Iterator[Pair]:
    """Turn edges between accounts into edges between their owners (no self-pairs).

    >>> list(customer_pairs({"@a": ["ann"], "@b": ["bob"], "@x": []}, [("@a", "@b"), ("@a", "@x")]))
    [('ann', 'bob')]
    """
    for a, b in edges:
        for actor in owners.get(a, ()):
            for target in owners.get(b, ()):
                if actor != target:
                    yield actor, target


def _grouped(rows: Iterable[Row], key: str, values: str) -> Iterator[Pair]:
    for row in rows:
        for value in row[values]:
            yield row[key], value


class Projection:
    """The subgraph the analytics read, each part loaded on first use and kept for the run.

    Every read is one hop, grouped per node (one Bolt record per node, not per edge); multi-hop
    facts (customer follows customer through their accounts) are joined here in Python, which is
    much faster on ArcadeDB than the equivalent four-hop pattern.
    """

    def __init__(self, repository: Repository, *, min_praise_sentiment: float = 0.3) -> None:
        self.repository = repository
        self.min_praise_sentiment = min_praise_sentiment

    @cached_property
    def owners(self) -> dict[str, list[str]]:
        """The customers owning each social account."""
        found: dict[str, list[str]] = defaultdict(list)
        rows = self.repository.read("analytics/customer_accounts")
        for customer, account in _grouped(rows, "customer", "accounts"):
            found[account].append(customer)
        return dict(found)

    @cached_property
    def post_authors(self) -> dict[str, list[str]]:
        """The customers who wrote each post (through the account that posted it)."""
        found: dict[str, list[str]] = {}
        for row in self.repository.read("analytics/account_posts"):
            customers = self.owners.get(row["account"])
            if customers:
                for post in row["posts"]:
                    found[post] = customers
        return found

    def _post_pairs(
        self, edges: Iterable[Pair], targets: Mapping[str, Sequence[str]]
    ) -> list[Pair]:
        """(post author, owner of the target) for edges from a post; ``targets`` maps a target
        (an account, or another post) to its customers."""
        authors = self.post_authors
        return [
            (actor, target)
            for post, other in edges
            for actor in authors.get(post, ())
            for target in targets.get(other, ())
            if actor != target
        ]

    @cached_property
    def follows(self) -> list[Pair]:
        """(follower, followed) between customers, through their accounts."""
        rows = self.repository.read("analytics/account_follows")
        return list(customer_pairs(self.owners, _grouped(rows, "account", "follows")))

    @cached_property
    def knows(self) -> list[Pair]:
        """(customer, customer they know)."""
        return list(_grouped(self.repository.read("analytics/customer_knows"), "customer", "knows"))

    @cached_property
    def referrals(self) -> list[Pair]:
        """(referrer, referred)."""
        rows = self.repository.read("analytics/customer_referrals")
        return list(_grouped(rows, "customer", "referred"))

    @cached_property
    def mentions(self) -> list[Pair]:
        """(author, mentioned customer) for every mention in a customer's post."""
        rows = self.repository.read("analytics/post_mentions")
        return self._post_pairs(_grouped(rows, "post", "accounts"), self.owners)

    @cached_property
    def references(self) -> dict[str, list[Pair]]:
        """(author, author of the post referred to) per kind: replies, reshares, quotes."""
        edges: dict[str, list[Pair]] = {kind: [] for kind in _REFERENCE_KINDS.values()}
        for row in self.repository.read("analytics/post_references"):
            edges[_REFERENCE_KINDS[row["kind"]]].append((row["post"], row["target"]))
        return {kind: self._post_pairs(pairs, self.post_authors) for kind, pairs in edges.items()}

    @cached_property
    def praise(self) -> list[Praise]:
        """Customers' positive posts about products."""
        rows = self.repository.read(
            "analytics/post_praise", min_sentiment=self.min_praise_sentiment
        )
        return [
            Praise(customer, product, from_db_time(row["at"]), row["post"])
            for row in rows
            for customer in self.post_authors.get(row["post"], ())
            for product in row["products"]
        ]

    @cached_property
    def _purchases(self) -> dict[str, tuple[datetime | None, list[str]]]:
        rows = self.repository.read("analytics/purchase_baskets")
        return {
            row["purchase"]: (
                from_db_time(row["at"]) if row.get("at") is not None else None,
                list(row["products"]),
            )
            for row in rows
        }

    @cached_property
    def baskets(self) -> dict[str, list[str]]:
        """The products of every purchase."""
        return {purchase: products for purchase, (_, products) in self._purchases.items()}

    @cached_property
    def purchases(self) -> list[Purchase]:
        """Every (customer, product, time) of every dated purchase."""
        known = self._purchases
        found = []
        for row in self.repository.read("analytics/customer_purchases"):
            for purchase in row["purchases"]:
                at, products = known.get(purchase, (None, []))
                if at is not None:
                    found += [Purchase(row["customer"], p, at, purchase) for p in products]
        return found

    @cached_property
    def customer_scores(self) -> dict[str, dict[str, object]]:
        """The scores stored on customers by earlier runs (to write only the changed ones)."""
        keys = ("influence", "influenceRank", "community", "sentimentAvg")
        return {
            row["id"]: {k: row[k] for k in keys if row.get(k) is not None}
            for row in self.repository.read("analytics/customer_scores")
        }

    @cached_property
    def topic_mentions(self) -> list[tuple[str, str, float | None]]:
        """(customer, topic, sentiment) for every tagged post of a customer."""
        return [
            (customer, topic, row.get("sentiment"))
            for row in self.repository.read("analytics/post_topics")
            for customer in self.post_authors.get(row["post"], ())
            for topic in row["topics"]
        ]

    def influence_inputs(self) -> InfluenceInputs:
        """Everything influence is computed from."""
        references = self.references
        return InfluenceInputs(
            follows=self.follows,
            replies=references["replies"],
            reshares=references["reshares"],
            quotes=references["quotes"],
            mentions=self.mentions,
            referrals=self.referrals,
            knows=self.knows,
            praise=self.praise,
            purchases=self.purchases,
        )


def load_influence_inputs(repository: Repository, *, min_sentiment: float = 0.3) -> InfluenceInputs:
    """Everything influence is computed from (one :class:`Projection`)."""
    return Projection(repository, min_praise_sentiment=min_sentiment).influence_inputs()


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


def load_topic_mentions_of(
    repository: Repository, customers: Collection[str]
) -> list[tuple[str, str, float | None]]:
    """(customer, topic, sentiment) for every tagged post of the given customers."""
    rows = repository.read("analytics/customer_topics_of", customers=sorted(customers))
    return [(r["customer"], r["topic"], r.get("sentiment")) for r in rows]
