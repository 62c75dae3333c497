"""Products, what is bought with them, and each customer's recommendations with their reasons.

Recommendations combine the stored BOUGHT_WITH rules, curated COMPLEMENTS, what a customer's
influencers bought and praised, and their interests (see :mod:`graph.analytics.recommend`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from graph.analytics import recommend, related
from graph.answers.common import (
    CUSTOMER_HINT,
    PRAISE_SENTIMENT,
    check_first,
    names_and_categories,
    node_props,
)
from graph.errors import NotFound
from graph.store.repository import Repository, Row


def _rule(r: Row) -> related.Rule:
    """A stored BOUGHT_WITH row as a rule."""
    return related.Rule(
        r["product"], r["other"], int(r["count"] or 0), float(r["support"] or 0),
        float(r["confidence"] or 0), float(r["lift"] or 0), float(r["score"] or 0),
        float(1.0 if r["pValue"] is None else r["pValue"]),
        float(1.0 if r["qValue"] is None else r["qValue"]), int(r["rank"] or 0),
    )  # fmt: skip


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    top = max(weights.values(), default=0.0)
    return {k: v / top for k, v in weights.items()} if top > 0 else {}


#: Influencers whose purchases and praise a recommendation weighs: the strongest ones. A weak
#: influence adds little to a score, and a customer with 90 of them made one read walk every
#: purchase and post of all 90 (0.14 s at 100,000 customers).
INFLUENCERS_WEIGHED = 20


def _strongest(weights: dict[str, float], most: int = INFLUENCERS_WEIGHED) -> dict[str, float]:
    """The ``most`` largest of ``weights`` (ties by id).

    >>> _strongest({"b": 1.0, "a": 1.0, "c": 3.0}, most=2)
    {'c': 3.0, 'a': 1.0}
    """
    return dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:most])


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


#: Best sellers read to fill a customer's list when the evidence gives too few.
BEST_SELLERS_OFFERED = 20


def recommendations_of(
    repository: Repository, customers: Sequence[str], *, first: int = 5
) -> dict[str, list[recommend.Recommendation]]:
    """:func:`recommendations` of each customer that exists, by customer id: six reads for
    all of them in three round trips (their products and influencers, their interests and the
    best sellers; the rules of those products and what the influencers bought and praised; the
    names and categories)."""
    ids = list(customers)
    first_rows, interest_rows, offered = repository.read_together([
        ("questions/recommendation_inputs_of", {"ids": ids}),
        ("questions/customer_interests_of", {"ids": ids}),
        # What a customer with too little evidence is offered (a new one has none).
        ("questions/best_sellers", {"limit": BEST_SELLERS_OFFERED}),
    ])  # fmt: skip
    inputs = {r["customer"]: r for r in first_rows}
    owned = {c: [p for p in r["owned"] if p] for c, r in inputs.items()}
    weights = {
        c: _normalised(_strongest(
            {i: float(w or 0.0) for i, w in zip(r["influencers"], r["weights"], strict=True) if i}
        ))
        for c, r in inputs.items()
    }  # fmt: skip
    products = sorted({p for ps in owned.values() for p in ps})
    people = sorted({i for ws in weights.values() for i in ws})
    second: list[tuple[str, dict[str, Any]]] = []
    if products:
        second.append(("questions/related_products", {"products": products}))
    if people:
        second.append(("questions/influencer_products",
                       {"customers": people, "min_sentiment": PRAISE_SENTIMENT}))  # fmt: skip
    found = dict(zip((name for name, _ in second), repository.read_together(second), strict=True))
    rules: dict[str, list[related.Rule]] = defaultdict(list)
    complements: dict[str, set[str]] = defaultdict(set)
    for r in found.get("questions/related_products", []):
        if r["other"] is None:  # a product with none
            continue
        if r["curated"]:
            complements[r["product"]].add(r["other"])
        else:
            rules[r["product"]].append(_rule(r))
    bought: dict[str, list[str]] = {}
    praised: dict[str, list[str]] = {}
    for r in found.get("questions/influencer_products", []):
        bought[r["customer"]] = [p for p in r["bought"] if p]
        praised[r["customer"]] = [p for p in r["praised"] if p]
    interests: dict[str, dict[str, float]] = defaultdict(dict)
    product_topics: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in interest_rows:
        interests[r["customer"]][r["topic"]] = float(r["weight"] or 0.0)
        for product in r["products"]:
            if product:
                product_topics[r["customer"]][product].add(r["topic"])
    related_rules = {p: related.related_to(rs, product=p, first=20) for p, rs in rules.items()}
    candidates = {r.other for rs in related_rules.values() for r in rs}
    candidates |= {o for os in complements.values() for o in os}
    candidates |= {p for ps in [*bought.values(), *praised.values()] for p in ps}
    candidates |= {p for topics in product_topics.values() for p in topics}
    best = [(r["product"], int(r["sold"] or 0)) for r in offered]
    candidates |= {p for p, _ in best}
    names, categories = names_and_categories(repository, [*products, *people, *candidates])
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
            categories=categories,
            best_sellers=best,
            first=first,
        )
        for c, row in inputs.items()
    }


@dataclass(frozen=True, slots=True)
class ProductView:
    """A product and what is bought with it."""

    id: str
    name: str | None
    brand: str | None
    category: str | None
    price: float | None

    #: The stored properties a view is made of, in field order: all a read needs to fetch.
    KEYS: ClassVar[tuple[str, ...]] = ("name", "brand", "category", "price")

    @classmethod
    def of(cls, id: str, r: dict[str, Any]) -> ProductView:
        """From the node's stored properties."""
        return cls(id, *map(r.get, cls.KEYS))


def product(repository: Repository, product_id: str) -> ProductView:
    """One product, or :class:`NotFound`."""
    r = node_props(repository, "Product", product_id, "products are keyed by SKU")
    return ProductView.of(product_id, r)


@dataclass(frozen=True, slots=True)
class RelatedProduct:
    """A rule of :func:`related_products_of`, with the other product's name (read with it)."""

    rule: related.Rule
    name: str | None


def related_products_of(
    repository: Repository, products: Sequence[str], *, first: int = 5
) -> dict[str, list[RelatedProduct]]:
    """What is bought with each product (stored BOUGHT_WITH), strongest first, with the other
    products' names, by product id (one read for all of them; a product not in the graph is left
    out)."""
    rules: dict[str, list[related.Rule]] = {}
    names: dict[str, str | None] = {}
    for r in repository.read("questions/related_products", products=list(products)):
        mine = rules.setdefault(r["product"], [])
        if r["other"] is not None and not r["curated"]:
            mine.append(_rule(r))
            names[r["other"]] = r["otherName"]
    return {
        p: [RelatedProduct(x, names.get(x.other)) for x in related.related_to(rs, product=p,
                                                                            first=first)]
        for p, rs in rules.items()
    }  # fmt: skip
