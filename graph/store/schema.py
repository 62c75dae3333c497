"""The graph's constraints and indexes (DESIGN.md §4), applied idempotently by ``rapport init``.

Each is one ``CREATE … IF NOT EXISTS`` file in ``cypher/schema/``, valid on Neo4j 5 and on
ArcadeDB. Uniqueness on every node label's ``id`` comes first: ``MERGE`` relies on it. Then the
backfills (``schema/backfill_*``) give nodes written by an earlier version a property a newer
index looks them up by, a chunk at a time until none is left.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import cypher
from graph.store.repository import Repository

_LISTINGS = ("schema/show_constraints", "schema/show_indexes")
_BACKFILL = "schema/backfill_"
#: Nodes a backfill statement changes per transaction.
BACKFILL_CHUNK = 20_000


@dataclass(frozen=True, slots=True)
class SchemaReport:
    """What ``apply`` found and did."""

    statements: int
    constraints_before: int
    constraints_after: int
    indexes_before: int
    indexes_after: int

    @property
    def created(self) -> int:
        """Constraints and indexes that did not exist before."""
        return (self.constraints_after - self.constraints_before) + (
            self.indexes_after - self.indexes_before
        )


def statements() -> list[str]:
    """Names of the schema statements, constraints before indexes."""
    names = [
        n for n in cypher.names("schema") if n not in _LISTINGS and not n.startswith(_BACKFILL)
    ]
    return sorted(names, key=lambda n: (not n.startswith("schema/constraint_"), n))


def backfills() -> list[str]:
    """Names of the backfill statements, run after the indexes."""
    return sorted(n for n in cypher.names("schema") if n.startswith(_BACKFILL))


def constraint_names(repository: Repository) -> set[str]:
    """Names of the constraints the database holds."""
    return {str(row["name"]) for row in repository.read("schema/show_constraints")}


def index_names(repository: Repository) -> set[str]:
    """Names of the stand-alone indexes (not those behind a constraint) the database holds."""
    rows = repository.read("schema/show_indexes")
    return {str(row["name"]) for row in rows if not row.get("owningConstraint")}


def apply(repository: Repository) -> SchemaReport:
    """Create every missing constraint and index; running it again changes nothing."""
    constraints_before = constraint_names(repository)
    indexes_before = index_names(repository)
    names = statements()
    for name in names:
        repository.write(name)
    for name in backfills():
        while repository.write(name, limit=BACKFILL_CHUNK)[0]["n"]:
            pass
    return SchemaReport(
        statements=len(names),
        constraints_before=len(constraints_before),
        constraints_after=len(constraint_names(repository)),
        indexes_before=len(indexes_before),
        indexes_after=len(index_names(repository)),
    )
