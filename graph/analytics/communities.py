"""Communities of customers (``Customer.community``, DESIGN.md §4).

Louvain modularity optimisation (Blondel, Guillaume, Lambiotte and Lefebvre 2008, "Fast
unfolding of communities in large networks") on the undirected projection of the graph: who
influences whom matters less here than who is close to whom. Numbers are stable: same graph and
seed, same numbering.

The graph is a networkx graph or plain :class:`~graph.analytics.weighted.Links`; the optimisation
runs in igraph's C implementation of the same algorithm (``community_multilevel``), about fifty
times faster than networkx's pure-Python ``louvain_communities`` on 70,000 customers, with
igraph's random numbers drawn from a ``random.Random(seed)`` so the answer is reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

import igraph  # type: ignore[import-untyped]
import networkx as nx  # type: ignore[import-untyped]

from graph.analytics.weighted import Links


def _undirected(
    nodes: Iterable[str], edges: Iterable[tuple[str, str, float]]
) -> tuple[list[str], list[tuple[int, int]], list[float]]:
    """The graph without directions, as igraph takes it: ``u -> v`` and ``v -> u`` become one
    edge, weights summed.

    Nodes and edges are taken in sorted order, so the result does not depend on how the graph
    was built; the edges come out in the order networkx's ``Graph.edges`` gave them when this
    projection was a networkx graph (each node's neighbours in the order they were joined, an
    edge once, from the first of its ends), so the communities are the same as they were.

    >>> _undirected("abc", [("b", "a", 1.0), ("a", "b", 2.0), ("c", "a", 0.5)])
    (['a', 'b', 'c'], [(0, 1), (0, 2)], [3.0, 0.5])
    """
    order = sorted(nodes)
    index = {node: i for i, node in enumerate(order)}
    joined: list[dict[int, list[float]]] = [{} for _ in order]
    for u, v, w in sorted(edges):
        a, b = index[u], index[v]
        held = joined[a].get(b)
        if held is None:  # one weight cell shared by both ends, as networkx's edge dict is
            joined[a][b] = joined[b][a] = [w]
        else:
            held[0] += w
    pairs: list[tuple[int, int]] = []
    weights: list[float] = []
    for a, neighbours in enumerate(joined):
        for b, held in neighbours.items():
            if b >= a:  # not yet given from b's side (b == a: a loop, given once)
                pairs.append((a, b))
                weights.append(held[0])
    return order, pairs, weights


def communities(
    graph: nx.Graph | nx.DiGraph | Links,
    *,
    weight: str = "weight",
    seed: int = 7,
    resolution: float = 1.0,
) -> dict[str, int]:
    """The community number of each node: ``0 .. k-1``, community 0 the largest.

    Louvain on the undirected projection of ``graph`` (a directed pair in both directions counts
    as one edge of summed weight). Deterministic for a given ``seed``. Communities are numbered
    by decreasing size, ties by smallest member id; an isolated node is a community of its own.
    ``resolution`` above 1 favours smaller communities, below 1 larger ones.

    >>> two = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x")])
    >>> two.add_edge("c", "x")
    >>> communities(two)
    {'a': 0, 'b': 0, 'c': 0, 'x': 1, 'y': 1, 'z': 1}
    """
    links = graph if isinstance(graph, Links) else Links.of_graph(graph, weight)
    nodes, pairs, weights = _undirected(links.nodes, links.named())
    found = _louvain(nodes, pairs, weights, seed=seed, resolution=resolution)
    ordered = sorted(found, key=lambda members: (-len(members), min(members)))
    return {node: number for number, members in enumerate(ordered) for node in sorted(members)}


def _louvain(
    nodes: list[str], pairs: list[tuple[int, int]], weights: list[float], *, seed: int,
    resolution: float,
) -> list[set[str]]:  # fmt: skip
    g = igraph.Graph(n=len(nodes), edges=pairs, directed=False)
    igraph.set_random_number_generator(random.Random(seed))  # noqa: S311 (reproducible, not secret)
    try:
        parts = g.community_multilevel(weights=weights or None, resolution=resolution)
    finally:
        igraph.set_random_number_generator(random)
    return [{nodes[i] for i in members} for members in parts]
