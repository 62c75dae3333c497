"""Move a whole graph: dump it to a file, restore it from one, copy it between databases.

Every node of the model's labels and every relationship of its patterns is moved with all its
properties (``source``, ``updatedAt``, derived edges and their digests, alert workflow state,
identity confirmations and rejections): what moves is exactly what is stored. Writes are
idempotent (``MERGE`` on the id, then every property replaced), so an interrupted restore or
copy is finished by running it again.

The dump format (``rapport-dump``, version 1) is gzip-compressed JSON lines: a header line, one
line per node (labels in model order), one per relationship, and a trailer with the counts (a
dump without its trailer is truncated). Datetimes are ``{"$datetime": RFC 3339 UTC}``, dates
``{"$date": ...}``, non-finite floats ``{"$float": "nan"}``, so the file is plain JSON.

>>> decode(encode({"at": datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC), "tags": ["a"]}))
{'at': datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc), 'tags': ['a']}
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from graph.errors import ConfigError
from graph.model import NODE_LABELS, relationship_patterns
from graph.store import cypher, schema
from graph.store.repository import Repository
from graph.times import to_utc

FORMAT = "rapport-dump"
VERSION = 1
Pattern = tuple[str, str, str]
Progress = Callable[[str, int], None]  # (what is moving, rows of it so far)


@dataclass(frozen=True, slots=True)
class Batch:
    """Rows of one label (``pattern`` None) or one relationship pattern."""

    label: str
    pattern: Pattern | None
    rows: list[dict[str, Any]]

    @property
    def key(self) -> str:
        """``Customer`` or ``(Customer)-[:KNOWS]->(Customer)``."""
        return self.label if self.pattern is None else "({})-[:{}]->({})".format(*self.pattern)


@dataclass
class TransferReport:
    """What a dump, restore or copy moved: rows per label and pattern, and what was skipped."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)  # relationships without an endpoint
    seconds: float = 0.0

    @property
    def total(self) -> int:
        """Nodes and relationships moved."""
        return sum(self.nodes.values()) + sum(self.relationships.values())

    def add(self, batch: Batch, written: int) -> None:
        """Count a batch (``written`` of its rows reached the target)."""
        counts = self.nodes if batch.pattern is None else self.relationships
        counts[batch.key] = counts.get(batch.key, 0) + written
        if written < len(batch.rows):
            self.skipped[batch.key] = self.skipped.get(batch.key, 0) + len(batch.rows) - written


# --------------------------------------------------------------------------- values


def plain(value: Any) -> Any:
    """A value read from either engine as plain Python: datetimes aware UTC, lists kept."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    to_native = getattr(value, "to_native", None)
    native = to_native() if to_native is not None else value
    if isinstance(native, datetime):
        return to_utc(native)
    return native


def encode(value: Any) -> Any:
    """A stored value as plain JSON (see the module's docstring)."""
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, datetime):
        return {"$datetime": to_utc(value).isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": repr(value)}
    return value


def decode(value: Any) -> Any:
    """The inverse of :func:`encode`."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if len(value) == 1:
            (tag, text), *_ = value.items()
            if tag == "$datetime":
                return datetime.fromisoformat(text)
            if tag == "$date":
                return date.fromisoformat(text)
            if tag == "$float":
                return float(text)
        return {k: decode(v) for k, v in value.items()}
    return value


# --------------------------------------------------------------------------- reading


def _node_batches(repo: Repository, label: str, page: int, ids: list[str]) -> Iterator[Batch]:
    after = ""
    while True:
        rows = repo.read(f"transfer/nodes_{cypher.snake(label)}", after=after, limit=page)
        if not rows:
            return
        ids.extend(r["id"] for r in rows)
        yield Batch(label, None, [{"id": r["id"], "props": plain(r["props"])} for r in rows])
        after = rows[-1]["id"]


def stream(repo: Repository, *, page: int | None = None) -> Iterator[Batch]:
    """Every node (label by label, in id order), then every relationship, in batches."""
    size = page or repo.settings.batch_size
    ids: dict[str, list[str]] = {}
    for label in NODE_LABELS:
        yield from _node_batches(repo, label, size, ids.setdefault(label, []))
    for pattern in relationship_patterns():
        starts = ids.get(pattern[0], [])
        for at in range(0, len(starts), size):
            rows = repo.read(cypher.relationship_read(pattern), ids=starts[at : at + size])
            if rows:
                found = [
                    {"start": r["start"], "end": r["end"], "props": plain(r["props"])}
                    for r in sorted(rows, key=lambda r: (r["start"], r["end"]))
                ]
                yield Batch(pattern[0], pattern, found)


# --------------------------------------------------------------------------- writing


def write(repo: Repository, batch: Batch) -> int:
    """Write a batch exactly as it is; returns how many rows reached the database."""
    if batch.pattern is None:
        name = f"transfer/restore_{cypher.snake(batch.label)}"
    else:
        name = cypher.relationship_read(batch.pattern).replace("/rels_", "/restore_")
    return sum(int(r["written"]) for r in repo.write(name, rows=batch.rows))


def copy(
    source: Repository, target: Repository, *, progress: Progress | None = None
) -> TransferReport:
    """Copy every node and relationship of ``source`` into ``target`` (schema first).

    Re-runnable: running it again (after an interruption, say) gives the same target.
    """
    started = time.monotonic()
    schema.apply(target)
    report = TransferReport()
    for batch in stream(source, page=target.settings.batch_size):
        report.add(batch, write(target, batch))
        if progress is not None:
            progress(batch.key, _so_far(report, batch))
    report.seconds = time.monotonic() - started
    return report


def _so_far(report: TransferReport, batch: Batch) -> int:
    counts = report.nodes if batch.pattern is None else report.relationships
    return counts.get(batch.key, 0) + report.skipped.get(batch.key, 0)


# --------------------------------------------------------------------------- files


def dump(repo: Repository, path: Path, *, progress: Progress | None = None) -> TransferReport:
    """Write the whole graph to ``path`` (gzip JSON lines); an interrupted dump leaves no file."""
    started = time.monotonic()
    report = TransferReport()
    partial = path.with_name(path.name + ".partial")
    header = {
        "format": FORMAT,
        "version": VERSION,
        "created": datetime.now(UTC).isoformat(),
        "database": repo.connection.database,
        "server": repo.server_agent(),
        "labels": list(NODE_LABELS),
    }
    try:
        with gzip.open(partial, "wt", encoding="utf-8") as fh:
            fh.write(json.dumps(header) + "\n")
            for batch in stream(repo):
                for row in batch.rows:
                    line = {"label": batch.label, **encode(row)}
                    if batch.pattern is not None:
                        line = {"pattern": list(batch.pattern), **encode(row)}
                    fh.write(json.dumps(line, ensure_ascii=False) + "\n")
                report.add(batch, len(batch.rows))
                if progress is not None:
                    progress(batch.key, _so_far(report, batch))
            trailer = {
                "trailer": True,
                "nodes": report.nodes,
                "relationships": report.relationships,
            }
            fh.write(json.dumps(trailer) + "\n")
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    report.seconds = time.monotonic() - started
    return report


def _header(line: str, path: Path) -> dict[str, Any]:
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ConfigError(
            f"{path} is not a Rapport dump", hint="give a file written by `rapport db dump`"
        )
    if header.get("version") != VERSION:
        raise ConfigError(
            f"{path} is a version {header.get('version')} dump; this Rapport reads version "
            f"{VERSION}",
            hint="restore it with the Rapport version that wrote it, then dump it again",
        )
    return header


def _batches(lines: Iterator[str], size: int, trailer: dict[str, Any]) -> Iterator[Batch]:
    current: Batch | None = None
    for text in lines:
        line = json.loads(text)
        if line.get("trailer") is True:
            trailer.update(line)
            break
        pattern = tuple(line.pop("pattern")) if "pattern" in line else None
        label = line.pop("label", None) or (pattern[0] if pattern else "")
        row = decode(line)
        if current is None or current.pattern != pattern or current.label != label:
            if current is not None:
                yield current
            current = Batch(label, pattern, [])
        current.rows.append(row)
        if len(current.rows) >= size:
            yield current
            current = None
    if current is not None:
        yield current


def restore(repo: Repository, path: Path, *, progress: Progress | None = None) -> TransferReport:
    """Write every node and relationship of the dump at ``path`` (schema first); re-runnable."""
    if not path.is_file():
        raise ConfigError(f"no dump at {path}", hint="give the file `rapport db dump` wrote")
    started = time.monotonic()
    report = TransferReport()
    trailer: dict[str, Any] = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            _header(fh.readline(), path)
            schema.apply(repo)
            for batch in _batches(iter(fh), repo.settings.batch_size, trailer):
                report.add(batch, write(repo, batch))
                if progress is not None:
                    progress(batch.key, _so_far(report, batch))
    except (OSError, EOFError, ValueError) as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(
            f"{path} cannot be read whole ({exc}); {report.total:,} rows were restored",
            hint="the file is damaged or truncated: dump the source again",
        ) from exc
    if not trailer:
        raise ConfigError(
            f"{path} ends early: {report.total:,} rows were restored but the dump has no end",
            hint="the file is truncated (an interrupted copy?): dump the source again",
        )
    report.seconds = time.monotonic() - started
    return report


# --------------------------------------------------------------------------- checks


def _digest(props: dict[str, Any]) -> str:
    text = json.dumps(encode(props), sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class Fingerprint:
    """Per node and relationship, a digest of its properties: two graphs are equal when their
    fingerprints are."""

    nodes: dict[str, dict[str, str]]
    relationships: dict[str, dict[tuple[str, str], str]]

    def counts(self) -> dict[str, int]:
        """Rows per label and per relationship pattern."""
        found = {k: len(v) for k, v in self.nodes.items() if v}
        found.update({k: len(v) for k, v in self.relationships.items() if v})
        return found

    def differences(self, other: Fingerprint) -> list[tuple[str, int, int, int]]:
        """Where ``other`` differs: (label or pattern, rows here, rows there, rows changed)."""
        found = []
        for kind_here, kind_there in ((self.nodes, other.nodes),
                                      (self.relationships, other.relationships)):  # fmt: skip
            for key in sorted(set(kind_here) | set(kind_there)):
                here: dict[Any, str] = kind_here.get(key, {})
                there: dict[Any, str] = kind_there.get(key, {})
                changed = sum(1 for k, v in here.items() if k in there and there[k] != v)
                if changed or len(here) != len(there):
                    found.append((key, len(here), len(there), changed))
        return found


def fingerprint(repo: Repository) -> Fingerprint:
    """The :class:`Fingerprint` of the whole graph (reads everything: for checks and tests)."""
    nodes: dict[str, dict[str, str]] = {}
    rels: dict[str, dict[tuple[str, str], str]] = {}
    for batch in stream(repo):
        if batch.pattern is None:
            bucket = nodes.setdefault(batch.key, {})
            bucket.update({r["id"]: _digest(r["props"]) for r in batch.rows})
        else:
            found = rels.setdefault(batch.key, {})
            found.update({(r["start"], r["end"]): _digest(r["props"]) for r in batch.rows})
    return Fingerprint(nodes, rels)
