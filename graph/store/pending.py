"""Relationships whose other end is not in the graph yet: kept, then linked when it arrives.

An import may name a node that another file brings later (a friend further down a Yelp users
file, a business in another file, a reviewer imported tomorrow). Such a relationship is not
rejected and not invented: it is stored as a ``PendingEdge`` node (pattern, both ids, its
properties), and after every imported file :func:`link` writes those whose two ends now exist
and removes them. ``rapport db status`` shows how many still wait.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graph import model
from graph.store import cypher
from graph.store.reads import nodes_by_ids
from graph.store.repository import Repository, Row
from graph.store.transfer import decode, encode

PAGE = 5000


def pattern_key(pattern: tuple[str, str, str]) -> str:
    """``(Customer)-[:KNOWS]->(Customer)``.

    >>> pattern_key(("Post", "ABOUT", "Product"))
    '(Post)-[:ABOUT]->(Product)'
    """
    return "({})-[:{}]->({})".format(*pattern)


def pending_record(relationship: model.Relationship, origin: str) -> model.PendingEdge:
    """The ``PendingEdge`` that keeps ``relationship`` until both its ends exist."""
    key = pattern_key(relationship.pattern)
    digest = hashlib.blake2b(
        f"{key}|{relationship.start_id}|{relationship.end_id}".encode(), digest_size=12
    ).hexdigest()
    return model.PendingEdge(
        id=f"pending:{digest}",
        pattern=key,
        from_label=relationship.start_label,
        from_id=relationship.start_id,
        rel_type=relationship.TYPE,
        to_label=relationship.END,
        to_id=relationship.end_id,
        props_json=json.dumps(encode(relationship.props()), sort_keys=True),
        origin=origin[:500],
        source=relationship.source,
    )


@dataclass(frozen=True, slots=True)
class LinkReport:
    """What one pass linked, and what still waits."""

    linked: int
    waiting: int


def count(repository: Repository) -> int:
    """How many relationships wait for a missing end."""
    rows = repository.read("pending/count")
    return int(rows[0]["pending"]) if rows else 0


def waiting_by_pattern(repository: Repository) -> dict[str, int]:
    """How many relationships wait, per pattern (``(Customer)-[:KNOWS]->(Customer)``)."""
    return {row["pattern"]: int(row["waiting"]) for row in repository.read("pending/by_pattern")}


def link(repository: Repository) -> LinkReport:
    """Write every pending relationship whose two ends now exist; forget those."""
    after, linked, waiting = "", 0, 0
    while True:
        rows = repository.read("pending/list", after=after, limit=PAGE)
        if not rows:
            return LinkReport(linked, waiting)
        after = rows[-1]["id"]
        done = _link_page(repository, rows)
        linked += len(done)
        waiting += len(rows) - len(done)
        if done:
            repository.write("pending/delete", ids=done)


def _link_page(repository: Repository, rows: list[Row]) -> list[str]:
    """The ids of the page's pending relationships that could be written now (written)."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        wanted[row["fromLabel"]].add(row["fromId"])
        wanted[row["toLabel"]].add(row["toId"])
    present = {
        label: set(nodes_by_ids(repository, label, sorted(ids))) for label, ids in wanted.items()
    }
    ready: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    done: list[str] = []
    for row in rows:
        if row["fromId"] in present[row["fromLabel"]] and row["toId"] in present[row["toLabel"]]:
            pattern = (row["fromLabel"], row["relType"], row["toLabel"])
            props = decode(json.loads(row["propsJson"] or "{}"))
            ready[pattern].append({"start": row["fromId"], "end": row["toId"], "props": props})
            done.append(row["id"])
    for pattern, batch in ready.items():
        repository.write_rows(cypher.relationship_write(pattern), batch)
    return done
