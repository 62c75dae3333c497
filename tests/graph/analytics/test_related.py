"""Related products: exact counts, scores and tests on hand-made baskets."""

from __future__ import annotations

import math
from dataclasses import astuple

import pytest

from graph.analytics.related import (
    BEST_SELLERS,
    MAX_BEST_SELLERS,
    Rule,
    association_rules,
    fisher_upper,
    related_to,
)

# n = 8 non-empty baskets; shirt in 6, socks in 4, tie in 2, hat in 2.
# Pairs: shirt+socks 3 (B1, B2, B8), shirt+tie 2 (B2, B3), socks+tie 1, hat+shirt 1.
BASKETS: list[list[str]] = [
    ["shirt", "socks"],  # B1
    ["shirt", "socks", "tie"],  # B2
    ["shirt", "tie"],  # B3
    ["shirt"],  # B4
    ["socks"],  # B5
    ["hat"],  # B6
    ["hat", "shirt"],  # B7
    ["shirt", "shirt", "socks"],  # B8: a product listed twice counts once
    [],  # ignored
]


def test_rules_have_hand_computed_counts_scores_and_tests() -> None:
    rules = association_rules(BASKETS, min_count=2, min_support=0.0, min_lift=0.0, max_q=1.0)
    # shirt+tie: P(both >= 2) = C(6,2) / C(8,2) = 15/28; shirt+socks is exactly at chance (p 1).
    # Benjamini-Hochberg over the two pairs: q = min(15/28 * 2, 1) = 1 for both.
    p_tie = 15 / 28
    expected = [
        ("shirt", "socks", 3, 3 / 8, 3 / 6, 1.0, 3 / math.sqrt(24), 1.0, 1.0, 1),
        ("shirt", "tie", 2, 2 / 8, 2 / 6, 4 / 3, 2 / math.sqrt(12), p_tie, 1.0, 2),
        ("socks", "shirt", 3, 3 / 8, 3 / 4, 1.0, 3 / math.sqrt(24), 1.0, 1.0, 1),
        ("tie", "shirt", 2, 2 / 8, 2 / 2, 4 / 3, 2 / math.sqrt(12), p_tie, 1.0, 1),
    ]
    assert [astuple(r)[:2] for r in rules] == [e[:2] for e in expected]
    for rule, values in zip(rules, expected, strict=True):
        assert astuple(rule)[2:] == pytest.approx(values[2:])


def test_fisher_upper_tail_matches_the_hypergeometric_distribution() -> None:
    # 3 of 10 baskets hold a, 4 hold b, 3 hold both: C(3,3) C(7,1) / C(10,4) = 7/210.
    assert fisher_upper(3, 10, 3, 4) == pytest.approx(7 / 210)
    # 2 or 3 shared: (C(3,2) C(7,2) + 7) / 210.
    assert fisher_upper(2, 10, 3, 4) == pytest.approx((3 * 21 + 7) / 210)
    assert fisher_upper(1, 10, 3, 4) == 1.0  # below chance (1.2 expected): never significant


def test_min_count_drops_rare_pairs() -> None:
    rules = association_rules(BASKETS, min_count=3, min_support=0.0, min_lift=0.0, max_q=1.0)
    assert [(r.product, r.other) for r in rules] == [("shirt", "socks"), ("socks", "shirt")]


def test_min_support_drops_pairs_in_too_few_baskets() -> None:
    rules = association_rules(BASKETS, min_count=1, min_support=0.3, min_lift=0.0, max_q=1.0)
    assert {(r.product, r.other) for r in rules} == {("shirt", "socks"), ("socks", "shirt")}


def test_min_lift_keeps_pairs_above_chance() -> None:
    # shirt+socks has lift exactly 1.0 (independent); shirt+tie 4/3.
    rules = association_rules(BASKETS, min_count=2, min_lift=1.2, max_q=1.0)
    assert [(r.product, r.other) for r in rules] == [("shirt", "tie"), ("tie", "shirt")]
    everything = association_rules(BASKETS, min_count=2, max_q=1.0)
    assert len(everything) == 4  # lift 1.0 passes the default min_lift of 1.0


def test_pairs_not_significant_after_the_false_discovery_rate_are_not_related() -> None:
    # Eight baskets cannot show that two products go together: nothing passes by default.
    assert association_rules(BASKETS, min_count=2) == []


def test_a_best_seller_is_not_related_to_what_it_is_independent_of() -> None:
    # milk is in half of every kind of basket: confidence(x -> milk) is 0.5 everywhere, the
    # largest of any pair, but milk is no more likely with x than without it.
    baskets = [["milk", f"item{i % 21}"] if i % 2 else [f"item{i % 21}"] for i in range(4200)]
    baskets += [["item1", "item3"]] * 30
    rules = association_rules(baskets)
    assert [(r.product, r.other) for r in rules] == [("item1", "item3"), ("item3", "item1")]
    assert rules[0].q_value < 1e-3


def test_best_sellers_past_the_cap_come_after_the_other_related_products() -> None:
    sellers = [f"best{i}" for i in range(BEST_SELLERS)]
    baskets = [[s] for s in sellers for _ in range(400)]
    # "shirt" goes with every best seller (strongly) and with "tie" (more weakly).
    baskets += [["shirt", s] for s in sellers for _ in range(60)]
    baskets += [["shirt", "tie"]] * 12 + [["tie"]] * 30 + [[f"other{i % 100}"] for i in range(5000)]
    ranked = related_to(association_rules(baskets), product="shirt", first=10)
    kinds = ["best" if r.other in sellers else r.other for r in ranked]
    assert kinds == ["best"] * MAX_BEST_SELLERS + ["tie"] + ["best"] * (6 - MAX_BEST_SELLERS)
    assert [r.rank for r in ranked] == list(range(1, 8))
    assert ranked[MAX_BEST_SELLERS].score < ranked[MAX_BEST_SELLERS + 1].score


def test_no_baskets_no_rules() -> None:
    assert association_rules([]) == []
    assert association_rules([[], ["a"]]) == []


def planted_baskets() -> list[list[str]]:
    """70% of green-shirt baskets have socks, 60% a tie; socks and ties are otherwise rare."""
    baskets: list[list[str]] = []
    for i in range(100):
        basket = ["green-shirt"]
        if i < 70:
            basket.append("socks")
        if 30 <= i < 90:
            basket.append("tie")
        if i % 5 < 2:
            basket.append("hat")  # 40%, but hats are everywhere: lift < 1
        if i >= 97:
            basket.append("cufflinks")  # rare, huge lift, low confidence
        baskets.append(basket)
    baskets += [["socks"]] * 5 + [["tie"]] * 5 + [["jeans"]] * 800 + [["hat"]] * 2000
    return baskets


def test_green_shirt_buyers_are_shown_socks_then_tie() -> None:
    rules = association_rules(planted_baskets())
    top = related_to(rules, product="green-shirt")
    assert [r.other for r in top] == ["socks", "tie", "cufflinks"]
    n = 100 + 5 + 5 + 800 + 2000
    socks, tie, cufflinks = top
    assert socks.count == 70
    assert socks.confidence == pytest.approx(0.7)
    assert socks.lift == pytest.approx(0.7 / (75 / n))
    assert tie.count == 60
    assert tie.confidence == pytest.approx(0.6)
    assert cufflinks.lift > socks.lift  # the score leads the order, not lift
    assert socks.score == pytest.approx(70 / math.sqrt(100 * 75))
    assert all(r.q_value < 0.05 for r in top)


def test_related_to_orders_by_rank_then_score_lift_and_id() -> None:
    rules = [
        Rule("a", "z", 5, 0.1, 0.5, 2.0, 0.3),
        Rule("a", "y", 5, 0.1, 0.5, 3.0, 0.3),
        Rule("a", "x", 5, 0.1, 0.5, 2.0, 0.3),
        Rule("a", "w", 9, 0.2, 0.9, 1.1, 0.4),
        Rule("a", "v", 9, 0.2, 0.9, 1.1, 0.9, rank=9),
        Rule("b", "a", 9, 0.2, 0.99, 9.0, 0.9),
    ]
    assert [r.other for r in related_to(rules, product="a")] == ["v", "w", "y", "x", "z"]
    rules = rules[:4]
    assert [r.other for r in related_to(rules, product="a")] == ["w", "y", "x", "z"]
    assert [r.other for r in related_to(rules, product="a", first=2)] == ["w", "y"]
    assert related_to(rules, product="unknown") == []
    with pytest.raises(ValueError, match="first"):
        related_to(rules, product="a", first=-1)
