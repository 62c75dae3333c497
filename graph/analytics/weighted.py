"""Weighted directed graphs as plain lists, and PageRank over them.

A run over 100,000 customers holds 724,000 influence edges. As a networkx graph, each edge is an
attribute dict and two adjacency entries: hundreds of megabytes, and seconds to build, only to be
read back as lists for PageRank and Louvain. :class:`Links` keeps the nodes and the weighted
edges as lists, in the order networkx would have iterated them, so the scores and communities
computed from either are the same to the last bit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import mul
from typing import Any

PAGERANK_TOL = 1.0e-6
PAGERANK_MAX_ITER = 100


@dataclass(frozen=True, slots=True)
class Links:
    """A weighted directed graph: ``nodes`` in the order they were first seen, ``edges`` as
    ``(source index, target index, weight)`` grouped by source in node order, each source's in
    the order they were added (networkx's ``DiGraph.edges`` order)."""

    nodes: list[str]
    edges: list[tuple[int, int, float]]

    @classmethod
    def of(cls, weighted: Iterable[tuple[str, str, float]]) -> Links:
        """From ``(source, target, weight)`` triples, as ``DiGraph.add_edge`` would take them
        one by one (a pair given twice keeps its last weight).

        >>> links = Links.of([("ann", "bob", 2.0), ("cy", "ann", 1.0), ("ann", "cy", 3.0)])
        >>> links.nodes, links.edges
        (['ann', 'bob', 'cy'], [(0, 1, 2.0), (0, 2, 3.0), (2, 0, 1.0)])
        """
        index: dict[str, int] = {}
        out: list[dict[int, float]] = []
        for source, target, weight in weighted:
            for node in (source, target):
                if node not in index:
                    index[node] = len(index)
                    out.append({})
            out[index[source]][index[target]] = weight
        edges = [(u, v, w) for u, targets in enumerate(out) for v, w in targets.items()]
        return cls(list(index), edges)

    @classmethod
    def of_graph(cls, graph: Any, weight: str = "weight") -> Links:
        """From a networkx graph (a missing weight counts 1).

        >>> import networkx as nx
        >>> Links.of_graph(nx.DiGraph([("a", "b")])).edges
        [(0, 1, 1.0)]
        """
        nodes = list(graph)
        index = {node: i for i, node in enumerate(nodes)}
        edges = [(index[u], index[v], w) for u, v, w in graph.edges(data=weight, default=1.0)]
        return cls(nodes, edges)

    def named(self) -> list[tuple[str, str, float]]:
        """The edges as ``(source, target, weight)``."""
        nodes = self.nodes
        return [(nodes[u], nodes[v], w) for u, v, w in self.edges]


def reverse_pagerank(links: Links, *, alpha: float = 0.85) -> list[float]:
    """PageRank (per node of ``links``, summing to 1) with rank flowing against the edges: each
    node hands its score to the nodes with an edge into it, in proportion to their weights.
    Nodes without incoming edges spread theirs evenly. Power iteration, stopping when the L1
    change is below ``n * 1e-6`` or after 100 rounds. Edges without positive weight are left
    out.

    >>> [round(s, 3) for s in reverse_pagerank(Links.of([("hub", "a", 1.0), ("hub", "b", 1.0)]))]
    [0.574, 0.213, 0.213]
    """
    n = len(links.nodes)
    if not n:
        return []
    edges = [e for e in links.edges if e[2] > 0]
    received = [0.0] * n
    for _, v, w in edges:
        received[v] += w
    influenced: list[list[int]] = [[] for _ in range(n)]
    shares: list[list[float]] = [[] for _ in range(n)]
    for u, v, w in edges:
        influenced[u].append(v)
        shares[u].append(w / received[v])
    dangling = [i for i, total in enumerate(received) if total == 0]
    x = [1.0 / n] * n
    for _ in range(PAGERANK_MAX_ITER):
        base = (1.0 - alpha + alpha * sum(x[i] for i in dangling)) / n
        new = [
            base + alpha * sum(map(mul, map(x.__getitem__, vs), ws))
            for vs, ws in zip(influenced, shares, strict=True)
        ]
        change = sum(abs(a - b) for a, b in zip(new, x, strict=True))
        x = new
        if change < n * PAGERANK_TOL:
            break
    total = sum(x)
    return [value / total for value in x]
