"""Judging related products on baskets they did not learn from (``rapport evaluate recs``).

The baskets are split in two: a ranking learns from the first part and is judged on the second,
held out. For every held-out basket with two or more products, each product in it asks for its
top ``k`` related products (a *query*); the other products of that basket are what a good answer
holds. Per query:

- ``hit@k``: at least one of the ``k`` is in the basket;
- ``recall@k``: the share of the basket's other products among the ``k``;
- ``ndcg@k``: discounted cumulative gain (a hit first counts more than a hit fifth), divided by
  the best possible;
- ``beyond@k``: ``hit@k`` counting only products that are not among the shop's ``top`` best
  sellers, over the queries whose basket holds such a product (anyone can guess milk).

Over the whole catalogue (each product's list once): ``best_seller_share`` of all slots taken
by the best sellers, ``coverage`` the share of products recommended somewhere, and
``significant`` the share of listed pairs whose Fisher test passes the false discovery rate
(see :mod:`graph.analytics.related`).

Splits: :func:`split_random` (by basket, seeded) and :func:`split_by_time` (the latest baskets
held out, as a shop would use it: learn from the past, recommend for what comes next).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from graph.analytics import related

Basket = Collection[str]
#: A ranking learns from baskets and returns each product's related products, best first.
Ranking = Callable[[Sequence[Basket], int], Mapping[str, Sequence[str]]]


@dataclass(frozen=True, slots=True)
class Scores:
    """How one ranking did on the held-out baskets (all shares in 0..1)."""

    name: str
    queries: int
    hit: float
    recall: float
    ndcg: float
    beyond: float
    best_seller_share: float
    coverage: float
    significant: float


def split_random(
    baskets: Sequence[Basket], *, held_out: float = 0.2, seed: int = 7
) -> tuple[list[Basket], list[Basket]]:
    """(learn, judge): a seeded random ``held_out`` share of the baskets to judge on.

    >>> learn, judge = split_random([["a"]] * 10, held_out=0.2)
    >>> len(learn), len(judge)
    (8, 2)
    """
    order = list(range(len(baskets)))
    random.Random(seed).shuffle(order)  # noqa: S311 - a reproducible split, not a secret
    cut = len(order) - round(len(order) * held_out)
    return [baskets[i] for i in order[:cut]], [baskets[i] for i in order[cut:]]


def split_by_time(
    dated: Sequence[tuple[datetime, Basket]], *, held_out: float = 0.2
) -> tuple[list[Basket], list[Basket]]:
    """(learn, judge): the latest ``held_out`` share of the baskets to judge on.

    >>> from datetime import datetime as dt
    >>> learn, judge = split_by_time([(dt(2026, 1, 2), ["new"]), (dt(2026, 1, 1), ["old"])],
    ...                              held_out=0.5)
    >>> learn, judge
    ([['old']], [['new']])
    """
    ordered = sorted(dated, key=lambda pair: pair[0])
    cut = len(ordered) - round(len(ordered) * held_out)
    return [b for _, b in ordered[:cut]], [b for _, b in ordered[cut:]]


def best_sellers(baskets: Sequence[Basket], top: int) -> list[str]:
    """The ``top`` products in most baskets (ties by id).

    >>> best_sellers([["milk", "tie"], ["milk"], ["bread"]], 2)
    ['milk', 'bread']
    """
    _, items, _ = related.count_baskets(baskets)
    return sorted(items, key=lambda p: (-items[p], p))[:top]


def rank_best_sellers(baskets: Sequence[Basket], k: int) -> dict[str, list[str]]:
    """The baseline: every product's related products are the best sellers (but itself)."""
    top = best_sellers(baskets, k + 1)
    _, items, _ = related.count_baskets(baskets)
    return {p: [b for b in top if b != p][:k] for p in items}


def _by_product(rules: list[related.Rule]) -> dict[str, list[related.Rule]]:
    """Each product's rules, in the order given."""
    found: dict[str, list[related.Rule]] = {}
    for rule in rules:
        found.setdefault(rule.product, []).append(rule)
    return found


def rank_by_confidence(baskets: Sequence[Basket], k: int) -> dict[str, list[str]]:
    """The ranking before the cosine: confidence first, ``lift >= 1`` the only guard (with the
    support floor it had then)."""
    rules = related.association_rules(baskets, max_q=1.0, min_support=0.0005)
    return {p: [r.other for r in sorted(rs, key=related.by_confidence)[:k]]
            for p, rs in _by_product(rules).items()}  # fmt: skip


def rank_related(baskets: Sequence[Basket], k: int) -> dict[str, list[str]]:
    """Rapport's ranking: significant pairs only, highest cosine first, at most
    :data:`graph.analytics.related.MAX_BEST_SELLERS` best sellers before the rest (the order
    :func:`graph.analytics.related.association_rules` returns them in)."""
    rules = related.association_rules(baskets)
    return {p: [r.other for r in rs[:k]] for p, rs in _by_product(rules).items()}


def _significant_pairs(baskets: Sequence[Basket]) -> set[tuple[str, str]]:
    return {(r.product, r.other) for r in related.association_rules(baskets)}


def score(
    name: str,
    lists: Mapping[str, Sequence[str]],
    learn: Sequence[Basket],
    judge: Sequence[Basket],
    *,
    k: int = 5,
    top: int = 6,
    significant: set[tuple[str, str]] | None = None,
) -> Scores:
    """Judge one ranking's lists (cut to ``k``) on the held-out baskets.

    >>> learn = [["shirt", "tie"], ["shirt", "tie"], ["milk"], ["milk", "shirt"]]
    >>> judge = [["shirt", "tie"], ["milk", "bread"]]
    >>> s = score("x", {"shirt": ["tie", "milk"], "tie": ["shirt"]}, learn, judge, k=1, top=1)
    >>> s.queries, s.hit, round(s.beyond, 3), s.best_seller_share  # shirt is the best seller
    (4, 0.5, 0.333, 0.5)
    """
    top_sellers = set(best_sellers(learn, top))
    hits = recalls = gains = 0.0
    beyond_hits = beyond_queries = queries = 0
    for basket in judge:
        unique = set(basket)
        if len(unique) < 2:
            continue
        for product in unique:
            wanted = unique - {product}
            answer = list(lists.get(product, ()))[:k]
            queries += 1
            found = [i for i, other in enumerate(answer) if other in wanted]
            hits += bool(found)
            recalls += len(found) / len(wanted)
            ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(wanted))))
            gains += sum(1 / math.log2(i + 2) for i in found) / ideal
            rare = wanted - top_sellers
            if rare:
                beyond_queries += 1
                beyond_hits += any(other in rare for other in answer)
    _, items, _ = related.count_baskets(learn)
    slots = [(p, o) for p in items for o in list(lists.get(p, ()))[:k]]
    pairs = significant if significant is not None else _significant_pairs(learn)
    return Scores(
        name=name,
        queries=queries,
        hit=hits / queries if queries else 0.0,
        recall=recalls / queries if queries else 0.0,
        ndcg=gains / queries if queries else 0.0,
        beyond=beyond_hits / beyond_queries if beyond_queries else 0.0,
        best_seller_share=(sum(o in top_sellers for _, o in slots) / len(slots) if slots
                           else 0.0),
        coverage=len({o for _, o in slots}) / len(items) if items else 0.0,
        significant=sum(pair in pairs for pair in slots) / len(slots) if slots else 0.0,
    )  # fmt: skip


#: The rankings every evaluation compares, by the name it prints.
RANKINGS: dict[str, Ranking] = {
    "best sellers": rank_best_sellers,
    "confidence (before)": rank_by_confidence,
    "Rapport": rank_related,
}


def evaluate(
    learn: Sequence[Basket],
    judge: Sequence[Basket],
    *,
    k: int = 5,
    top: int = 6,
    rankings: Mapping[str, Ranking] = RANKINGS,
) -> list[Scores]:
    """Every ranking learnt on ``learn`` and judged on ``judge``, in the order given."""
    pairs = _significant_pairs(learn)
    return [
        score(name, rank(learn, k), learn, judge, k=k, top=top, significant=pairs)
        for name, rank in rankings.items()
    ]
