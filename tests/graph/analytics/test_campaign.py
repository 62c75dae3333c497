"""Campaign seeds: independent-cascade spread on live-edge samples, CELF lazy greedy."""

from __future__ import annotations

import doctest
import random

import networkx as nx
import pytest

from graph.analytics import campaign as module
from graph.analytics.campaign import CANDIDATE_POOL, campaign_seeds, expected_spread
from graph.analytics.influence import influence_scores


def certain(w: float) -> float:
    """Edges of weight 2 or more always fire, lighter ones never."""
    return 1.0 if w >= 2 else 0.0


def weighted(*edges: tuple[str, str, float]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_weighted_edges_from(edges)
    return graph


def power_law(n: int, seed: int) -> nx.DiGraph:
    """A random power-law influence graph with string ids and weights from 1 to 8.

    ``scale_free_graph`` points edges at popular nodes; reversed, the popular ones influence.
    """
    rng = random.Random(seed)
    multi = nx.scale_free_graph(n, seed=seed)
    graph = nx.DiGraph()
    graph.add_nodes_from(f"c{v:03d}" for v in multi)
    for v, u in multi.edges():
        if u != v:
            graph.add_edge(f"c{u:03d}", f"c{v:03d}", weight=float(rng.choice((1, 2, 3, 8))))
    return graph


def test_docstring_examples_run() -> None:
    assert doctest.testmod(module).failed == 0


# --- expected spread ------------------------------------------------------------------------


def test_spread_with_certain_and_impossible_edges_is_exact() -> None:
    graph = weighted(("a", "b", 2.0), ("b", "c", 2.0), ("a", "d", 1.0), ("d", "e", 3.0))
    assert expected_spread(graph, ["a"], probability=certain, rounds=3) == 3.0
    assert expected_spread(graph, ["a", "d"], probability=certain, rounds=3) == 5.0
    assert expected_spread(graph, ["d", "d", "e"], probability=certain, rounds=3) == 2.0
    assert expected_spread(graph, ["c"], probability=certain, rounds=3) == 1.0
    assert expected_spread(graph, ["zoe"], probability=certain, rounds=3) == 0.0
    assert expected_spread(graph, [], probability=certain, rounds=3) == 0.0


def test_probabilities_outside_zero_one_are_clipped() -> None:
    graph = weighted(("a", "b", 1.0), ("b", "c", 1.0))
    assert expected_spread(graph, ["a"], probability=lambda w: 7.0, rounds=5) == 3.0
    assert expected_spread(graph, ["a"], probability=lambda w: -1.0, rounds=5) == 1.0


def test_default_is_the_weighted_cascade() -> None:
    # a sole influencer always fires; b's two influencers share it 1:3 (w / weight received).
    graph = weighted(("a", "x", 1.0), ("x", "b", 1.0), ("y", "b", 3.0))
    assert expected_spread(graph, ["a"], rounds=5) >= 2.0
    assert expected_spread(graph, ["x", "y"], rounds=5) == 3.0
    assert expected_spread(graph, ["a"], rounds=4000, seed=1) == pytest.approx(2.25, abs=0.03)
    assert expected_spread(graph, ["y"], rounds=4000, seed=1) == pytest.approx(1.75, abs=0.03)


def test_same_seed_same_spread_other_seed_other_sample() -> None:
    graph = power_law(60, seed=2)
    seeds = sorted(graph, key=lambda node: -graph.out_degree(node))[:2]
    first = expected_spread(graph, seeds, rounds=40, seed=5)
    assert expected_spread(graph, seeds, rounds=40, seed=5) == first
    assert expected_spread(graph, seeds, rounds=40, seed=6) != first


def test_spread_rejects_no_rounds_and_undirected_graphs() -> None:
    with pytest.raises(ValueError, match="rounds"):
        expected_spread(weighted(("a", "b", 1.0)), ["a"], rounds=0)
    with pytest.raises(ValueError, match="directed"):
        expected_spread(nx.Graph([("a", "b")]), ["a"])


# --- campaign seeds -------------------------------------------------------------------------


def test_the_obvious_hub_comes_first() -> None:
    graph = weighted(*((("hub", f"f{i}", 2.0)) for i in range(6)), ("x", "y", 2.0))
    graph.add_edge("f0", "z", weight=2.0)
    seeds, spread = campaign_seeds(graph, k=1, probability=certain, rounds=3)
    assert (seeds, spread) == (["hub"], 8.0)


def test_greedy_skips_what_earlier_seeds_already_reach() -> None:
    # 'a' reaches 3 on its own but nothing more once 'hub' is chosen; 'x' adds 2.
    graph = weighted(("hub", "a", 2.0), ("hub", "b", 2.0), ("hub", "c", 2.0))
    graph.add_weighted_edges_from([("a", "d", 2.0), ("a", "e", 2.0), ("x", "y", 2.0)])
    assert campaign_seeds(graph, k=2, probability=certain, rounds=3) == (["hub", "x"], 8.0)


def test_k_larger_than_the_graph_stops_when_nothing_is_left_to_win() -> None:
    graph = weighted(("a", "b", 2.0), ("c", "d", 1.0))
    assert campaign_seeds(graph, k=10, probability=certain, rounds=3) == (["a", "c", "d"], 4.0)


def test_empty_graph_and_zero_k() -> None:
    assert campaign_seeds(nx.DiGraph(), k=3) == ([], 0.0)
    assert campaign_seeds(weighted(("a", "b", 1.0)), k=0) == ([], 0.0)
    with pytest.raises(ValueError, match="negative"):
        campaign_seeds(weighted(("a", "b", 1.0)), k=-1)


def test_candidates_restrict_who_may_be_chosen() -> None:
    graph = weighted(("hub", "a", 2.0), ("hub", "b", 2.0), ("x", "y", 2.0))
    got = campaign_seeds(graph, k=2, candidates={"x", "a", "zoe"}, probability=certain, rounds=3)
    assert got == (["x", "a"], 3.0)


def test_default_pool_is_the_strongest_influencers() -> None:
    graph = nx.DiGraph()
    graph.add_edges_from((f"s{i:03d}", f"t{i:03d}", {"weight": 1.0}) for i in range(CANDIDATE_POOL))
    # x1 reaches 3 customers, more than any s-node, but its weighted out-degree is smaller.
    graph.add_edges_from([("x1", "x2", {"weight": 0.5}), ("x2", "x3", {"weight": 0.5})])
    assert expected_spread(graph, ["x1"], probability=lambda w: 1.0, rounds=1) == 3.0
    seeds, spread = campaign_seeds(graph, k=1, probability=lambda w: 1.0, rounds=1)
    assert seeds[0].startswith("s")
    assert spread == 2.0
    assert campaign_seeds(graph, k=1, candidates=["x1", "s000"], rounds=1)[0] == ["x1"]


def test_spread_is_that_of_the_chosen_seeds() -> None:
    graph = power_law(150, seed=4)
    seeds, spread = campaign_seeds(graph, k=4, rounds=60, seed=9)
    assert len(seeds) == 4
    assert spread == expected_spread(graph, seeds, rounds=60, seed=9)


def test_same_seed_same_campaign() -> None:
    graph = power_law(150, seed=4)
    assert campaign_seeds(graph, k=3, rounds=40, seed=1) == campaign_seeds(
        graph, k=3, rounds=40, seed=1
    )


def plain_greedy(graph: nx.DiGraph, k: int, rounds: int, seed: int) -> list[str]:
    """The greedy CELF must reproduce: every candidate evaluated at every step."""
    strength = dict(graph.out_degree(weight="weight"))
    order = {node: i for i, node in enumerate(graph)}
    pool = sorted(graph, key=lambda node: (-strength[node], order[node]))
    chosen: list[str] = []
    for _ in range(k):
        base = expected_spread(graph, chosen, rounds=rounds, seed=seed)
        gains = [
            (expected_spread(graph, [*chosen, v], rounds=rounds, seed=seed) - base, v)
            for v in pool
            if v not in chosen
        ]
        chosen.append(max(gains, key=lambda gain_node: gain_node[0])[1])
    return chosen


def test_lazy_greedy_picks_what_the_plain_greedy_picks() -> None:
    graph = power_law(40, seed=8)
    seeds, _ = campaign_seeds(graph, k=3, rounds=30, seed=2)
    assert seeds == plain_greedy(graph, 3, rounds=30, seed=2)


def test_campaign_spreads_at_least_as_far_as_the_top_pagerank_customers() -> None:
    graph = power_law(200, seed=3)
    scores = influence_scores(graph)
    top = sorted(scores, key=lambda node: (-scores[node], node))[:5]
    seeds, spread = campaign_seeds(graph, k=5, rounds=100, seed=7)
    assert spread >= expected_spread(graph, top, rounds=100, seed=7)
    assert spread > expected_spread(graph, seeds[:4], rounds=100, seed=7)
