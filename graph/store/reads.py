"""Typed reads over the named statements in ``cypher/read/``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.store import cypher
from graph.store.repository import Repository


@dataclass(frozen=True, slots=True)
class GraphCounts:
    """How many nodes per label and relationships per type the database holds."""

    nodes: dict[str, int]
    relationships: dict[str, int]


@dataclass(frozen=True, slots=True)
class ServerVersion:
    """What the server says it is."""

    name: str
    version: str
    edition: str
    agent: str


def counts(repository: Repository) -> GraphCounts:
    """Counts per label and per relationship type."""
    nodes = {
        row["label"]: int(row["count"]) for row in repository.read("read/count_nodes_by_label")
    }
    rels = {
        row["type"]: int(row["count"])
        for row in repository.read("read/count_relationships_by_type")
    }
    return GraphCounts(nodes=nodes, relationships=rels)


def server_version(repository: Repository) -> ServerVersion:
    """Name, version and edition of the database server."""
    rows = repository.read("read/server_components")
    row = rows[0] if rows else {}
    versions = row.get("versions") or ["?"]
    agent = repository.server_agent()
    return ServerVersion(
        name=str(row.get("name", "?")),
        version=str(versions[0]),
        edition=str(row.get("edition") or ""),
        agent=str(agent),
    )


def values_by_ids(
    repository: Repository, label: str, ids: Sequence[str], keys: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """The values of properties ``keys`` of the ``label`` nodes with these ids, keyed by id
    (only those properties are read and sent; an absent one is left out)."""
    rows = repository.read(cypher.node_values_read(label), ids=list(ids), keys=list(keys))
    return {
        row["id"]: {k: v for k, v in zip(keys, row["values"], strict=True) if v is not None}
        for row in rows
    }


def nodes_by_ids(
    repository: Repository, label: str, ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """The stored properties of the ``label`` nodes with these ids, keyed by id."""
    rows = repository.read(cypher.node_read(label), ids=list(ids))
    return {row["id"]: row["props"] for row in rows}


#: Rows a chunked statement puts in one record (:func:`chunked`).
CHUNK = 10_000


def chunked(repository: Repository, name: str, **params: Any) -> list[dict[str, Any]]:
    """The rows of a statement that returns them collected, :data:`CHUNK` to a record, with
    their column names (``keys``, ``rows``): a read of every customer, say, whose records one
    by one would cost the driver four times the CPU."""
    found = repository.read(name, chunk=CHUNK, **params)
    return [dict(zip(r["keys"], values, strict=True)) for r in found for values in r["rows"]]
