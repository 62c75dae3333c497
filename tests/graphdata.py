"""Reads only the tests need: the relationships leaving given nodes, through the real driver.

Their statements live in ``tests/cypher/read/`` (one file per relationship pattern), not in the
program's ``cypher/``: nothing outside the tests runs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.store import cypher
from graph.store.repository import Repository

CYPHER = Path(__file__).resolve().parent / "cypher"


@dataclass(frozen=True, slots=True)
class RelationshipRow:
    """One stored relationship: its endpoints' ids and its properties."""

    start: str
    end: str
    props: dict[str, Any]


def statement_path(pattern: tuple[str, str, str]) -> Path:
    """The file of the outgoing-relationships read of a ``(start, TYPE, end)`` pattern."""
    start, rel_type, end = (cypher.snake(part) for part in pattern)
    return CYPHER / "read" / f"out_{start}_{rel_type}_{end}.cypher"


def relationships_from(
    repository: Repository, pattern: tuple[str, str, str], start_ids: Sequence[str]
) -> list[RelationshipRow]:
    """The ``(start)-[:TYPE]->(end)`` relationships leaving the given start nodes."""
    statement = cypher.load_path(statement_path(pattern))
    rows = repository.read(statement, ids=list(start_ids))
    return [RelationshipRow(start=row["start"], end=row["end"], props=row["props"]) for row in rows]
