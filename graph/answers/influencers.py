"""Who influences whom: top influencers, per product and topic, paths, campaign seeds, links.

Each function reads a small subgraph (statements in ``cypher/questions/``) and hands it to the pure
analytics (:mod:`graph.analytics.influence`, :mod:`graph.analytics.campaign`). They read what
``rapport analyze`` stored (INFLUENCES, ``Customer.influence``), so run it first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx  # type: ignore[import-untyped]

from graph.analytics import campaign, influence
from graph.answers.common import (
    PRAISE_SENTIMENT,
    check_first,
    customer_exists,
    display_names,
)
from graph.errors import ConfigError
from graph.store.repository import Repository
from graph.times import from_db_time


@dataclass(frozen=True, slots=True)
class Ranked:
    """A customer in a ranking: ``score`` is what the ranking is by (see the function)."""

    customer: str
    name: str | None
    score: float
    rank: int | None = None


def top_influencers(repository: Repository, *, first: int = 10) -> list[Ranked]:
    """The most influential customers overall (PageRank over INFLUENCES)."""
    check_first(first)
    return [
        Ranked(row["id"], row.get("name"), float(row["influence"] or 0.0), row["rank"])
        for row in repository.read("questions/top_influencers", limit=first)
    ]


def product_influencers(repository: Repository, product: str, *, first: int = 10) -> list[Ranked]:
    """Who converted most customers to ``product`` (score: conversions)."""
    check_first(first)
    praise = [
        influence.Praise(r["customer"], product, from_db_time(r["at"]), r["post"])
        for r in repository.read(
            "questions/product_praise", product=product, min_sentiment=PRAISE_SENTIMENT
        )
    ]
    if not praise:
        return []
    purchases = [
        influence.Purchase(r["customer"], product, from_db_time(r["at"]), r["purchase"])
        for r in repository.read("questions/product_buyers", product=product)
    ]
    praisers = sorted({p.customer for p in praise})
    audience = {
        row["customer"]: {c for c in row["audience"] if c}
        for row in repository.read("questions/audience_of", customers=praisers)
    }
    found = influence.conversions(praise, purchases, audience)
    ranking = influence.product_influencers(found, product=product)[:first]
    names = display_names(repository, [c for c, _ in ranking])
    return [Ranked(c, names.get(c), float(n)) for c, n in ranking]


def topic_influencers(repository: Repository, topic: str, *, first: int = 10) -> list[Ranked]:
    """Who leads the conversation on ``topic`` (score: posts × (1 + influence percentile))."""
    check_first(first)
    posts = [
        (row["customer"], float(row.get("sentiment") or 0.0))
        for row in repository.read("questions/topic_posts", topic=topic.lower().lstrip("#"))
    ]
    if not posts:
        return []
    scores = {r["id"]: float(r["influence"]) for r in repository.read("questions/customer_scores")}
    graph = nx.DiGraph()
    graph.add_nodes_from(scores)
    ranking = influence.topic_influencers({topic: posts}, graph, topic=topic, scores=scores)[:first]
    names = display_names(repository, [c for c, _ in ranking])
    return [Ranked(c, names.get(c), round(s, 4)) for c, s in ranking]


def influence_graph(repository: Repository) -> nx.DiGraph:
    """The stored INFLUENCES edges as a weighted networkx graph (influencer -> influenced)."""
    graph = nx.DiGraph()
    for row in repository.read("questions/influence_edges"):
        for end, weight in zip(row["ends"], row["weights"], strict=True):
            graph.add_edge(row["start"], end, weight=float(weight))
    return graph


def influence_path(repository: Repository, source: str, target: str) -> list[str] | None:
    """The strongest chain of influence from ``source`` to ``target`` (None: there is none)."""
    graph = influence_graph(repository)
    for customer in (source, target):
        if customer not in graph:
            customer_exists(repository, customer)
    if source not in graph or target not in graph:
        return None
    return influence.strongest_path(graph, source, target)


def campaign_seeds(
    repository: Repository,
    *,
    k: int,
    product: str | None = None,
    topic: str | None = None,
    rounds: int = 200,
    seed: int = 7,
) -> tuple[list[str], float]:
    """The ``k`` customers with the largest expected spread (CELF, independent cascade) and that
    spread; with ``product`` or ``topic``, chosen among those who praised it or posted on it."""
    if not 1 <= k <= 100:
        raise ConfigError(f"k must be 1..100, got {k}", hint="pick a campaign of 1 to 100 seeds")
    candidates: set[str] | None = None
    if product is not None:
        candidates = {
            r["customer"]
            for r in repository.read(
                "questions/product_praise", product=product, min_sentiment=PRAISE_SENTIMENT
            )
        }
    if topic is not None:
        on_topic = {
            r["customer"]
            for r in repository.read("questions/topic_posts", topic=topic.lower().lstrip("#"))
        }
        candidates = on_topic if candidates is None else candidates & on_topic
    graph = influence_graph(repository)
    if candidates is not None:
        candidates &= set(graph)
        if not candidates:
            return [], 0.0
    return campaign.campaign_seeds(graph, k=k, rounds=rounds, seed=seed, candidates=candidates)


@dataclass(frozen=True, slots=True)
class InfluenceLink:
    """An INFLUENCES edge seen from one customer: the other customer, weight, evidence counts."""

    other: str
    name: str | None
    weight: float
    counts: dict[str, int]


def influence_links(
    repository: Repository, customer: str, *, inbound: bool, first: int = 10
) -> list[InfluenceLink]:
    """Who influences ``customer`` (``inbound``) or whom they influence, strongest first."""
    check_first(first)
    customer_exists(repository, customer)
    return influence_links_of(repository, [customer], inbound=inbound, first=first)[customer]


def influence_links_of(
    repository: Repository, customers: Sequence[str], *, inbound: bool, first: int = 10
) -> dict[str, list[InfluenceLink]]:
    """:func:`influence_links` of each customer, by customer id (one read for all of them)."""
    name = "questions/influencers_of" if inbound else "questions/influenced_of"
    found: dict[str, list[InfluenceLink]] = {c: [] for c in customers}
    for r in repository.read(name, ids=list(customers)):
        found[r["customer"]].append(
            InfluenceLink(
                r["other"],
                r.get("name"),
                float(r["weight"] or 0.0),
                {kind: int(r.get(kind) or 0) for kind in influence.EVIDENCE_KINDS},
            )
        )
    return {
        c: sorted(links, key=lambda k: (-k.weight, k.other))[:first] for c, links in found.items()
    }
