"""The alert outbox: every raised or changed alert, written by whichever process changed it and
read by every running API server, so ``alertRaised`` and ``alertUpdated`` subscribers hear of
alerts that imports, ``rapport analyze``, the CLI or another server raised.

An entry is an ``AlertEvent`` node with a ``seq`` (microseconds since the epoch when written).
A reader keeps the last seq it saw and reads what came after it by index — never the whole
graph. Two processes may commit out of seq order (a slow transaction that started first), so a
reader looks :data:`LOOKBACK` back each time and skips the entries it already told.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from graph import model
from graph.store.repository import Repository
from graph.store.writes import upsert

Kind = Literal["raised", "updated"]

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


@dataclass(frozen=True, slots=True)
class Entry:
    """One outbox entry."""

    id: str
    seq: int
    kind: str
    alert: str


@dataclass
class Reader:
    """Where one server is in the outbox: entries after ``cursor`` not yet told."""

    cursor: int = field(default_factory=now_seq)  # a new server tells only what comes next
    told: dict[str, int] = field(default_factory=dict)  # id -> seq, within the lookback
    floor: int = field(default_factory=now_seq)  # nothing written before this is told

    def read(self, repository: Repository) -> list[Entry]:
        """The entries written since the last read (each returned once)."""
        found: list[Entry] = []
        after = max(self.floor, self.cursor - LOOKBACK)
        while True:
            rows = repository.read("outbox/since", after=after, limit=PAGE)
            for row in rows:
                if row["id"] not in self.told:
                    self.told[row["id"]] = int(row["seq"])
                    found.append(Entry(row["id"], int(row["seq"]), row["kind"], row["alert"]))
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
    """Remove entries older than :data:`KEEP`."""
    rows = repository.write("outbox/prune", before=now_seq() - KEEP, limit=10_000)
    return int(rows[0]["removed"]) if rows else 0
