"""Upsert model records in batches: nodes first, then the relationships between them.

Records of each kind are grouped and sent with ``UNWIND $rows`` to that kind's file in
``cypher/write/``. Whenever a relationship batch is due, pending nodes are written first, so
an endpoint created in the same stream always exists before its relationships. Rows repeated
within a batch are merged (later values win) before they are sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.model import Node, Record, Relationship
from graph.repository import Repository, Row


def _snake(name: str) -> str:
    if name.isupper() or "_" in name:
        return name.lower()
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def node_statement(label: str) -> str:
    """The write statement for a label.

    >>> node_statement("SocialAccount")
    'write/upsert_social_account'
    """
    return f"write/upsert_{_snake(label)}"


def relationship_statement(pattern: tuple[str, str, str]) -> str:
    """The write statement for a ``(start, type, end)`` pattern.

    >>> relationship_statement(("Purchase", "CONTAINS", "Product"))
    'write/merge_purchase_contains_product'
    """
    start, rel_type, end = pattern
    return f"write/merge_{_snake(start)}_{_snake(rel_type)}_{_snake(end)}"


@dataclass
class WriteSummary:
    """What a stream of upserts did, per label / relationship pattern."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    missing_endpoints: dict[str, int] = field(default_factory=dict)
    batches: int = 0

    @property
    def node_count(self) -> int:
        """Nodes written (created or updated)."""
        return sum(self.nodes.values())

    @property
    def relationship_count(self) -> int:
        """Relationships written (created or updated)."""
        return sum(self.relationships.values())

    def add(self, other: WriteSummary) -> None:
        """Fold another summary into this one."""
        for mine, theirs in (
            (self.nodes, other.nodes),
            (self.relationships, other.relationships),
            (self.missing_endpoints, other.missing_endpoints),
        ):
            for key, value in theirs.items():
                mine[key] = mine.get(key, 0) + value
        self.batches += other.batches


def _node_row(record: Node) -> Row:
    return {"id": record.id, "props": record.props()}


def _rel_row(record: Relationship) -> Row:
    return {"start": record.start_id, "end": record.end_id, "props": record.props()}


class BatchWriter:
    """Buffers records and writes them in batches; use as a context manager or call flush()."""

    def __init__(self, repository: Repository, *, batch_size: int | None = None) -> None:
        self.repository = repository
        self.batch_size = batch_size or repository.settings.batch_size
        self.summary = WriteSummary()
        self._nodes: dict[str, dict[str, Row]] = {}
        self._rels: dict[tuple[str, str, str], dict[tuple[str, str], Row]] = {}
        self.on_batch: Callable[[WriteSummary], None] | None = None

    def add(self, record: Record) -> None:
        """Queue one record; writes a batch when one is full."""
        if isinstance(record, Node):
            bucket = self._nodes.setdefault(record.LABEL, {})
            _merge_into(bucket, record.id, _node_row(record))
            if len(bucket) >= self.batch_size:
                self._flush_label(record.LABEL)
        elif isinstance(record, Relationship):
            pattern = record.pattern
            rels = self._rels.setdefault(pattern, {})
            _merge_into(rels, (record.start_id, record.end_id), _rel_row(record))
            if len(rels) >= self.batch_size:
                self._flush_nodes()
                self._flush_pattern(pattern)
        else:
            raise TypeError(f"not a graph record: {type(record).__name__}")

    def add_all(self, records: Iterable[Record]) -> None:
        """Queue many records."""
        for record in records:
            self.add(record)

    def flush(self) -> WriteSummary:
        """Write everything pending (nodes, then relationships); returns the running summary."""
        self._flush_nodes()
        for pattern in list(self._rels):
            self._flush_pattern(pattern)
        return self.summary

    def _flush_nodes(self) -> None:
        for label in list(self._nodes):
            self._flush_label(label)

    def _flush_label(self, label: str) -> None:
        rows = list(self._nodes.pop(label, {}).values())
        if rows:
            written = self.repository.write_rows(node_statement(label), rows)
            self.summary.nodes[label] = self.summary.nodes.get(label, 0) + written
            self._batch_done()

    def _flush_pattern(self, pattern: tuple[str, str, str]) -> None:
        rows = list(self._rels.pop(pattern, {}).values())
        if rows:
            written = self.repository.write_rows(relationship_statement(pattern), rows)
            key = "({})-[:{}]->({})".format(*pattern)
            self.summary.relationships[key] = self.summary.relationships.get(key, 0) + written
            if written < len(rows):
                missing = self.summary.missing_endpoints
                missing[key] = missing.get(key, 0) + len(rows) - written
            self._batch_done()

    def _batch_done(self) -> None:
        self.summary.batches += 1
        if self.on_batch is not None:
            self.on_batch(self.summary)

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is None:
            self.flush()


def _merge_into(bucket: dict[Any, Row], key: Any, row: Row) -> None:
    previous = bucket.get(key)
    if previous is None:
        bucket[key] = row
    else:
        previous["props"].update(row["props"])


def upsert(
    repository: Repository, records: Iterable[Record], *, batch_size: int | None = None
) -> WriteSummary:
    """Write ``records`` (nodes and relationships, in any order) and return what was written.

    Idempotent: running it again with the same records changes no counts.
    """
    with BatchWriter(repository, batch_size=batch_size) as writer:
        writer.add_all(records)
    return writer.summary
