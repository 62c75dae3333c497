"""The outboxes: every raised or changed alert, and what analyses found, written by whichever
process did it and read by every running API server, so ``alertRaised`` and ``alertUpdated``
subscribers and webhook receivers hear of what imports, ``rapport analyze``, the CLI or another
server did.

An alert entry is an ``AlertEvent`` node, any other event (:data:`EVENT_KINDS`) an
``OutboxEvent`` node with its data as JSON; both have a ``seq`` (microseconds since the epoch
when written).
A reader keeps the last seq it saw and reads what came after it by index — never the whole
graph. Two processes may commit out of seq order (a slow transaction that started first), so a
reader looks :data:`LOOKBACK` back each time and skips the entries it already told.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from graph import model
from graph.store.repository import Repository
from graph.store.writes import upsert

Kind = Literal["raised", "updated"]
#: The events analyses write, as webhooks name them.
EVENT_KINDS = ("analysis.finished", "warmth.crossed", "influencer.entered")
ALERTS, EVENTS = "outbox/since", "outbox/events_since"  # the two outboxes' reads

LOOKBACK = 10_000_000  # µs: how late an entry may commit and still be told
KEEP = 24 * 3600 * 1_000_000  # µs: entries older than a day are pruned
PAGE = 500


def now_seq() -> int:
    """The seq of an entry written now."""
    return time.time_ns() // 1000


def record(repository: Repository, kind: Kind, alerts: Iterable[str]) -> int:
    """Write one ``kind`` entry per alert id; return how many."""
    seq, at = now_seq(), datetime.now(UTC)
    events = [
        model.AlertEvent(id=f"event:{seq + n}:{secrets.token_hex(4)}", seq=seq + n, kind=kind,
                         alert=alert, at=at, source="outbox")
        for n, alert in enumerate(dict.fromkeys(alerts))
    ]  # fmt: skip
    if events:
        upsert(repository, events)
    return len(events)


def record_events(repository: Repository, events: Iterable[tuple[str, Mapping[str, Any]]]) -> int:
    """Write one ``OutboxEvent`` per ``(kind, data)``; return how many.

    ``data`` must be plain JSON (strings, numbers, lists, maps; times as RFC 3339 text)."""
    seq, at = now_seq(), datetime.now(UTC)
    entries = [
        model.OutboxEvent(id=f"event:{seq + n}:{secrets.token_hex(4)}", seq=seq + n, kind=kind,
                          data=json.dumps(data, separators=(",", ":")), at=at, source="outbox")
        for n, (kind, data) in enumerate(events)
    ]  # fmt: skip
    if any(e.kind not in EVENT_KINDS for e in entries):
        raise ValueError(f"outbox events are one of {EVENT_KINDS}")
    if entries:
        upsert(repository, entries)
    return len(entries)


@dataclass(frozen=True, slots=True)
class Entry:
    """One outbox entry: ``subject`` is the alert's id (alerts) or the event's JSON data."""

    id: str
    seq: int
    kind: str
    subject: str


@dataclass
class Reader:
    """Where one server is in an outbox (``statement``: :data:`ALERTS` or :data:`EVENTS`):
    entries after ``cursor`` not yet told."""

    statement: str = ALERTS
    cursor: int = field(default_factory=now_seq)  # a new server tells only what comes next
    told: dict[str, int] = field(default_factory=dict)  # id -> seq, within the lookback
    floor: int = field(default_factory=now_seq)  # nothing written before this is told

    def read(self, repository: Repository) -> list[Entry]:
        """The entries written since the last read (each returned once)."""
        found: list[Entry] = []
        after = max(self.floor, self.cursor - LOOKBACK)
        while True:
            rows = repository.read(self.statement, after=after, limit=PAGE)
            for row in rows:
                if row["id"] not in self.told:
                    self.told[row["id"]] = int(row["seq"])
                    found.append(Entry(row["id"], int(row["seq"]), row["kind"], row["subject"]))
            if len(rows) < PAGE:
                break
            after = int(rows[-1]["seq"])
        if found:
            self.cursor = max(self.cursor, max(e.seq for e in found))
        oldest = self.cursor - LOOKBACK
        self.told = {i: s for i, s in self.told.items() if s >= oldest}
        return found

    def skip_to_now(self) -> None:
        """Nobody listens: what was written so far needs no telling."""
        self.cursor = self.floor = now_seq()
        self.told = {}


def prune(repository: Repository) -> int:
    """Remove entries of both outboxes older than :data:`KEEP`."""
    removed = 0
    for statement in ("outbox/prune", "outbox/prune_events"):
        rows = repository.write(statement, before=now_seq() - KEEP, limit=10_000)
        removed += int(rows[0]["removed"]) if rows else 0
    return removed
