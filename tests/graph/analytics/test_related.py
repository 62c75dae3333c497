"""Related products: exact support, confidence and lift on hand-made baskets."""

from __future__ import annotations

import pytest

from graph.analytics.related import Rule, association_rules, related_to

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


def test_rules_have_hand_computed_support_confidence_and_lift() -> None:
    rules = association_rules(BASKETS, min_count=2, min_support=0.0, min_lift=0.0)
    assert rules == [
        Rule("shirt", "socks", 3, 3 / 8, 3 / 6, (3 / 6) / (4 / 8)),
        Rule("shirt", "tie", 2, 2 / 8, 2 / 6, (2 / 6) / (2 / 8)),
        Rule("socks", "shirt", 3, 3 / 8, 3 / 4, (3 / 4) / (6 / 8)),
        Rule("tie", "shirt", 2, 2 / 8, 2 / 2, (2 / 2) / (6 / 8)),
    ]
    shirt_tie = rules[1]
    assert (shirt_tie.support, shirt_tie.confidence, shirt_tie.lift) == pytest.approx(
        (0.25, 1 / 3, 4 / 3)
    )


def test_min_count_drops_rare_pairs() -> None:
    rules = association_rules(BASKETS, min_count=3, min_support=0.0, min_lift=0.0)
    assert [(r.product, r.other) for r in rules] == [("shirt", "socks"), ("socks", "shirt")]


def test_min_support_drops_pairs_in_too_few_baskets() -> None:
    rules = association_rules(BASKETS, min_count=1, min_support=0.3, min_lift=0.0)
    assert {(r.product, r.other) for r in rules} == {("shirt", "socks"), ("socks", "shirt")}


def test_min_lift_keeps_pairs_above_chance() -> None:
    # shirt+socks has lift exactly 1.0 (independent); shirt+tie 4/3.
    rules = association_rules(BASKETS, min_count=2, min_lift=1.2)
    assert [(r.product, r.other) for r in rules] == [("shirt", "tie"), ("tie", "shirt")]
    default = association_rules(BASKETS, min_count=2)
    assert len(default) == 4  # lift 1.0 passes the default min_lift of 1.0


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
    assert cufflinks.lift > socks.lift  # confidence leads the order, not lift


def test_related_to_breaks_confidence_ties_by_lift_then_id() -> None:
    rules = [
        Rule("a", "z", 5, 0.1, 0.5, 2.0),
        Rule("a", "y", 5, 0.1, 0.5, 3.0),
        Rule("a", "x", 5, 0.1, 0.5, 2.0),
        Rule("a", "w", 9, 0.2, 0.9, 1.1),
        Rule("b", "a", 9, 0.2, 0.99, 9.0),
    ]
    assert [r.other for r in related_to(rules, product="a")] == ["w", "y", "x", "z"]
    assert [r.other for r in related_to(rules, product="a", first=2)] == ["w", "y"]
    assert related_to(rules, product="unknown") == []
    with pytest.raises(ValueError, match="first"):
        related_to(rules, product="a", first=-1)
