"""The rejects file: every source record an import could not use, one JSON line each.

``<source>.rejects.jsonl`` holds ``{"line", "kind", "reason", "raw"}`` per record that was
rejected (``kind`` ``reject``), skipped for a reason (``skip``) or imported with an optional field
left empty (``warning``), so a person can see every record that did not go in whole, fix the
source and import it again.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from types import TracebackType
from typing import IO

from importers.formats.base import Reject, Skip
from importers.readers.text import printable


def rejects_path(source: Path) -> Path:
    """Where the rejects of ``source`` go.

    >>> rejects_path(Path("/data/orders.csv")).name
    'orders.csv.rejects.jsonl'
    """
    return source.with_name(source.name + ".rejects.jsonl")


class RejectsFile:
    """Appends rejects to ``<source>.rejects.jsonl``; the file exists only if something was."""

    def __init__(self, source: Path, *, resume_at: int | None = None) -> None:
        """A fresh rejects file, or (``resume_at``: its size at the last checkpoint) the one of
        an interrupted import, cut back to that size so no reject is written twice."""
        self.path = rejects_path(source)
        self.count = 0
        self._fh: IO[str] | None = None
        self._append = resume_at is not None
        self._lock = threading.Lock()
        if resume_at is None:
            self.path.unlink(missing_ok=True)
        elif self.path.exists():
            with open(self.path, "r+b") as fh:
                fh.truncate(resume_at)

    def size(self) -> int:
        """Bytes written so far (flushed): where a resumed import carries on."""
        with self._lock:
            if self._fh is not None:
                self._fh.flush()
            return self.path.stat().st_size if self.path.exists() else 0

    def write(self, reject: Reject | Skip, *, kind: str = "reject") -> None:
        """Record one reject (bytes the source's encoding could not decode written as \\xNN)."""
        entry = {
            "line": reject.origin.line,
            "kind": "skip" if isinstance(reject, Skip) else kind,
            "reason": printable(reject.reason),
            "raw": capped(printable(reject.origin.raw), reject.origin.line),
        }
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._lock:  # the reader and the background writer both reject
            if self._fh is None:
                self._fh = open(self.path, "a" if self._append else "w", encoding="utf-8")  # noqa: SIM115
            self._fh.write(line)
            self.count += 1

    def flush(self) -> None:
        """Make what was written durable before a checkpoint says so."""
        if self._fh is not None:
            self._fh.flush()

    def close(self) -> None:
        """Close the file."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> RejectsFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


RAW_CAP = 2000


def capped(raw: str, line: int, cap: int = RAW_CAP) -> str:
    """The record's raw text, cut at ``cap`` characters with a pointer to the rest in the source
    (a wrong ``--format`` can make a whole file one record).

    >>> capped("a\\nb\\nc" * 2, 7, cap=4)
    'a\\nb\\n… (6 more characters: lines 7-11 of the source)'
    """
    if len(raw) <= cap:
        return raw
    last = line + raw.count("\n")
    return f"{raw[:cap]}… ({len(raw) - cap:,} more characters: lines {line}-{last} of the source)"
