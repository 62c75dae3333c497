"""Communities of customers (``Customer.community``, DESIGN.md §4).

Louvain modularity optimisation (Blondel, Guillaume, Lambiotte and Lefebvre 2008, "Fast
unfolding of communities in large networks") on the undirected projection of the graph: who
influences whom matters less here than who is close to whom. Numbers are stable: same graph and
seed, same numbering.

The graph is a networkx graph; the optimisation runs in igraph's C implementation of the same
algorithm (``community_multilevel``), about fifty times faster than networkx's pure-Python
``louvain_communities`` on 70,000 customers, with igraph's random numbers drawn from a
``random.Random(seed)`` so the answer is reproducible.
"""

from __future__ import annotations

import random

import igraph  # type: ignore[import-untyped]
import networkx as nx  # type: ignore[import-untyped]


def _undirected(graph: nx.Graph | nx.DiGraph, weight: str) -> nx.Graph:
    """``graph`` without directions; ``u -> v`` and ``v -> u`` become one edge, weights summed.

    Nodes and edges are added in sorted order so the result does not depend on how ``graph``
    was built.
    """
    projected = nx.Graph()
    projected.add_nodes_from(sorted(graph))
    for u, v, w in sorted(graph.edges(data=weight, default=1.0)):
        if projected.has_edge(u, v):
            projected[u][v]["weight"] += w
        else:
            projected.add_edge(u, v, weight=w)
    return projected


def communities(
    graph: nx.Graph | nx.DiGraph, *, weight: str = "weight", seed: int = 7, resolution: float = 1.0
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
    projected = _undirected(graph, weight)
    found = _louvain(projected, seed=seed, resolution=resolution)
    ordered = sorted(found, key=lambda members: (-len(members), min(members)))
    return {node: number for number, members in enumerate(ordered) for node in sorted(members)}


def _louvain(projected: nx.Graph, *, seed: int, resolution: float) -> list[set[str]]:
    nodes = list(projected)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in projected.edges()]
    weights = [w for _, _, w in projected.edges(data="weight")]
    g = igraph.Graph(n=len(nodes), edges=edges, directed=False)
    igraph.set_random_number_generator(random.Random(seed))  # noqa: S311 (reproducible, not secret)
    try:
        parts = g.community_multilevel(weights=weights or None, resolution=resolution)
    finally:
        igraph.set_random_number_generator(random)
    return [{nodes[i] for i in members} for members in parts]
