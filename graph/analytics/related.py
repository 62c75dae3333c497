"""Related products: what is bought together (co-purchase association rules, DESIGN.md §5).

A basket is one purchase: the set of products in it (a product listed twice counts once; empty
baskets are ignored). For two products ``a`` and ``b`` over ``n`` baskets:

- ``count`` = baskets holding both;
- ``support`` = ``count / n``;
- ``confidence(a -> b)`` = ``count / count(a)``: how often a basket with ``a`` also has ``b``;
- ``lift(a -> b)`` = ``confidence(a -> b) / (count(b) / n)``: how much more often than chance.

A pair becomes two rules (``a -> b`` and ``b -> a``) when it was seen in at least ``min_count``
baskets and ``min_support`` of all baskets; each rule is kept when its lift is at least
``min_lift`` (lift is symmetric, so both directions pass or fail together).

Counting pairs is one ``Counter`` over the sorted pairs of each basket: for 300k baskets of 1–4
items that is at most six pairs a basket.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True, slots=True)
class Rule:
    """``product -> other``: baskets with ``product`` often hold ``other`` too."""

    product: str
    other: str
    count: int
    support: float
    confidence: float
    lift: float


def _count(
    baskets: Iterable[Collection[str]],
) -> tuple[int, Counter[str], Counter[tuple[str, str]]]:
    """Number of non-empty baskets, baskets per product, baskets per (sorted) product pair."""
    n = 0
    items: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for basket in baskets:
        unique = sorted(set(basket))
        if not unique:
            continue
        n += 1
        items.update(unique)
        pairs.update(combinations(unique, 2))
    return n, items, pairs


def association_rules(
    baskets: Iterable[Collection[str]],
    *,
    min_support: float = 0.0005,
    min_count: int = 3,
    min_lift: float = 1.0,
) -> list[Rule]:
    """Every rule ``a -> b`` that passes the thresholds, in both directions.

    Sorted by product, then as :func:`related_to` orders them.

    >>> baskets = [{"shirt", "socks"}, {"shirt", "socks"}, {"shirt"}, {"hat"}]
    >>> for r in association_rules(baskets, min_count=2):
    ...     print(r.product, r.other, r.count, r.support, round(r.confidence, 3), r.lift)
    shirt socks 2 0.5 0.667 1.3333333333333333
    socks shirt 2 0.5 1.0 1.3333333333333333
    """
    n, items, pairs = _count(baskets)
    rules: list[Rule] = []
    for (a, b), count in pairs.items():
        support = count / n
        if count < min_count or support < min_support:
            continue
        for x, y in ((a, b), (b, a)):
            confidence = count / items[x]
            lift = confidence / (items[y] / n)
            if lift >= min_lift:
                rules.append(Rule(x, y, count, support, confidence, lift))
    rules.sort(key=lambda r: (r.product, *_strongest_first(r)))
    return rules


def _strongest_first(rule: Rule) -> tuple[float, float, str]:
    return (-rule.confidence, -rule.lift, rule.other)


def related_to(rules: Iterable[Rule], *, product: str, first: int = 10) -> list[Rule]:
    """The rules ``product -> other``, strongest first.

    Ordered by confidence (how often a buyer of ``product`` also bought ``other``), then lift
    (how far above chance that is), then ``other``'s id. Confidence leads because it is what a
    shop assistant means by "people who buy this also buy": a rare accessory with a huge lift but
    low confidence should not push out the one most buyers take.

    >>> rules = [Rule("shirt", "tie", 6, 0.06, 0.6, 8.0), Rule("shirt", "socks", 7, 0.07, 0.7, 5.0)]
    >>> [r.other for r in related_to(rules, product="shirt")]
    ['socks', 'tie']
    """
    if first < 0:
        raise ValueError(f"first must be >= 0, got {first}")
    mine = [r for r in rules if r.product == product]
    mine.sort(key=_strongest_first)
    return mine[:first]
