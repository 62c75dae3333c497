"""Related products: what is bought together, beyond what everybody buys (DESIGN.md §5).

A basket is one purchase: the set of products in it (a product listed twice counts once; empty
baskets are ignored). For two products ``a`` and ``b`` over ``n`` baskets:

- ``count`` = baskets holding both;
- ``support`` = ``count / n``;
- ``confidence(a -> b)`` = ``count / count(a)``: how often a basket with ``a`` also has ``b``;
- ``lift(a -> b)`` = ``confidence(a -> b) / (count(b) / n)``: how much more often than chance;
- ``score`` = ``count / sqrt(count(a) * count(b))``: the cosine of the two products' basket
  vectors (Linden, Smith & York, "Amazon.com recommendations: item-to-item collaborative
  filtering", 2003);
- ``p_value``: the one-sided Fisher exact test (hypergeometric upper tail) that ``a`` and ``b``
  meet this often by chance, and ``q_value`` that p-value adjusted for the many pairs tested
  (Benjamini–Hochberg false discovery rate).

Why not confidence first: when ``a`` and ``b`` are unrelated, ``confidence(a -> b)`` is close to
``b``'s popularity, so ranking by it turns every list into the shop's best sellers ("milk with
everything"). The cosine divides by both products' popularity, and the test keeps only pairs seen
together more often than chance would explain. ``bench/bench_recs.py`` measures both rankings on
held-out real baskets.

A pair is tested when it was seen in at least ``min_count`` baskets and ``min_support`` of all
baskets (the evidence a listed pair needs; the false discovery rate is controlled over these
pairs); it becomes two rules (``a -> b`` and ``b -> a``) when its ``q_value`` is at most
``max_q`` and its lift at least ``min_lift`` (lift, the score and the test are symmetric).

Each product's rules are ranked by score, except that at most :data:`MAX_BEST_SELLERS` of the
:data:`BEST_SELLERS` come before the others (the rest follow them): on held-out grocery baskets
this doubles how often a list finds something a customer would not have picked up anyway, at
almost the same overall hit rate.

Counting pairs is one ``Counter`` over the sorted pairs of each basket: for 300k baskets of 1–4
items that is at most six pairs a basket.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

#: Rules whose pair's false-discovery-rate-adjusted p-value is above this are dropped.
MAX_Q = 0.05
#: The shop's best sellers (products in most baskets) ...
BEST_SELLERS = 6
#: ... of which a product's list shows at most this many before its other related products:
#: everybody finds milk anyway (chosen with ``bench/bench_recs.py``; see the README).
MAX_BEST_SELLERS = 3


@dataclass(frozen=True, slots=True)
class Rule:
    """``product -> other``: baskets with ``product`` hold ``other`` more often than chance.

    ``score`` is the cosine; ``p_value`` and ``q_value`` are the pair's test (see the module's
    docstring); ``rank`` is the rule's place in ``product``'s list (1 first; 0 when unranked).
    """

    product: str
    other: str
    count: int
    support: float
    confidence: float
    lift: float
    score: float = 0.0
    p_value: float = 1.0
    q_value: float = 1.0
    rank: int = 0

    @property
    def evidence(self) -> str:
        """The counts and the test in one sentence, for ``explain`` and the reasons' texts.

        >>> Rule("shirt", "tie", 6, 0.06, 0.6, 8.0, 0.42, 1.2e-7, 3.0e-6).evidence
        'bought together in 6 baskets, 8.0x chance (cosine 0.42; Fisher p=1.2e-07, FDR q=3e-06)'
        """
        return (
            f"bought together in {self.count} baskets, {self.lift:.1f}x chance "
            f"(cosine {self.score:.2f}; Fisher p={self.p_value:.2g}, FDR q={self.q_value:.2g})"
        )


def count_baskets(
    baskets: Iterable[Collection[str]],
) -> tuple[int, Counter[str], Counter[tuple[str, str]]]:
    """Number of non-empty baskets, baskets per product, baskets per (sorted) product pair.

    >>> n, items, pairs = count_baskets([["b", "a", "a"], ["a"], []])
    >>> n, items["a"], pairs[("a", "b")]
    (2, 2, 1)
    """
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


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def fisher_upper(both: int, n: int, count_a: int, count_b: int) -> float:
    """One-sided Fisher exact p-value: P(at least ``both`` shared baskets by chance).

    The hypergeometric upper tail of drawing ``count_b`` baskets out of ``n`` of which
    ``count_a`` hold ``a``. A pair seen no more often than chance expects gets 1.0 (its true
    p-value is above one half; it is never significant, and a larger p keeps the false discovery
    rate control valid).

    >>> round(fisher_upper(3, 8, 3, 3), 4)  # all three baskets of b hold a: 1 / C(8, 3)
    0.0179
    >>> fisher_upper(1, 100, 10, 10)
    1.0
    """
    if both * n <= count_a * count_b:
        return 1.0
    top = min(count_a, count_b)
    log_term = (
        _log_choose(count_a, both)
        + _log_choose(n - count_a, count_b - both)
        - _log_choose(n, count_b)
    )
    term = math.exp(log_term)
    total = 0.0
    x = both
    while term > 0.0:
        total += term
        if x >= top or term < total * 1e-16:
            break
        term *= (count_a - x) * (count_b - x) / ((x + 1) * (n - count_a - count_b + x + 1))
        x += 1
    return min(1.0, total)


def fdr(p_values: Sequence[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (q-values), in the order given.

    >>> [round(q, 3) for q in fdr([0.01, 0.04, 0.03, 0.5])]
    [0.04, 0.053, 0.053, 0.5]
    """
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    q = [1.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        q[i] = running
    return q


def best_sellers(baskets: Iterable[Collection[str]]) -> list[tuple[str, int]]:
    """Products by the number of baskets holding them, most first (ties by id).

    >>> best_sellers([["b", "a", "a"], ["a"], []])
    [('a', 2), ('b', 1)]
    """
    items = Counter(product for basket in baskets for product in set(basket))
    return sorted(items.items(), key=lambda kv: (-kv[1], kv[0]))


def association_rules(
    baskets: Iterable[Collection[str]],
    *,
    min_support: float = 0.0,
    min_count: int = 3,
    min_lift: float = 1.0,
    max_q: float = MAX_Q,
) -> list[Rule]:
    """Every significant rule ``a -> b`` that passes the thresholds, in both directions.

    Sorted by product, then as :func:`related_to` orders them. ``max_q=1.0`` keeps pairs
    whatever their test says.

    >>> baskets = [{"shirt", "socks"}] * 3 + [{"hat"}] * 5
    >>> for r in association_rules(baskets, min_count=2):
    ...     print(r.product, r.other, r.count, r.confidence, round(r.lift, 2), r.score)
    shirt socks 3 1.0 2.67 1.0
    socks shirt 3 1.0 2.67 1.0
    """
    n, items, pairs = count_baskets(baskets)
    tested = [(a, b, c) for (a, b), c in pairs.items() if c >= min_count and c / n >= min_support]
    p_values = [fisher_upper(count, n, items[a], items[b]) for a, b, count in tested]
    mine: dict[str, list[Rule]] = {}
    for (a, b, count), p, q in zip(tested, p_values, fdr(p_values), strict=True):
        lift = count * n / (items[a] * items[b])
        if q > max_q or lift < min_lift:
            continue
        score = count / math.sqrt(items[a] * items[b])
        for x, y in ((a, b), (b, a)):
            rule = Rule(x, y, count, count / n, count / items[x], lift, score, p, q)
            mine.setdefault(x, []).append(rule)
    top = set(sorted(items, key=lambda p: (-items[p], p))[:BEST_SELLERS])
    return [rule for product in sorted(mine) for rule in _ranked(mine[product], top)]


def _ranked(rules: list[Rule], best_sellers: Collection[str]) -> list[Rule]:
    """Strongest first, with the best sellers past :data:`MAX_BEST_SELLERS` moved to the end."""
    rules = sorted(rules, key=strongest_first)
    first: list[Rule] = []
    later: list[Rule] = []
    shown = 0
    for rule in rules:
        popular = rule.other in best_sellers
        if popular and shown >= MAX_BEST_SELLERS:
            later.append(rule)
        else:
            first.append(rule)
            shown += popular
    return [replace(rule, rank=i) for i, rule in enumerate(first + later, start=1)]


def strongest_first(rule: Rule) -> tuple[float, float, str]:
    """Sort key: highest score, then highest lift, then ``other``'s id."""
    return (-rule.score, -rule.lift, rule.other)


def listed_first(rule: Rule) -> tuple[float, float, float, str]:
    """Sort key: the stored rank (unranked rules last), then :func:`strongest_first`."""
    return (rule.rank or math.inf, *strongest_first(rule))


def by_confidence(rule: Rule) -> tuple[float, float, str]:
    """The ranking before the score (confidence, then lift): kept for ``bench/bench_recs.py``."""
    return (-rule.confidence, -rule.lift, rule.other)


def related_to(rules: Iterable[Rule], *, product: str, first: int = 10) -> list[Rule]:
    """The rules ``product -> other`` in their ranked order (see :func:`listed_first`).

    The cosine leads: a product bought with everything (milk) has high confidence after any
    product, but its cosine with an unrelated product stays low because it is divided by the
    product's own popularity.

    >>> rules = [Rule("shirt", "milk", 60, 0.06, 0.6, 1.1, 0.08), Rule("shirt", "tie", 6, 0.006,
    ...          0.06, 9.0, 0.2)]
    >>> [r.other for r in related_to(rules, product="shirt")]
    ['tie', 'milk']
    """
    if first < 0:
        raise ValueError(f"first must be >= 0, got {first}")
    mine = [r for r in rules if r.product == product]
    mine.sort(key=listed_first)
    return mine[:first]
