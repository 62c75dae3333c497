"""Related products on real baskets: the arules ``Groceries`` point-of-sale data (9,835 baskets,
169 products; tests/data/groceries/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.analytics import holdout, related
from importers.readers.baskets import read_baskets

GROCERIES = Path(__file__).resolve().parents[2] / "data" / "groceries" / "groceries.csv"


@pytest.fixture(scope="module")
def baskets() -> list[list[str]]:
    return read_baskets(GROCERIES)


@pytest.fixture(scope="module")
def rules(baskets: list[list[str]]) -> list[related.Rule]:
    return related.association_rules(baskets)


def test_the_file_holds_the_published_counts(baskets: list[list[str]]) -> None:
    n, items, _ = related.count_baskets(baskets)
    assert (n, len(items), items["whole milk"]) == (9835, 169, 2513)


def test_no_best_seller_is_listed_for_a_product_it_is_independent_of(
    baskets: list[list[str]], rules: list[related.Rule]
) -> None:
    # Canned beer buyers take whole milk and soda less often than chance (87 and 136 shared
    # baskets where 195 and 133 are expected): confidence used to list both.
    best = set(holdout.best_sellers(baskets, related.BEST_SELLERS))
    listed = [r.other for r in related.related_to(rules, product="canned beer")]
    assert listed[:2] == ["shopping bags", "liquor (appetizer)"]
    assert not best & set(listed)


def test_a_significant_complement_comes_first(rules: list[related.Rule]) -> None:
    flour = related.related_to(rules, product="flour", first=3)
    assert flour[0].other == "sugar"
    assert (flour[0].count, round(flour[0].lift, 1)) == (49, 8.5)
    assert flour[0].q_value < 1e-20


def test_every_listed_pair_is_significant(rules: list[related.Rule]) -> None:
    assert rules
    assert max(r.q_value for r in rules) <= related.MAX_Q
    assert min(r.lift for r in rules) > 1


def test_held_out_baskets_find_more_than_best_sellers(baskets: list[list[str]]) -> None:
    learn, judge = holdout.split_random(baskets, held_out=0.2, seed=7)
    scores = {s.name: s for s in holdout.evaluate(learn, judge)}
    before, now = scores["confidence (before)"], scores["Rapport"]
    assert now.beyond >= 2 * before.beyond
    assert now.best_seller_share <= 0.40 < before.best_seller_share
    assert now.coverage >= 0.60 > before.coverage
    assert now.significant == 1.0 > before.significant
    assert now.hit >= 0.65
