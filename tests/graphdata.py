"""What tests read to check the graph: the relationships leaving given nodes, with their
properties (the same statements ``rapport db dump`` and ``copy`` stream them with)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.store import cypher
from graph.store.repository import Repository

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def run_cypher(repository: Repository, text: str, **params: object) -> list[dict[str, Any]]:
    """Run a test's own Cypher ``text`` (to stage a state no statement of the product makes, such
    as an earlier day's score) and answer its rows."""
    found = repository.connection.driver.execute_query(
        text, params, database_=repository.connection.database
    )
    return [r.data() for r in found.records]


@dataclass(frozen=True, slots=True)
class RelationshipRow:
    """One stored relationship: its endpoints' ids and its properties."""

    start: str
    end: str
    props: dict[str, Any]


def relationships_from(
    repository: Repository, pattern: tuple[str, str, str], start_ids: Sequence[str]
) -> list[RelationshipRow]:
    """The ``(start)-[:TYPE]->(end)`` relationships leaving the given start nodes."""
    rows = repository.read(cypher.relationship_read(pattern), ids=list(start_ids))
    return [RelationshipRow(start=row["start"], end=row["end"], props=row["props"]) for row in rows]
