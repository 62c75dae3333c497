"""The product's questions about one customer, product or topic, answered from the analysed graph.

Each function reads a small subgraph around its subject (statements in ``cypher/questions/``) and
hands it to the pure analytics (:mod:`graph.analytics.influence`, :mod:`graph.analytics.campaign`,
:mod:`graph.analytics.recommend`, :mod:`graph.analytics.sentiment_trend`). The CLI uses them,
and the GraphQL API.
They read what ``rapport analyze`` stored (INFLUENCES, RAPPORT, BOUGHT_WITH, INTERESTED_IN,
``Customer.influence``), so run it first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import networkx as nx  # type: ignore[import-untyped]

from graph.analytics import campaign, influence, recommend, related, sentiment_trend
from graph.answers import activity, paging
from graph.errors import ConfigError, NotFound
from graph.model import from_db_time
from graph.store import reads
from graph.store.repository import Repository, Row

PRAISE_SENTIMENT = 0.3
CUSTOMER_HINT = "give the id of a Customer node"
MAX_FIRST = 1000


def check_first(first: int) -> None:
    """:class:`ConfigError` unless ``first`` is 1..MAX_FIRST (how many items a list may ask)."""
    paging.check_first(first, MAX_FIRST)


@dataclass(frozen=True, slots=True)
class Ranked:
    """A customer in a ranking: ``score`` is what the ranking is by (see the function)."""

    customer: str
    name: str | None
    score: float
    rank: int | None = None


def display_names(repository: Repository, ids: list[str]) -> dict[str, str]:
    """Names of products and customers by id (ids without a name are left out)."""
    rows = repository.read("questions/display_names", ids=sorted(set(ids))) if ids else []
    return {row["id"]: row["name"] for row in rows if row.get("name")}


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
            _customer_exists(repository, customer)
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

    @classmethod
    def of(cls, id: str, r: dict[str, Any]) -> CustomerProfile:
        """From the node's stored properties."""
        return cls(
            id, r.get("name"), r.get("email"), r.get("city"), r.get("tier"), r.get("influence"),
            r.get("influenceRank"), r.get("community"), r.get("sentimentAvg"),
        )  # fmt: skip


def node_props(repository: Repository, label: str, node_id: str, hint: str) -> dict[str, Any]:
    """The stored properties of one node, or :class:`NotFound` (with ``hint``)."""
    found = reads.nodes_by_ids(repository, label, [node_id]).get(node_id)
    if found is None:
        raise NotFound(f"no {label.lower()} {node_id!r}", hint=hint)
    return found


def _customer_exists(repository: Repository, customer: str) -> None:
    node_props(repository, "Customer", customer, CUSTOMER_HINT)


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
    _customer_exists(repository, customer)
    return warmest_employees_of(repository, [customer], first=first)[customer]


def warmest_employees_of(
    repository: Repository, customers: Sequence[str], *, first: int = 3
) -> dict[str, list[EmployeeWarmth]]:
    """The warmest employees of each customer (one read for all of them), by customer id."""
    found: dict[str, list[EmployeeWarmth]] = {c: [] for c in customers}
    for r in repository.read("questions/warmest_employees_of", ids=list(customers)):
        found[r["customer"]].append(_employee_warmth(r))
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
    _customer_exists(repository, customer)
    posts = activity.posts_of(repository, [customer])[customer]
    return weekly_sentiment_of(posts, weeks=weeks, now=now)


def weekly_sentiment_of(
    posts: Sequence[activity.PostView], *, weeks: int | None = 12, now: datetime | None = None
) -> list[sentiment_trend.WeekSentiment]:
    """Weekly sentiment of these posts (the dated ones with a sentiment)."""
    points = [(p.at, float(p.sentiment)) for p in posts if p.at and p.sentiment is not None]
    return sentiment_trend.weekly_sentiment(sorted(points), weeks=weeks, now=now)


def _rule(r: Row) -> related.Rule:
    """A stored BOUGHT_WITH row as a rule."""
    return related.Rule(
        r["product"], r["other"], int(r["count"] or 0), float(r["support"] or 0),
        float(r["confidence"] or 0), float(r["lift"] or 0),
    )  # fmt: skip


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    top = max(weights.values(), default=0.0)
    return {k: v / top for k, v in weights.items()} if top > 0 else {}


def recommendations(
    repository: Repository, customer: str, *, first: int = 5
) -> list[recommend.Recommendation]:
    """The customer's best next products, each with its reasons (see
    :mod:`graph.analytics.recommend`)."""
    check_first(first)
    found = recommendations_of(repository, [customer], first=first)
    if customer not in found:
        raise NotFound(f"no customer {customer!r}", hint=CUSTOMER_HINT)
    return found[customer]


def recommendations_of(
    repository: Repository, customers: Sequence[str], *, first: int = 5
) -> dict[str, list[recommend.Recommendation]]:
    """:func:`recommendations` of each customer that exists, by customer id: five reads for
    all of them (their products and influencers; the rules of those products; what the
    influencers bought and praised; their interests; the names)."""
    inputs = {
        r["customer"]: r
        for r in repository.read("questions/recommendation_inputs_of", ids=list(customers))
    }
    owned = {c: [p for p in r["owned"] if p] for c, r in inputs.items()}
    weights = {
        c: _normalised(
            {i: float(w or 0.0) for i, w in zip(r["influencers"], r["weights"], strict=True) if i}
        )
        for c, r in inputs.items()
    }
    rules: dict[str, list[related.Rule]] = defaultdict(list)
    complements: dict[str, set[str]] = defaultdict(set)
    products = sorted({p for ps in owned.values() for p in ps})
    if products:
        for r in repository.read("questions/related_products", products=products):
            if r["curated"]:
                complements[r["product"]].add(r["other"])
            else:
                rules[r["product"]].append(_rule(r))
    bought: dict[str, list[str]] = {}
    praised: dict[str, list[str]] = {}
    people = sorted({i for ws in weights.values() for i in ws})
    if people:
        for r in repository.read(
            "questions/influencer_products", customers=people, min_sentiment=PRAISE_SENTIMENT
        ):
            bought[r["customer"]] = [p for p in r["bought"] if p]
            praised[r["customer"]] = [p for p in r["praised"] if p]
    interests: dict[str, dict[str, float]] = defaultdict(dict)
    product_topics: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in repository.read("questions/customer_interests_of", ids=list(inputs)):
        interests[r["customer"]][r["topic"]] = float(r["weight"] or 0.0)
        for product in r["products"]:
            if product:
                product_topics[r["customer"]][product].add(r["topic"])
    names = display_names(repository, [*products, *people])
    related_rules = {p: related.related_to(rs, product=p, first=20) for p, rs in rules.items()}
    return {
        c: recommend.recommend(
            owned=owned[c],
            related={p: related_rules[p] for p in owned[c] if p in related_rules},
            complements=complements,
            influencer_purchases={i: bought[i] for i in weights[c] if i in bought},
            influencer_praise={i: praised[i] for i in weights[c] if i in praised},
            influencer_weight=weights[c],
            interests=_normalised(interests[c]),
            product_topics=product_topics[c],
            consumable=[p for p in row["consumable"] if p],
            names=names,
            first=first,
        )
        for c, row in inputs.items()
    }


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
    _customer_exists(repository, customer)
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


@dataclass(frozen=True, slots=True)
class ProductView:
    """A product and what is bought with it."""

    id: str
    name: str | None
    brand: str | None
    category: str | None
    price: float | None

    @classmethod
    def of(cls, id: str, r: dict[str, Any]) -> ProductView:
        """From the node's stored properties."""
        return cls(id, r.get("name"), r.get("brand"), r.get("category"), r.get("price"))


def product(repository: Repository, product_id: str) -> ProductView:
    """One product, or :class:`NotFound`."""
    r = node_props(repository, "Product", product_id, "products are keyed by SKU")
    return ProductView.of(product_id, r)


def related_products_of(
    repository: Repository, products: Sequence[str], *, first: int = 5
) -> dict[str, list[related.Rule]]:
    """What is bought with each product (stored BOUGHT_WITH), strongest first, by product id
    (one read for all of them)."""
    rules: dict[str, list[related.Rule]] = {p: [] for p in products}
    for r in repository.read("questions/related_products", products=list(products)):
        if not r["curated"]:
            rules[r["product"]].append(_rule(r))
    return {p: related.related_to(rs, product=p, first=first) for p, rs in rules.items()}
