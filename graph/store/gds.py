"""Analyses inside the connected Neo4j with Graph Data Science (``RAPPORT_ANALYZE_IN_DATABASE``).

PageRank and Louvain run where the graph is, over the stored ``INFLUENCES`` edges, and GDS writes
their results to the customers: how a graph too big for one Python process gets analysed. The
scores mean what the in-process ones mean (the same damping, rounds and tolerance; normalised to
sum to 1; ranked with ties in id order); GDS's PageRank gives the score of customers no one
influences back to all (networkx's rule) in its own way, so the figures differ a little while the
order holds (a test compares the two on the planted data).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from neo4j import exceptions as neo4j_errors

from graph.errors import ConfigError, RapportError
from graph.store.repository import Repository

#: The in-memory graph's name in GDS's catalog (dropped again after each algorithm).
GRAPH = "rapport-influence"

_HINT = (
    "use a Neo4j with Graph Data Science: for the local one set RAPPORT_NEO4J_GDS=true and run "
    "`rapport neo4j stop` so the next start loads it; or unset RAPPORT_ANALYZE_IN_DATABASE to "
    "analyse in this process"
)


@dataclass(frozen=True, slots=True)
class InDatabase:
    """What one algorithm did inside the database."""

    customers: int  # with a score written
    iterations: int = 0  # PageRank's rounds
    communities: int = 0  # Louvain's


def version(repository: Repository) -> str:
    """The connected database's GDS version, or :class:`ConfigError` saying how to get one."""
    if repository.embedded:
        raise ConfigError(
            "the embedded ArcadeDB cannot run analyses inside the database (it has no Graph Data "
            "Science)",
            hint=_HINT,
        )
    try:
        return str(repository.read("gds/version")[0]["version"])
    except (RapportError, neo4j_errors.ClientError) as exc:
        raise ConfigError(
            f"the database at {repository.connection.uri} has no Graph Data Science ({exc})",
            hint=_HINT,
        ) from exc


def _projected(repository: Repository, *, undirected: bool) -> int:
    """The influence graph in GDS's catalog; how many INFLUENCES edges it holds."""
    repository.write("gds/drop", graph=GRAPH)  # a run cut short may have left it
    found = repository.write("gds/project_influence", graph=GRAPH,
                             orientation="UNDIRECTED" if undirected else "REVERSE")  # fmt: skip
    return int(found[0]["relationships"]) if found else 0


def _threads() -> int:
    """Louvain's threads: half the cores. On this 2-core machine, shared with the database's
    own work, 4 threads took 31 s for 10,000 customers and 1 thread 1.6 s."""
    return max(1, (os.cpu_count() or 1) // 2)


def influence(repository: Repository) -> InDatabase:
    """``Customer.influence`` and ``influenceRank`` by GDS's PageRank over the stored
    ``INFLUENCES`` edges (reversed: influence flows to the influencer)."""
    version(repository)
    if not _projected(repository, undirected=False):
        return InDatabase(customers=0)
    try:
        ran = repository.write("gds/pagerank_write", graph=GRAPH)[0]
    finally:
        repository.write("gds/drop", graph=GRAPH)
    scored = repository.write("gds/rank_influence")[0]["scored"]
    repository.write("gds/forget_lone", community=False)
    return InDatabase(customers=int(scored), iterations=int(ran["iterations"]))


def communities(repository: Repository) -> InDatabase:
    """``Customer.community`` by GDS's Louvain over the stored ``INFLUENCES`` edges, undirected."""
    version(repository)
    if not _projected(repository, undirected=True):
        return InDatabase(customers=0)
    try:
        ran = repository.write("gds/louvain_write", graph=GRAPH, concurrency=_threads())[0]
    finally:
        repository.write("gds/drop", graph=GRAPH)
    lone = repository.write("gds/forget_lone", community=True)[0]["cleared"]
    return InDatabase(customers=int(ran["written"]) - int(lone),
                      communities=int(ran["communities"]) - int(lone))  # fmt: skip
