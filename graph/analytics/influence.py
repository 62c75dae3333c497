"""Who influences whom (DESIGN.md §5).

Customer B influences customer A when A follows B, replies to, reshares, quotes or mentions B,
was referred by B, or bought a product within :data:`CONVERSION_WINDOW` after B praised it
where A could see it (a *conversion*, the strongest evidence). Each directed pair
``influencer -> influenced`` carries its :class:`Evidence`; the edge weight is the weighted
evidence count (:data:`WEIGHTS`). ``Customer.influence`` is PageRank (Page, Brin, Motwani and
Winograd 1999) over those edges with influence flowing back from the influenced to the
influencer. Everything here is pure: plain records in, plain values,
:class:`~graph.analytics.weighted.Links` or a networkx graph out.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from operator import attrgetter, mul
from types import MappingProxyType

import networkx as nx  # type: ignore[import-untyped]

from graph.analytics.weighted import Links, reverse_pagerank

Pair = tuple[str, str]

WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "follows": 1.0,
        "replies": 2.0,
        "reshares": 3.0,
        "quotes": 3.0,
        "mentions": 2.0,
        "referrals": 5.0,
        "conversions": 8.0,
    }
)
"""Weight of one piece of evidence of each kind; a conversion counts most."""

CONVERSION_WINDOW = timedelta(days=30)
"""A purchase this long after the praise (inclusive) still counts as a conversion."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Counts of each kind of evidence on one directed edge ``influencer -> influenced``.

    >>> (Evidence(follows=1) + Evidence(replies=2, follows=1)).weight()
    6.0
    """

    follows: int = 0
    replies: int = 0
    reshares: int = 0
    quotes: int = 0
    mentions: int = 0
    referrals: int = 0
    conversions: int = 0

    def weight(self, weights: Mapping[str, float] = WEIGHTS) -> float:
        """The weighted sum of the counts; kinds missing from ``weights`` count zero."""
        factors = _FACTORS if weights is WEIGHTS else [weights.get(k, 0.0) for k in EVIDENCE_KINDS]
        counts = (self.follows, self.replies, self.reshares, self.quotes, self.mentions,
                  self.referrals, self.conversions)  # fmt: skip
        return float(sum(map(mul, counts, factors)))

    def __add__(self, other: Evidence) -> Evidence:
        return Evidence(*(getattr(self, kind) + getattr(other, kind) for kind in EVIDENCE_KINDS))


EVIDENCE_KINDS: tuple[str, ...] = tuple(f.name for f in fields(Evidence))
"""The kinds of evidence, in field order (computed once: ``fields()`` is slow in a hot loop)."""
_FACTORS = [WEIGHTS[kind] for kind in EVIDENCE_KINDS]
_REFERRALS, _CONVERSIONS = EVIDENCE_KINDS.index("referrals"), EVIDENCE_KINDS.index("conversions")


@dataclass(frozen=True, slots=True)
class Praise:
    """A positive post by ``customer`` about ``product``."""

    customer: str
    product: str
    at: datetime
    post: str


@dataclass(frozen=True, slots=True)
class Purchase:
    """``customer`` bought ``product`` at ``at`` (one line of purchase ``purchase``)."""

    customer: str
    product: str
    at: datetime
    purchase: str


@dataclass(frozen=True, slots=True)
class Conversion:
    """``customer`` bought ``product`` after ``influencer`` praised it where they could see it."""

    influencer: str
    customer: str
    product: str
    praised_at: datetime
    bought_at: datetime
    post: str
    purchase: str


_Timeline = tuple[list[datetime], list[Purchase]]
_NO_TIMELINE: _Timeline = ([], [])
_AT = attrgetter("at")


@dataclass(frozen=True, slots=True)
class _PurchaseIndex:
    """Purchases in time order per product and per (product, buyer); each product's buyers."""

    by_product: dict[str, _Timeline]
    by_buyer: dict[Pair, list[Purchase]]
    buyers: dict[str, frozenset[str]]

    @classmethod
    def of(cls, purchases: Iterable[Purchase]) -> _PurchaseIndex:
        by_product: defaultdict[str, list[Purchase]] = defaultdict(list)
        by_buyer: dict[Pair, list[Purchase]] = {}
        for p in sorted(purchases, key=attrgetter("at", "purchase")):
            by_product[p.product].append(p)
            rows = by_buyer.get((p.product, p.customer))
            if rows is None:
                by_buyer[p.product, p.customer] = [p]
            else:
                rows.append(p)
        buyers: defaultdict[str, set[str]] = defaultdict(set)
        for product, customer in by_buyer:
            buyers[product].add(customer)
        frozen = {product: frozenset(who) for product, who in buyers.items()}
        timelines = {key: ([p.at for p in rows], rows) for key, rows in by_product.items()}
        return cls(timelines, by_buyer, frozen)

    def after(self, said: Praise, viewers: frozenset[str], window: timedelta) -> Iterator[Purchase]:
        """Purchases of the praised product by ``viewers`` in ``(said.at, said.at + window]``.

        Only viewers who ever bought the product are looked at; of them and the product's
        purchases in the window, whichever are fewer are scanned.
        """
        end = said.at + window
        candidates = viewers & self.buyers.get(said.product, frozenset())
        if not candidates:
            return
        times, rows = self.by_product.get(said.product, _NO_TIMELINE)
        lo, hi = bisect_right(times, said.at), bisect_right(times, end)
        if hi - lo <= len(candidates):
            yield from (p for p in rows[lo:hi] if p.customer in candidates)
            return
        for buyer in candidates:
            # A buyer's purchases of one product are few: bisect them by time directly.
            rows = self.by_buyer[said.product, buyer]
            first = bisect_right(rows, said.at, key=_AT)
            if first < len(rows) and rows[first].at <= end:
                yield rows[first]


def conversions(
    praise: Iterable[Praise],
    purchases: Iterable[Purchase],
    audience: Mapping[str, Collection[str]],
    *,
    window: timedelta = CONVERSION_WINDOW,
) -> list[Conversion]:
    """Purchases made within ``window`` after a praise the buyer could see.

    ``audience[b]`` holds the customers who can see ``b``'s posts (those who follow ``b`` or
    know ``b``, either way). A purchase converts when it is strictly after the praise and at
    most ``window`` later, of the praised product, by someone in the praiser's audience other
    than the praiser. Each ``(influencer, customer, product)`` converts at most once: the
    earliest praise with a qualifying purchase, paired with the earliest such purchase.
    Purchases are indexed by product and time and found by bisection. Ordered by praise time.

    >>> t = datetime(2025, 1, 1)
    >>> said = [Praise("ann", "shirt", t, "p1")]
    >>> bought = [Purchase("bob", "shirt", t + timedelta(days=3), "o1")]
    >>> [(c.influencer, c.customer) for c in conversions(said, bought, {"ann": ["bob"]})]
    [('ann', 'bob')]
    """
    index = _PurchaseIndex.of(purchases)
    viewers_of: dict[str, frozenset[str]] = {}
    done: set[tuple[str, str, str]] = set()
    found: list[Conversion] = []
    for said in sorted(praise, key=lambda p: (p.at, p.post)):
        if said.customer not in viewers_of:
            viewers_of[said.customer] = frozenset(audience.get(said.customer, ()))
        for bought in index.after(said, viewers_of[said.customer], window):
            key = (said.customer, bought.customer, said.product)
            if bought.customer == said.customer or key in done:
                continue
            done.add(key)
            found.append(Conversion(*key, said.at, bought.at, said.post, bought.purchase))
    found.sort(key=lambda c: (c.praised_at, c.bought_at, c.influencer, c.customer, c.product))
    return found


def influence_edges(
    *,
    follows: Iterable[Pair] = (),
    replies: Iterable[Pair] = (),
    reshares: Iterable[Pair] = (),
    quotes: Iterable[Pair] = (),
    mentions: Iterable[Pair] = (),
    referrals: Iterable[Pair] = (),
    conversions: Iterable[Conversion] = (),
) -> dict[Pair, Evidence]:
    """Evidence per ``(influencer, influenced)`` pair from observed ``(actor, target)`` pairs.

    The actor is influenced by the target (the followed, replied-to, reshared, quoted or
    mentioned customer), except for ``referrals`` where the referrer (the actor) influences the
    referred. Self-pairs are ignored; repeated pairs add up.

    >>> e = influence_edges(follows=[("bob", "ann"), ("bob", "ann")], referrals=[("ann", "bob")])
    >>> e["ann", "bob"].follows, e["ann", "bob"].referrals
    (2, 1)
    """
    # Per pair, one count per kind in EVIDENCE_KINDS order (a Counter per pair was slower).
    counts: defaultdict[Pair, list[int]] = defaultdict(_no_evidence)
    observed = (follows, replies, reshares, quotes, mentions)  # the first kinds, in order
    for kind, pairs in enumerate(observed):
        for actor, target in pairs:
            counts[target, actor][kind] += 1
    for referrer, referred in referrals:
        counts[referrer, referred][_REFERRALS] += 1
    for c in conversions:
        counts[c.influencer, c.customer][_CONVERSIONS] += 1
    return {pair: Evidence(*row) for pair, row in counts.items() if pair[0] != pair[1]}


def _no_evidence() -> list[int]:
    return [0] * len(EVIDENCE_KINDS)


def influence_graph(
    edges: Mapping[Pair, Evidence], *, weights: Mapping[str, float] = WEIGHTS
) -> nx.DiGraph:
    """The influence graph: ``influencer -> influenced`` with ``weight`` and ``evidence``.

    Pairs whose weighted evidence is not positive are left out.

    >>> g = influence_graph({("ann", "bob"): Evidence(conversions=1)})
    >>> g["ann"]["bob"]["weight"]
    8.0
    """
    graph = nx.DiGraph()
    for (influencer, influenced), evidence in edges.items():
        strength = evidence.weight(weights)
        if strength > 0:
            graph.add_edge(influencer, influenced, weight=strength, evidence=evidence)
    return graph


def influence_links(
    edges: Mapping[Pair, Evidence], *, weights: Mapping[str, float] = WEIGHTS
) -> Links:
    """:func:`influence_graph` as plain lists (what an analysis run needs: a tenth of the memory).

    >>> found = {("ann", "bob"): Evidence(conversions=1), ("bob", "cy"): Evidence()}
    >>> links = influence_links(found)
    >>> links.nodes, links.edges
    (['ann', 'bob'], [(0, 1, 8.0)])
    """
    weighted = ((a, b, ev.weight(weights)) for (a, b), ev in edges.items())
    return Links.of((a, b, w) for a, b, w in weighted if w > 0)


def influence_scores(
    graph: nx.DiGraph | Links, *, alpha: float = 0.85, weight: str = "weight"
) -> dict[str, float]:
    """``Customer.influence``: PageRank with influence flowing from influenced to influencer.

    Edges point ``influencer -> influenced``, so this is PageRank on ``graph.reverse()``: each
    customer hands its score to those who influence it, in proportion to edge weight. A
    customer influencing many influential customers ranks high. Customers influenced by no one
    spread their score evenly (networkx's default for dangling nodes). Pure-Python power
    iteration (:func:`~graph.analytics.weighted.reverse_pagerank`); the scores sum to 1 over the
    nodes of ``graph``.

    >>> g = nx.DiGraph([("hub", "a"), ("hub", "b"), ("a", "b")])
    >>> max(influence_scores(g).items(), key=lambda kv: kv[1])[0]
    'hub'
    """
    links = graph if isinstance(graph, Links) else Links.of_graph(graph, weight)
    return dict(zip(links.nodes, reverse_pagerank(links, alpha=alpha), strict=True))


def ranks(scores: Mapping[str, float]) -> dict[str, int]:
    """``Customer.influenceRank``: 1 for the highest score; equal scores in id order.

    >>> ranks({"bob": 0.2, "ann": 0.2, "cy": 0.6})
    {'cy': 1, 'ann': 2, 'bob': 3}
    """
    order = sorted(scores, key=lambda node: (-scores[node], node))
    return {node: rank for rank, node in enumerate(order, start=1)}


def product_influencers(
    conversions: Iterable[Conversion],
    scores: Mapping[str, float] | None = None,
    *,
    product: str,
) -> list[tuple[str, int]]:
    """Who converted others to ``product``: ``(customer, conversions)``, most first.

    Ties go to the higher overall influence score, then to the smaller id.

    >>> t = datetime(2025, 1, 1)
    >>> sold = [Conversion("ann", "bob", "shirt", t, t, "p1", "o1")]
    >>> product_influencers(sold, product="shirt")
    [('ann', 1)]
    """
    counts = Counter(c.influencer for c in conversions if c.product == product)
    overall = scores or {}
    order = sorted(counts, key=lambda node: (-counts[node], -overall.get(node, 0.0), node))
    return [(node, counts[node]) for node in order]


def topic_influencers(
    posts_by_topic: Mapping[str, Iterable[tuple[str, float]]],
    graph: nx.DiGraph,
    *,
    topic: str,
    scores: Mapping[str, float],
) -> list[tuple[str, float]]:
    """Who leads the conversation on ``topic``: ``(customer, score)``, highest first.

    ``posts_by_topic[topic]`` holds ``(author, sentiment)`` per post tagged with the topic.
    An author scores ``posts * (1 + percentile)``, where ``posts`` counts their posts on the
    topic (praise and criticism alike: both spread) and ``percentile`` is the share of the
    other customers of ``graph`` whose overall influence in ``scores`` is strictly lower
    (0 for the least influential, 1 for the most). Ties in id order.

    >>> g = nx.DiGraph([("ann", "bob"), ("bob", "cy")])
    >>> posts = {"denim": [("cy", 0.5), ("bob", -0.2), ("ann", 0.9)]}
    >>> topic_influencers(posts, g, topic="denim", scores={"ann": 0.5, "bob": 0.3, "cy": 0.2})
    [('ann', 2.0), ('bob', 1.5), ('cy', 1.0)]
    """
    posts = Counter(author for author, _sentiment in posts_by_topic.get(topic, ()))
    population = sorted(scores.get(node, 0.0) for node in graph)

    def percentile(author: str) -> float:
        others = len(population) - (1 if author in graph else 0)
        lower = bisect_left(population, scores.get(author, 0.0))
        return lower / others if others else 0.0

    scored = {author: count * (1.0 + percentile(author)) for author, count in posts.items()}
    return sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))


def strongest_path(
    graph: nx.DiGraph, source: str, target: str, *, weight: str = "weight"
) -> list[str] | None:
    """The chain of influence from ``source`` to ``target`` with the largest product of strengths.

    An edge's strength is its weight over the largest weight in ``graph`` (so in ``(0, 1]``);
    maximising the product is a shortest path with edge cost ``-log(strength)`` (Dijkstra 1959).
    Edges without positive weight are not used. ``None`` when ``target`` cannot be reached.

    >>> g = nx.DiGraph()
    >>> g.add_weighted_edges_from([("ann", "cy", 1.0), ("ann", "bob", 8.0), ("bob", "cy", 8.0)])
    >>> strongest_path(g, "ann", "cy")
    ['ann', 'bob', 'cy']
    """
    strongest = max((w for *_, w in graph.edges(data=weight, default=1.0)), default=0.0)

    def cost(_u: str, _v: str, data: Mapping[str, float]) -> float | None:
        w = data.get(weight, 1.0)
        return -math.log(w / strongest) if w > 0 else None

    try:
        path: list[str] = nx.dijkstra_path(graph, source, target, weight=cost)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    return path
