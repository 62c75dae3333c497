"""Influence: evidence, conversions, the influence graph, PageRank, influencer lists, paths."""

from __future__ import annotations

import doctest
import random
from datetime import UTC, datetime, timedelta

import networkx as nx
import pytest
from networkx.algorithms.link_analysis import pagerank_alg

from graph.analytics import influence
from graph.analytics.influence import (
    CONVERSION_WINDOW,
    WEIGHTS,
    Conversion,
    Evidence,
    Praise,
    Purchase,
    conversions,
    influence_edges,
    influence_graph,
    influence_links,
    influence_scores,
    product_influencers,
    ranks,
    strongest_path,
    topic_influencers,
)

T0 = datetime(2025, 3, 1, 12, tzinfo=UTC)


def day(n: float) -> datetime:
    return T0 + timedelta(days=n)


def test_docstring_examples_run() -> None:
    assert doctest.testmod(influence).failed == 0


# --- evidence -------------------------------------------------------------------------------


def test_evidence_weight_is_the_weighted_count() -> None:
    evidence = Evidence(follows=2, replies=1, reshares=1, quotes=1, mentions=1, referrals=1)
    assert evidence.weight() == 2 * 1.0 + 2.0 + 3.0 + 3.0 + 2.0 + 5.0
    assert Evidence(conversions=1).weight() == 8.0
    assert Evidence().weight() == 0.0


def test_evidence_weight_with_custom_weights_counts_missing_kinds_as_zero() -> None:
    assert Evidence(follows=3, replies=1).weight({"replies": 10.0}) == 10.0


def test_evidence_adds_elementwise() -> None:
    total = Evidence(follows=1, conversions=2) + Evidence(follows=4, mentions=1)
    assert total == Evidence(follows=5, mentions=1, conversions=2)


def test_weights_are_read_only_and_rank_conversions_strongest() -> None:
    with pytest.raises(TypeError):
        WEIGHTS["follows"] = 9.0  # type: ignore[index]
    assert max(WEIGHTS, key=WEIGHTS.__getitem__) == "conversions"


# --- conversions ----------------------------------------------------------------------------


def praise(
    customer: str = "ann", at: datetime = T0, post: str = "p1", product: str = "shirt"
) -> Praise:
    return Praise(customer, product, at, post)


def bought(customer: str, at: datetime, purchase: str = "o1", product: str = "shirt") -> Purchase:
    return Purchase(customer, product, at, purchase)


def test_conversion_window_is_thirty_days_inclusive() -> None:
    assert timedelta(days=30) == CONVERSION_WINDOW
    found = conversions([praise()], [bought("bob", day(30))], {"ann": {"bob"}})
    assert found == [Conversion("ann", "bob", "shirt", T0, day(30), "p1", "o1")]


@pytest.mark.parametrize(
    "at",
    [day(31), day(30) + timedelta(seconds=1), T0, day(-1)],
    ids=["day-31", "just-after-window", "same-instant", "before-praise"],
)
def test_purchase_outside_the_window_does_not_convert(at: datetime) -> None:
    assert conversions([praise()], [bought("bob", at)], {"ann": {"bob"}}) == []


def test_buyer_who_is_the_influencer_is_ignored() -> None:
    assert conversions([praise()], [bought("ann", day(2))], {"ann": {"ann", "bob"}}) == []


def test_buyer_outside_the_audience_is_ignored() -> None:
    found = conversions([praise()], [bought("cy", day(2))], {"ann": {"bob"}, "cy": {"ann"}})
    assert found == []


def test_purchase_of_another_product_is_ignored() -> None:
    found = conversions([praise()], [bought("bob", day(2), product="socks")], {"ann": ["bob"]})
    assert found == []


def test_earliest_praise_and_earliest_purchase_make_the_one_conversion() -> None:
    said = [praise(at=day(5), post="late"), praise(at=day(0), post="early")]
    purchases = [bought("bob", day(12), "o2"), bought("bob", day(10), "o1")]
    found = conversions(said, purchases, {"ann": ["bob"]})
    assert found == [Conversion("ann", "bob", "shirt", day(0), day(10), "early", "o1")]


def test_later_praise_converts_when_the_earlier_window_has_passed() -> None:
    said = [praise(at=day(0), post="early"), praise(at=day(20), post="late")]
    found = conversions(said, [bought("bob", day(40))], {"ann": ["bob"]})
    assert [(c.post, c.bought_at) for c in found] == [("late", day(40))]


def test_one_purchase_converts_once_for_each_influencer_who_praised() -> None:
    said = [praise("ann", day(1), "p1"), praise("dan", day(2), "p2")]
    found = conversions(said, [bought("bob", day(3))], {"ann": ["bob"], "dan": ["bob"]})
    assert [(c.influencer, c.customer, c.purchase) for c in found] == [
        ("ann", "bob", "o1"),
        ("dan", "bob", "o1"),
    ]


def test_custom_window() -> None:
    purchases = [bought("bob", day(7)), bought("cy", day(8), "o2")]
    found = conversions([praise()], purchases, {"ann": ["bob", "cy"]}, window=timedelta(days=7))
    assert [c.customer for c in found] == ["bob"]


def naive_conversions(
    said: list[Praise], purchases: list[Purchase], audience: dict[str, set[str]]
) -> set[tuple[str, str, str, datetime, datetime]]:
    """Reference: every pair, then the lexicographically first per (influencer, buyer, product)."""
    best: dict[tuple[str, str, str], tuple[datetime, datetime]] = {}
    for p in said:
        for q in purchases:
            ok = q.product == p.product and q.customer != p.customer
            ok = ok and q.customer in audience.get(p.customer, set())
            if ok and p.at < q.at <= p.at + CONVERSION_WINDOW:
                key = (p.customer, q.customer, p.product)
                best[key] = min(best.get(key, (p.at, q.at)), (p.at, q.at))
    return {(*key, *times) for key, times in best.items()}


@pytest.mark.parametrize(
    ("audience_size", "n_purchases"),
    [(2, 200), (12, 30)],
    ids=["look-up-each-viewer", "scan-the-window"],
)
def test_conversions_match_the_pairwise_definition(audience_size: int, n_purchases: int) -> None:
    rng = random.Random(audience_size)
    people = [f"c{i}" for i in range(12)]
    said = [
        Praise(rng.choice(people), rng.choice("xy"), day(rng.randrange(90)), f"p{i}")
        for i in range(40)
    ]
    purchases = [
        Purchase(rng.choice(people), rng.choice("xy"), day(rng.randrange(90)), f"o{i}")
        for i in range(n_purchases)
    ]
    audience = {c: set(rng.sample(people, audience_size)) for c in people}
    found = conversions(said, purchases, audience)
    got = {(c.influencer, c.customer, c.product, c.praised_at, c.bought_at) for c in found}
    assert got == naive_conversions(said, purchases, audience)
    assert len(got) == len(found) > 0
    assert [c.praised_at for c in found] == sorted(c.praised_at for c in found)


# --- edges and graph ------------------------------------------------------------------------


def test_influence_edges_point_from_influencer_to_influenced() -> None:
    edges = influence_edges(
        follows=[("bob", "ann")],
        replies=[("bob", "ann")],
        reshares=[("cy", "ann")],
        quotes=[("cy", "ann")],
        mentions=[("dan", "bob")],
        referrals=[("ann", "dan")],
        conversions=[Conversion("ann", "bob", "shirt", T0, day(1), "p1", "o1")],
    )
    assert edges == {
        ("ann", "bob"): Evidence(follows=1, replies=1, conversions=1),
        ("ann", "cy"): Evidence(reshares=1, quotes=1),
        ("bob", "dan"): Evidence(mentions=1),
        ("ann", "dan"): Evidence(referrals=1),
    }


def test_influence_edges_add_repeats_and_ignore_self_pairs() -> None:
    edges = influence_edges(
        mentions=[("bob", "ann"), ("bob", "ann"), ("ann", "ann")], referrals=[("cy", "cy")]
    )
    assert edges == {("ann", "bob"): Evidence(mentions=2)}


def test_influence_graph_carries_weight_and_evidence() -> None:
    evidence = Evidence(follows=1, conversions=2)
    graph = influence_graph({("ann", "bob"): evidence, ("bob", "cy"): Evidence(replies=1)})
    assert graph["ann"]["bob"] == {"weight": 17.0, "evidence": evidence}
    assert graph["bob"]["cy"]["weight"] == 2.0
    assert not graph.has_edge("bob", "ann")


def test_influence_graph_leaves_out_edges_without_weighted_evidence() -> None:
    edges = {("ann", "bob"): Evidence(follows=1), ("bob", "cy"): Evidence(replies=1)}
    graph = influence_graph(edges, weights={"replies": 1.0})
    assert list(graph.edges) == [("bob", "cy")]


# --- PageRank and ranks ---------------------------------------------------------------------


def test_scores_of_two_customers_match_the_closed_form() -> None:
    # ann -> bob reversed is bob -> ann; ann is dangling: x_bob = 1/(2+a), x_ann = (1+a)/(2+a).
    scores = influence_scores(nx.DiGraph([("ann", "bob")]), alpha=0.85)
    assert scores["bob"] == pytest.approx(1 / 2.85, abs=1e-6)
    assert scores["ann"] == pytest.approx(1.85 / 2.85, abs=1e-6)


def test_influencing_an_influential_customer_ranks_higher_than_many_others() -> None:
    graph = nx.DiGraph([("ann", "bob"), ("bob", "c1"), ("bob", "c2"), ("bob", "c3")])
    graph.add_edges_from([("zed", "d1"), ("zed", "d2")])
    scores = influence_scores(graph)
    assert sum(scores.values()) == pytest.approx(1.0)
    assert sorted(scores, key=scores.__getitem__, reverse=True)[:3] == ["ann", "bob", "zed"]


def test_influence_is_shared_in_proportion_to_edge_weight() -> None:
    graph = nx.DiGraph()
    graph.add_weighted_edges_from([("ann", "bob", 1.0), ("cy", "bob", 3.0)])
    scores = influence_scores(graph)
    # bob hands 3/4 of his damped score to cy and 1/4 to ann; the rest is shared evenly.
    gap = 0.85 * scores["bob"] * (3 / 4 - 1 / 4)
    assert scores["cy"] - scores["ann"] == pytest.approx(gap, abs=1e-5)
    assert scores["cy"] > scores["ann"] > scores["bob"]


def test_scores_match_networkx_pagerank_on_the_reversed_graph() -> None:
    reference = getattr(pagerank_alg, "_pagerank_python", None)
    if reference is None:
        pytest.skip("this networkx has no pure-Python PageRank to compare with")
    graph = nx.gnp_random_graph(40, 0.08, seed=3, directed=True)
    for u, v in graph.edges:
        graph[u][v]["weight"] = 1.0 + (u * v) % 5
    expected = reference(graph.reverse(copy=False), alpha=0.85, weight="weight")
    got = influence_scores(graph)
    assert got == pytest.approx(expected, abs=1e-6)


def test_scores_of_an_empty_graph() -> None:
    assert influence_scores(nx.DiGraph()) == {}


def test_ranks_start_at_one_and_break_ties_by_id() -> None:
    assert ranks({"cy": 0.1, "bob": 0.3, "ann": 0.3, "dan": 0.2}) == {
        "ann": 1,
        "bob": 2,
        "dan": 3,
        "cy": 4,
    }


# --- influencer lists -----------------------------------------------------------------------


def convert(influencer: str, customer: str, product: str = "shirt") -> Conversion:
    return Conversion(influencer, customer, product, T0, day(1), "p", "o")


def test_product_influencers_count_conversions_of_that_product() -> None:
    sold = [convert("ann", "bob"), convert("ann", "cy"), convert("dan", "bob")]
    sold += [convert("dan", "cy", "socks"), convert("dan", "eve", "socks")]
    assert product_influencers(sold, product="shirt") == [("ann", 2), ("dan", 1)]
    assert product_influencers(sold, product="hat") == []


def test_product_influencers_break_ties_by_score_then_id() -> None:
    sold = [convert("ann", "x"), convert("bob", "x"), convert("cy", "x")]
    scores = {"cy": 0.5, "ann": 0.1, "bob": 0.1}
    assert product_influencers(sold, scores, product="shirt") == [("cy", 1), ("ann", 1), ("bob", 1)]


def test_topic_influencers_weigh_post_count_by_influence_percentile() -> None:
    graph = nx.DiGraph([("ann", "bob"), ("bob", "cy"), ("cy", "dan"), ("dan", "eve")])
    scores = {"ann": 0.4, "bob": 0.3, "cy": 0.15, "dan": 0.1, "eve": 0.05}
    posts = {
        "denim": [("eve", 0.9), ("eve", -0.3), ("eve", 0.1), ("ann", 0.8), ("cy", -0.9)],
        "hats": [("dan", 0.5)],
    }
    # eve: 3 posts, no one lower; ann: 1 post, all 4 others lower; cy: 2 of 4 lower.
    assert topic_influencers(posts, graph, topic="denim", scores=scores) == [
        ("eve", 3.0),
        ("ann", 2.0),
        ("cy", 1.5),
    ]
    assert topic_influencers(posts, graph, topic="socks", scores=scores) == []


def test_topic_author_outside_the_graph_is_ranked_against_all_its_customers() -> None:
    graph = nx.DiGraph([("ann", "bob")])
    posts = {"denim": [("zoe", 0.5)]}
    got = topic_influencers(posts, graph, topic="denim", scores={"zoe": 0.2, "ann": 0.5})
    assert got == [("zoe", 1.5)]  # above bob (no score), below ann


# --- strongest path -------------------------------------------------------------------------


def weighted(*edges: tuple[str, str, float]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_weighted_edges_from(edges)
    return graph


def test_strongest_path_may_take_more_hops() -> None:
    # ann -> cy directly: 1/8; through bob: (8/8) * (2/8) = 1/4.
    graph = weighted(("ann", "cy", 1.0), ("ann", "bob", 8.0), ("bob", "cy", 2.0))
    assert nx.shortest_path(graph, "ann", "cy") == ["ann", "cy"]
    assert strongest_path(graph, "ann", "cy") == ["ann", "bob", "cy"]


def test_strongest_path_takes_the_direct_edge_when_it_is_stronger() -> None:
    # ann -> cy directly: 4/8; through bob: (8/8) * (2/8) = 1/4.
    graph = weighted(("ann", "cy", 4.0), ("ann", "bob", 8.0), ("bob", "cy", 2.0))
    assert strongest_path(graph, "ann", "cy") == ["ann", "cy"]


def test_strongest_path_follows_influence_direction_and_custom_weight() -> None:
    graph = weighted(("ann", "bob", 1.0), ("bob", "cy", 1.0))
    graph["ann"]["bob"]["trust"] = 0.0
    assert strongest_path(graph, "cy", "ann") is None
    assert strongest_path(graph, "ann", "cy", weight="trust") is None
    assert strongest_path(graph, "ann", "zoe") is None
    assert strongest_path(graph, "ann", "ann") == ["ann"]


def test_scores_from_plain_links_are_networkx_scores_to_the_last_bit() -> None:
    """The analysis computes PageRank on plain lists; the scores are exactly those of the
    networkx graph of the same evidence (nothing to rewrite after an upgrade)."""
    rng = random.Random(5)
    names = [f"c{i:03d}" for i in range(200)]
    edges = {
        (rng.choice(names), rng.choice(names)): Evidence(follows=rng.randint(0, 2),
                                                         conversions=rng.randint(0, 1))
        for _ in range(800)
    }  # fmt: skip
    edges = {pair: ev for pair, ev in edges.items() if pair[0] != pair[1]}
    graph, links = influence_graph(edges), influence_links(edges)
    assert links.nodes == list(graph)
    assert influence_scores(links) == influence_scores(graph)
    assert list(influence_scores(links)) == list(influence_scores(graph))
