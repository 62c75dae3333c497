"""Personal recommendations, each with its reasons (DESIGN.md §5: the green shirt -> socks and tie).

A candidate product collects reasons from four sources; its score is the sum of their weights:

=====================  ========================================================================
kind                   weight
=====================  ========================================================================
``bought_with``        the score (cosine) of the significant rule "owned product -> candidate"
``complements``        :data:`COMPLEMENTS_WEIGHT` (0.5) for each owned product it is curated to
                       go with
``influencer_praised`` :data:`PRAISED_WEIGHT` (1.0) × how strongly that person influences the
                       customer
``influencer_bought``  :data:`BOUGHT_WEIGHT` (0.5) × the same influence weight: praise says more
                       than a purchase
``interest``           the customer's weight for a topic of the product, once per topic
=====================  ========================================================================

A product the customer already owns is never recommended unless it is ``consumable`` (socks wear
out; a sofa does not): then it is marked ``buy_again``. Reasons with no weight (an influencer of
weight 0, a topic the customer does not care about) are left out. Influence and interest weights
are meant to lie in 0..1.

The list is spread across categories: at most :data:`PER_CATEGORY` products of one category
come before the products of other categories (then the rest, in score order), so a customer who
bought a shirt is not offered five shirts.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from graph.analytics.related import Rule

COMPLEMENTS_WEIGHT = 0.5
PRAISED_WEIGHT = 1.0
BOUGHT_WEIGHT = 0.5
#: The score a best seller filling the list starts below (never above a product with evidence).
FALLBACK_WEIGHT = 0.01
PER_CATEGORY = 2
_NO_RULES: Mapping[str, Sequence[Rule]] = MappingProxyType({})
_NO_PRODUCTS: Mapping[str, Collection[str]] = MappingProxyType({})
_NO_WEIGHTS: Mapping[str, float] = MappingProxyType({})
_NO_NAMES: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a product is recommended.

    ``kind`` is ``bought_with``, ``complements``, ``influencer_bought``, ``influencer_praised`` or
    ``interest``; ``product`` is the owned product that led here, ``person`` the influencer,
    ``topic`` the interest; ``text`` says it in a short sentence.
    """

    kind: str
    product: str | None
    person: str | None
    topic: str | None
    weight: float
    text: str


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A product for a customer, its score and its reasons, strongest first; ``buy_again`` when
    the customer already bought it (a consumable)."""

    product: str
    score: float
    reasons: tuple[Reason, ...]
    buy_again: bool = False


_Found = Iterator[tuple[str, Reason]]


def _bought_with(
    owned: Collection[str], related: Mapping[str, Sequence[Rule]], names: Mapping[str, str]
) -> _Found:
    for product in owned:
        for rule in related.get(product, ()):
            text = f"often bought with {names.get(product, product)}: {rule.evidence}"
            yield rule.other, Reason("bought_with", product, None, None, rule.score, text)


def _complements(
    owned: Collection[str], complements: Mapping[str, Collection[str]], names: Mapping[str, str]
) -> _Found:
    for product in owned:
        text = f"goes with {names.get(product, product)}"
        for other in complements.get(product, ()):
            yield other, Reason("complements", product, None, None, COMPLEMENTS_WEIGHT, text)


_INFLUENCER_VERBS = {"influencer_praised": "praised", "influencer_bought": "bought"}


def _influencers(
    kind: str,
    factor: float,
    products_of: Mapping[str, Collection[str]],
    influence: Mapping[str, float],
    names: Mapping[str, str],
) -> _Found:
    for person, products in products_of.items():
        weight = factor * influence.get(person, 0.0)
        text = f"{names.get(person, person)} {_INFLUENCER_VERBS[kind]} it"
        for product in products:
            yield product, Reason(kind, None, person, None, weight, text)


def _interests(
    interests: Mapping[str, float], product_topics: Mapping[str, Collection[str]]
) -> _Found:
    for product, topics in product_topics.items():
        for topic in topics:
            weight = interests.get(topic, 0.0)
            text = f"matches your interest in {topic}"
            yield product, Reason("interest", None, None, topic, weight, text)


def _reason_order(reason: Reason) -> tuple[float, str, str, str, str]:
    return (
        -reason.weight,
        reason.kind,
        reason.product or "",
        reason.person or "",
        reason.topic or "",
    )


def recommend(
    *,
    owned: Collection[str],
    related: Mapping[str, Sequence[Rule]] = _NO_RULES,
    complements: Mapping[str, Collection[str]] = _NO_PRODUCTS,
    influencer_purchases: Mapping[str, Collection[str]] = _NO_PRODUCTS,
    influencer_praise: Mapping[str, Collection[str]] = _NO_PRODUCTS,
    influencer_weight: Mapping[str, float] = _NO_WEIGHTS,
    interests: Mapping[str, float] = _NO_WEIGHTS,
    product_topics: Mapping[str, Collection[str]] = _NO_PRODUCTS,
    consumable: Collection[str] = (),
    names: Mapping[str, str] = _NO_NAMES,
    categories: Mapping[str, str] = _NO_NAMES,
    best_sellers: Sequence[tuple[str, int]] = (),
    first: int = 10,
) -> list[Recommendation]:
    """The ``first`` best products for one customer, highest score first (ties by product id).

    ``related`` holds the rules of each owned product (see
    :func:`graph.analytics.related.related_to`),
    ``complements`` the curated ``COMPLEMENTS`` of each product, ``influencer_weight`` how strongly
    each person influences this customer, ``product_topics`` the topics of each product in the
    catalogue, ``names`` display names of products and people for the reasons' texts,
    ``categories`` the category of each product (to spread the list across them),
    ``best_sellers`` ``(product, baskets)`` best first: when the evidence gives fewer than
    ``first`` products (a new customer has none), best sellers fill the list after them, each
    with a ``best_seller`` reason, so everyone gets recommendations.

    >>> shirt = [Rule("shirt", "socks", 7, 0.07, 0.7, 9.0, 0.62, 1e-9, 2e-8),
    ...          Rule("shirt", "tie", 6, 0.06, 0.6, 9.0, 0.58, 1e-8, 1e-7)]
    >>> recs = recommend(owned={"shirt"}, related={"shirt": shirt}, names={"shirt": "Green Shirt"})
    >>> for r in recs:
    ...     print(r.product, r.score, r.reasons[0].text)  # doctest: +NORMALIZE_WHITESPACE
    socks 0.62 often bought with Green Shirt: bought together in 7 baskets, 9.0x chance
      (cosine 0.62; Fisher p=1e-09, FDR q=2e-08)
    tie 0.58 often bought with Green Shirt: bought together in 6 baskets, 9.0x chance
      (cosine 0.58; Fisher p=1e-08, FDR q=1e-07)
    """
    if first < 0:
        raise ValueError(f"first must be >= 0, got {first}")
    have, refill = set(owned), set(consumable)
    sources = (
        _bought_with(have, related, names),
        _complements(have, complements, names),
        _influencers(
            "influencer_praised", PRAISED_WEIGHT, influencer_praise, influencer_weight, names
        ),
        _influencers(
            "influencer_bought", BOUGHT_WEIGHT, influencer_purchases, influencer_weight, names
        ),
        _interests(interests, product_topics),
    )
    found: dict[str, list[Reason]] = {}
    for source in sources:
        for product, reason in source:
            if reason.weight > 0 and (product not in have or product in refill):
                found.setdefault(product, []).append(reason)
    recs = [
        Recommendation(
            product,
            math.fsum(r.weight for r in rs),
            tuple(sorted(rs, key=_reason_order)),
            buy_again=product in have,
        )
        for product, rs in found.items()
    ]
    recs.sort(key=lambda rec: (-rec.score, rec.product))
    ranked = spread(recs, categories)[:first]
    return ranked + _fallback(best_sellers, have, ranked, first - len(ranked))


def _fallback(
    best_sellers: Sequence[tuple[str, int]],
    owned: Collection[str],
    ranked: Sequence[Recommendation],
    wanted: int,
) -> list[Recommendation]:
    """Up to ``wanted`` best sellers neither owned nor listed, scored below every listed one.

    >>> [(r.product, r.reasons[0].text) for r in _fallback([("a", 9), ("b", 4)], {"a"}, (), 5)]
    [('b', 'a best seller: in 4 baskets')]
    """
    listed = {r.product for r in ranked}
    picked = [(p, n) for p, n in best_sellers if p not in owned and p not in listed]
    picked = picked[: max(wanted, 0)]
    floor = min([FALLBACK_WEIGHT, *(r.score for r in ranked)])
    recs = []
    for i, (product, sold) in enumerate(picked):
        text = f"a best seller: in {sold} baskets"
        reason = Reason("best_seller", None, None, None, FALLBACK_WEIGHT, text)
        recs.append(
            Recommendation(product, floor * (len(picked) - i) / (len(picked) + 1), (reason,))
        )
    return recs


def spread(recs: Sequence[Recommendation], categories: Mapping[str, str]) -> list[Recommendation]:
    """``recs`` (best first) with at most :data:`PER_CATEGORY` of a category before the others.

    >>> recs = [Recommendation(p, 1.0, ()) for p in ("shirt2", "shirt3", "shirt4", "socks")]
    >>> cats = {"shirt2": "shirts", "shirt3": "shirts", "shirt4": "shirts", "socks": "hosiery"}
    >>> [r.product for r in spread(recs, cats)]
    ['shirt2', 'shirt3', 'socks', 'shirt4']
    """
    first: list[Recommendation] = []
    later: list[Recommendation] = []
    seen: dict[str, int] = {}
    for rec in recs:
        category = categories.get(rec.product)
        if category is not None and seen.get(category, 0) >= PER_CATEGORY:
            later.append(rec)
            continue
        if category is not None:
            seen[category] = seen.get(category, 0) + 1
        first.append(rec)
    return first + later
