"""Project the subgraphs the analytics need into plain Python data (thin reads, no logic).

Each loader runs named statements from ``cypher/analytics/`` and returns the records the pure
analytics modules take (``graph.analytics.influence``, ``graph.analytics.warmth``,
``graph.analytics.related``);
:class:`Projection` keeps what one run of ``rapport analyze`` has read, so no stage reads twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from sys import intern
from typing import Any, NamedTuple

from graph.analytics.influence import Praise, Purchase
from graph.analytics.warmth import Contact, Owner, Sale
from graph.store.ahead import ReadAhead
from graph.store.repository import Repository
from graph.times import parse_db_time

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


#: The reads of influence's inputs without parameters, in the order they are taken.
INFLUENCE_READS = (
    "analytics/customer_accounts", "analytics/account_follows", "analytics/account_posts",
    "analytics/post_references", "analytics/account_shares", "analytics/post_mentions",
    "analytics/customer_referrals", "analytics/customer_knows",
)  # fmt: skip

NULL_NUMBER = -1.0e18
"""How a projection column says "no value" for a number (collect() would drop a null)."""


def number(value: Any) -> float | None:
    """A projected number, or ``None`` for :data:`NULL_NUMBER`.

    >>> number(-0.4), number(NULL_NUMBER)
    (-0.4, None)
    """
    return None if value is None or value <= NULL_NUMBER / 2 else value


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


#: Columns of ids that recur across projections (each customer's id in thousands of pairs):
#: interned, so a run holds one string per id rather than one per mention of it.
_SHARED_IDS = frozenset({"customers", "accounts", "posts", "followers", "followed", "knows",
                         "referred", "targets", "products", "purchases", "employees"})  # fmt: skip


def _zip(cols: dict[str, list[Any]], *names: str) -> Iterator[tuple[Any, ...]]:
    return zip(*(map(intern, cols[n]) if n in _SHARED_IDS else cols[n] for n in names), strict=True)


class Projection:
    """The subgraph the analytics read, each part loaded on first use and kept for the run.

    Every read is one hop, returned as one row of parallel columns (decoding a Bolt record per
    fact costs far more); multi-hop facts (customer follows customer through their accounts) are
    joined here in Python, which is much faster on ArcadeDB than the equivalent four-hop pattern.
    """

    def __init__(self, repository: Repository, *, min_praise_sentiment: float = 0.3) -> None:
        self.repository = repository
        self.min_praise_sentiment = min_praise_sentiment
        self.ahead = ReadAhead(repository)

    def read_influence_ahead(self) -> None:
        """Start the reads :meth:`influence_inputs` and the stored scores need, in the order
        they are taken."""
        for name in INFLUENCE_READS:
            self.ahead.start(name)
        self.ahead.start("analytics/post_praise", min_sentiment=self.min_praise_sentiment)
        self.ahead.start("analytics/purchase_baskets")
        self.ahead.start("analytics/customer_purchases")
        self.ahead.start("analytics/customer_scores")

    def drop_influence_inputs(self) -> None:
        """Forget what only influence reads (later stages read baskets, authors and owners)."""
        for name in ("follows", "knows", "referrals", "mentions", "references", "praise",
                     "purchases"):  # fmt: skip
            self.__dict__.pop(name, None)

    def close(self) -> None:
        """Stop the reads started ahead that nobody took."""
        self.ahead.close()

    def _pairs(self, name: str, a: str, b: str) -> list[Pair]:
        return list(_zip(self.ahead.columns(name), a, b))

    @cached_property
    def owners(self) -> dict[str, list[str]]:
        """The customers owning each social account."""
        found: dict[str, list[str]] = defaultdict(list)
        for customer, account in self._pairs(
            "analytics/customer_accounts", "customers", "accounts"
        ):
            found[account].append(customer)
        return dict(found)

    @cached_property
    def post_authors(self) -> dict[str, list[str]]:
        """The customers who wrote each post (through the account that posted it)."""
        owners = self.owners
        return {
            post: owners[account]
            for account, post in self._pairs("analytics/account_posts", "accounts", "posts")
            if account in owners
        }

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
        edges = self._pairs("analytics/account_follows", "followers", "followed")
        return list(customer_pairs(self.owners, edges))

    @cached_property
    def knows(self) -> list[Pair]:
        """(customer, customer they know)."""
        return self._pairs("analytics/customer_knows", "customers", "knows")

    @cached_property
    def referrals(self) -> list[Pair]:
        """(referrer, referred)."""
        return self._pairs("analytics/customer_referrals", "customers", "referred")

    @cached_property
    def mentions(self) -> list[Pair]:
        """(author, mentioned customer) for every mention in a customer's post."""
        edges = self._pairs("analytics/post_mentions", "posts", "accounts")
        return self._post_pairs(edges, self.owners)

    @cached_property
    def references(self) -> dict[str, list[Pair]]:
        """(author, author of the post referred to) per kind: replies, reshares, quotes."""
        edges: dict[str, list[Pair]] = {kind: [] for kind in _REFERENCE_KINDS.values()}
        cols = self.ahead.columns("analytics/post_references")
        for post, kind, target in _zip(cols, "posts", "kinds", "targets"):
            edges[_REFERENCE_KINDS[kind]].append((post, target))
        found = {kind: self._post_pairs(pairs, self.post_authors) for kind, pairs in edges.items()}
        # A retweet is a share by an account, not a post: (sharer's owner, original's author).
        owners, authors = self.owners, self.post_authors
        found["reshares"] += [
            (actor, target)
            for account, post in self._pairs("analytics/account_shares", "accounts", "posts")
            for actor in owners.get(account, ())
            for target in authors.get(post, ())
            if actor != target
        ]
        return found

    @cached_property
    def praise(self) -> list[Praise]:
        """Customers' positive posts about products."""
        cols = self.ahead.columns("analytics/post_praise", min_sentiment=self.min_praise_sentiment)
        authors = self.post_authors
        return [
            Praise(customer, product, parse_db_time(at), post)
            for post, at, product in _zip(cols, "posts", "ats", "products")
            for customer in authors.get(post, ())
        ]

    @cached_property
    def _purchases(self) -> dict[str, tuple[datetime | None, list[str]]]:
        cols = self.ahead.columns("analytics/purchase_baskets")
        found: dict[str, tuple[datetime | None, list[str]]] = {}
        for purchase, at, product in _zip(cols, "purchases", "ats", "products"):
            held = found.get(purchase)
            if held is None:
                found[purchase] = (parse_db_time(at) if at else None, [product])
            else:
                held[1].append(product)
        return found

    @cached_property
    def baskets(self) -> dict[str, list[str]]:
        """The products of every purchase."""
        return {purchase: products for purchase, (_, products) in self._purchases.items()}

    @cached_property
    def dated_baskets(self) -> list[tuple[datetime | None, list[str]]]:
        """Every purchase's time (``None`` when unknown) and products."""
        return list(self._purchases.values())

    @cached_property
    def purchases(self) -> list[Purchase]:
        """Every (customer, product, time) of every dated purchase."""
        known = self._purchases
        found = []
        for customer, purchase in self._pairs(
            "analytics/customer_purchases", "customers", "purchases"
        ):
            at, products = known.get(purchase, (None, []))
            if at is not None:
                found += [Purchase(customer, p, at, purchase) for p in products]
        return found

    @cached_property
    def customer_scores(self) -> dict[str, dict[str, object]]:
        """The scores stored on customers by earlier runs (to write only the changed ones)."""
        keys = ("influence", "influenceRank", "community", "sentimentAvg")
        cols = self.ahead.columns("analytics/customer_scores")
        found: dict[str, dict[str, object]] = {}
        for cid, *values in _zip(cols, "ids", *keys):
            scores = {k: number(v) for k, v in zip(keys, values, strict=True)}
            found[cid] = {k: v for k, v in scores.items() if v is not None}
        return found

    @cached_property
    def topic_mentions(self) -> list[tuple[str, str, float | None]]:
        """(customer, topic, sentiment) for every tagged post of a customer."""
        cols = self.ahead.columns("analytics/post_topics")
        authors = self.post_authors
        return [
            (customer, topic, number(sentiment))
            for post, sentiment, topic in _zip(cols, "posts", "sentiments", "topics")
            for customer in authors.get(post, ())
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


class WarmthInputs(NamedTuple):
    """What warmth is computed from (:func:`graph.analytics.warmth.warmth`'s arguments)."""

    contacts: list[Contact]
    sales: list[Sale]
    owners: list[Owner]


def load_contacts(repository: Repository, customers: Collection[str] | None = None) -> WarmthInputs:
    """Interactions and public brand replies between employees and customers, sales, and the
    employees who own customers' accounts.

    With ``customers``, only theirs (one indexed lookup per customer instead of a scan).
    """
    suffix, params = ("", {}) if customers is None else ("_of", {"customers": sorted(customers)})
    ahead = ReadAhead(repository)
    try:
        return _contacts(ahead, suffix, params)
    finally:
        ahead.close()


def _contacts(ahead: ReadAhead, suffix: str, params: dict[str, Any]) -> WarmthInputs:
    for read in ("contacts", "replies", "sales", "owners"):
        ahead.start(f"analytics/employee_customer_{read}{suffix}", **params)
    cols = ahead.columns(f"analytics/employee_customer_contacts{suffix}", **params)
    contacts = [
        Contact(
            employee=e, customer=c, channel=channel or "other", at=parse_db_time(at),
            direction=direction or None, sentiment=number(sentiment), id=i,
            subject=subject or None,
        )
        for e, c, i, channel, at, direction, sentiment, subject in _zip(
            cols, "employees", "customers", "ids", "channels", "ats", "directions",
            "sentiments", "subjects",
        )
    ]  # fmt: skip
    cols = ahead.columns(f"analytics/employee_customer_replies{suffix}", **params)
    contacts += [
        Contact(
            employee=e, customer=c, channel="social", at=parse_db_time(at),
            direction="outbound", sentiment=number(sentiment), id=i, subject=subject or None,
        )
        for e, c, i, at, sentiment, subject in _zip(
            cols, "employees", "customers", "ids", "ats", "sentiments", "subjects"
        )
    ]  # fmt: skip
    cols = ahead.columns(f"analytics/employee_customer_sales{suffix}", **params)
    sales = [
        Sale(e, c, parse_db_time(at), number(total), i)
        for e, c, i, at, total in _zip(cols, "employees", "customers", "ids", "ats", "totals")
    ]
    # One order whatever the engine returns rows in: warmth sums floats, and its digest must
    # not change because Neo4j and ArcadeDB (or a full and an incremental read) differ.
    contacts.sort(key=lambda c: (c.employee, c.customer, c.at, c.id, c.channel))
    sales.sort(key=lambda s: (s.employee, s.customer, s.at, s.id))
    cols = ahead.columns(f"analytics/employee_customer_owners{suffix}", **params)
    owners = sorted(Owner(e, c) for e, c in _zip(cols, "employees", "customers"))
    return WarmthInputs(contacts, sales, owners)


def load_topic_mentions_of(
    repository: Repository, customers: Collection[str]
) -> list[tuple[str, str, float | None]]:
    """(customer, topic, sentiment) for every tagged post of the given customers."""
    rows = repository.read("analytics/customer_topics_of", customers=sorted(customers))
    return [(r["customer"], r["topic"], r.get("sentiment")) for r in rows]
