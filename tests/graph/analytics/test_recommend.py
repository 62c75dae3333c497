"""Recommendations with reasons: the green shirt -> socks and tie (DESIGN.md §5)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graph.analytics.recommend import (
    BOUGHT_WEIGHT,
    COMPLEMENTS_WEIGHT,
    PRAISED_WEIGHT,
    Reason,
    Recommendation,
    recommend,
)
from graph.analytics.related import Rule, association_rules, related_to

NAMES = {"green-shirt": "Green Shirt", "socks": "Socks", "tie": "Tie", "c9": "Zoe Ray"}
SHIRT_RULES = [
    Rule("green-shirt", "socks", 70, 0.024, 0.7, 27.2, 0.81, 1e-40, 3e-39, 1),
    Rule("green-shirt", "tie", 60, 0.021, 0.6, 26.9, 0.74, 2e-35, 4e-34, 2),
]


def test_green_shirt_owner_gets_socks_and_tie_first_because_of_the_shirt() -> None:
    baskets: list[list[str]] = [
        ["green-shirt", *(["socks"] if i < 70 else []), *(["tie"] if 30 <= i < 90 else [])]
        for i in range(100)
    ]
    baskets += [["socks"]] * 5 + [["tie"]] * 5 + [["jeans"]] * 800
    rules = association_rules(baskets)
    recs = recommend(
        owned={"green-shirt"},
        related={"green-shirt": related_to(rules, product="green-shirt")},
        complements={"green-shirt": {"belt"}},
        influencer_purchases={"c9": {"hat"}},
        influencer_weight={"c9": 0.5},
        interests={"outdoor": 0.4},
        product_topics={"boots": {"outdoor"}, "socks": {"outdoor"}},
        names=NAMES,
    )
    assert [r.product for r in recs[:2]] == ["socks", "tie"]
    for rec in recs[:2]:
        top = rec.reasons[0]
        assert (top.kind, top.product, top.person) == ("bought_with", "green-shirt", None)
        assert top.text.startswith("often bought with Green Shirt: bought together in ")
    assert {r.product for r in recs} == {"socks", "tie", "belt", "hat", "boots"}


def test_bought_with_weight_is_the_rules_score_and_its_text_the_evidence() -> None:
    recs = recommend(owned=["green-shirt"], related={"green-shirt": SHIRT_RULES}, names=NAMES)
    socks, tie = recs
    assert (socks.score, tie.score) == (0.81, 0.74)
    [reason] = socks.reasons
    assert reason.weight == 0.81
    assert replace(reason, weight=0.0) == Reason(
        kind="bought_with",
        product="green-shirt",
        person=None,
        topic=None,
        weight=0.0,
        text="often bought with Green Shirt: bought together in 70 baskets, 27.2x chance "
        "(cosine 0.81; Fisher p=1e-40, FDR q=3e-39)",
    )


def test_owned_products_are_never_recommended_unless_consumable() -> None:
    def products(consumable: set[str]) -> list[Recommendation]:
        return recommend(
            owned={"green-shirt", "socks"},
            related={"green-shirt": SHIRT_RULES},
            influencer_praise={"c9": {"socks", "green-shirt"}},
            influencer_weight={"c9": 1.0},
            product_topics={"socks": {"wool"}},
            interests={"wool": 1.0},
            consumable=consumable,
        )

    assert [(r.product, r.buy_again) for r in products(set())] == [("tie", False)]
    again = products({"socks"})
    assert [(r.product, r.buy_again) for r in again] == [("socks", True), ("tie", False)]
    assert [r.kind for r in again[0].reasons] == ["influencer_praised", "interest", "bought_with"]
    assert again[0].score == pytest.approx(0.81 + 1.0 + 1.0)


def test_recommendations_are_spread_across_categories() -> None:
    rules = [
        Rule("green-shirt", f"shirt{i}", 50, 0.02, 0.5, 9.0, 0.9 - i / 100, 1e-9, 1e-8, i)
        for i in range(1, 5)
    ] + [Rule("green-shirt", "socks", 10, 0.01, 0.1, 3.0, 0.2, 1e-3, 1e-2, 5)]
    categories = {f"shirt{i}": "shirts" for i in range(1, 5)} | {"socks": "hosiery"}
    recs = recommend(
        owned=["green-shirt"], related={"green-shirt": rules}, categories=categories, first=4
    )
    assert [r.product for r in recs] == ["shirt1", "shirt2", "socks", "shirt3"]


def test_influencer_reasons_name_the_influencer_and_praise_outweighs_purchase() -> None:
    recs = recommend(
        owned=(),
        influencer_purchases={"c9": {"boots", "scarf"}, "c8": {"gloves"}},
        influencer_praise={"c9": {"boots"}},
        influencer_weight={"c9": 0.8},  # c8 does not influence this customer
        names=NAMES,
    )
    assert [r.product for r in recs] == ["boots", "scarf"]
    assert [r.score for r in recs] == pytest.approx(
        [0.8 * PRAISED_WEIGHT + 0.8 * BOUGHT_WEIGHT, 0.8 * BOUGHT_WEIGHT]
    )
    praised, bought = recs[0].reasons
    assert (praised.kind, praised.person, praised.text) == (
        "influencer_praised",
        "c9",
        "Zoe Ray praised it",
    )
    assert (bought.kind, bought.person, bought.text) == (
        "influencer_bought",
        "c9",
        "Zoe Ray bought it",
    )
    assert praised.weight > bought.weight


def test_complements_add_a_fixed_weight_naming_the_owned_product() -> None:
    recs = recommend(
        owned={"green-shirt", "jeans"},
        complements={"green-shirt": {"belt"}, "jeans": {"belt"}, "sofa": {"cushion"}},
        names=NAMES,
    )
    assert [r.product for r in recs] == ["belt"]  # the sofa is not owned
    assert recs[0].score == pytest.approx(2 * COMPLEMENTS_WEIGHT)
    assert sorted(r.text for r in recs[0].reasons) == ["goes with Green Shirt", "goes with jeans"]


def test_interests_weigh_by_topic_weight_once_per_topic() -> None:
    recs = recommend(
        owned=(),
        interests={"hiking": 0.6, "outdoor": 0.3, "books": 0.0},
        product_topics={"boots": {"hiking", "outdoor"}, "tent": {"outdoor"}, "novel": {"books"}},
    )
    assert [r.product for r in recs] == ["boots", "tent"]
    assert [r.score for r in recs] == pytest.approx([0.9, 0.3])
    assert [(r.topic, r.weight) for r in recs[0].reasons] == [("hiking", 0.6), ("outdoor", 0.3)]
    assert recs[0].reasons[0].text == "matches your interest in hiking"


def test_first_limits_and_equal_scores_go_by_product_id() -> None:
    topics = {p: {"x"} for p in ("d", "b", "c", "a")}
    recs = recommend(owned=(), interests={"x": 0.5}, product_topics=topics, first=3)
    assert [r.product for r in recs] == ["a", "b", "c"]
    with pytest.raises(ValueError, match="first"):
        recommend(owned=(), first=-1)
