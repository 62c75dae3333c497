"""Communities: Louvain on the undirected projection, stable numbering."""

from __future__ import annotations

import doctest
import itertools
import random

import networkx as nx

from graph.analytics import communities as module
from graph.analytics.communities import communities
from graph.analytics.weighted import Links


def cliques(*groups: list[str]) -> nx.Graph:
    graph = nx.Graph()
    for group in groups:
        graph.add_edges_from(itertools.combinations(group, 2))
    return graph


def test_docstring_examples_run() -> None:
    assert doctest.testmod(module).failed == 0


def test_two_cliques_joined_by_one_edge_are_two_communities() -> None:
    graph = cliques(["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"])
    graph.add_edge("a4", "b1")
    assert communities(graph) == {
        "a1": 0, "a2": 0, "a3": 0, "a4": 0, "b1": 1, "b2": 1, "b3": 1, "b4": 1,
    }  # fmt: skip


def test_larger_community_is_numbered_first() -> None:
    graph = cliques(["a1", "a2", "a3"], ["b1", "b2", "b3", "b4", "b5"])
    graph.add_edge("a1", "b1")
    found = communities(graph)
    assert {found[n] for n in ("b1", "b2", "b3", "b4", "b5")} == {0}
    assert {found[n] for n in ("a1", "a2", "a3")} == {1}


def test_isolated_nodes_are_communities_of_their_own_ordered_by_id() -> None:
    graph = cliques(["a", "b", "c"])
    graph.add_nodes_from(["z", "y"])
    assert communities(graph) == {"a": 0, "b": 0, "c": 0, "y": 1, "z": 2}


def test_numbering_does_not_depend_on_insertion_order() -> None:
    groups = [["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"], ["c1", "c2", "c3", "c4"]]
    forward = cliques(*groups)
    forward.add_edges_from([("a1", "b1"), ("b2", "c2")])
    backward = nx.Graph()
    backward.add_edges_from(reversed(list(forward.edges)))
    assert communities(forward, seed=3) == communities(backward, seed=3)
    assert sorted(set(communities(forward, seed=3).values())) == [0, 1, 2]


def test_directed_graph_uses_both_directions_with_summed_weights() -> None:
    directed = nx.DiGraph()
    directed.add_weighted_edges_from(
        [("a", "b", 2.0), ("b", "a", 3.0), ("b", "c", 5.0), ("c", "d", 0.1), ("d", "e", 5.0)]
    )
    directed.add_weighted_edges_from([("e", "f", 5.0), ("f", "d", 5.0), ("c", "a", 5.0)])
    undirected = nx.Graph()
    undirected.add_weighted_edges_from(
        [("a", "b", 5.0), ("b", "c", 5.0), ("c", "d", 0.1), ("d", "e", 5.0)]
    )
    undirected.add_weighted_edges_from([("e", "f", 5.0), ("f", "d", 5.0), ("c", "a", 5.0)])
    links = Links.of_graph(directed)
    nodes, pairs, weights = module._undirected(links.nodes, links.named())
    assert dict(zip(pairs, weights, strict=True))[nodes.index("a"), nodes.index("b")] == 5.0
    assert communities(directed) == communities(undirected)
    assert communities(directed) == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1}


def test_same_seed_same_answer_and_resolution_splits_finer() -> None:
    graph = nx.connected_caveman_graph(4, 5)
    graph = nx.relabel_nodes(graph, {n: f"n{n:02d}" for n in graph})
    assert communities(graph, seed=11) == communities(graph, seed=11)
    assert len(set(communities(graph).values())) == 4
    assert len(set(communities(graph, resolution=0.05).values())) < 4


def test_empty_graph() -> None:
    assert communities(nx.DiGraph()) == {}


def test_plain_links_give_the_communities_networkx_gives() -> None:
    """An analysis run hands Louvain plain lists; a networkx graph of the same edges, added in
    another order, gets the same numbering."""
    rng = random.Random(3)
    names = [f"c{i:03d}" for i in range(300)]
    weighted = {
        (rng.choice(names), rng.choice(names)): float(rng.randint(1, 9)) for _ in range(900)
    }
    weighted = {pair: w for pair, w in weighted.items() if pair[0] != pair[1]}
    shuffled = list(weighted.items())
    rng.shuffle(shuffled)
    graph = nx.DiGraph()
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in shuffled)
    links = Links.of((a, b, w) for (a, b), w in weighted.items())
    found = communities(links)
    assert found == communities(graph)
    assert 1 < len(set(found.values())) < 100
