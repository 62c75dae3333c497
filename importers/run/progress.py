"""Progress of a long import: a live bar with count and rate on a terminal, log lines otherwise."""

from __future__ import annotations

import sys
import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)


class ImportProgress:
    """Counts records as they are read and shows them, with the rate, while the import runs."""

    def __init__(self, label: str, *, live: bool | None = None, every: float = 5.0) -> None:
        self.label = label
        self.count = 0
        self.rejected = 0
        self._live = sys.stderr.isatty() if live is None else live
        self._every = every
        self._started = time.monotonic()
        self._last_log = self._started
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> ImportProgress:
        if self._live:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("[bold]{task.description}"),
                TextColumn("{task.completed:,.0f} records"),
                TextColumn("[cyan]{task.fields[rate]:,.0f}/s"),
                TextColumn("[red]{task.fields[rejected]:,} rejected"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=None, rate=0.0, rejected=0)
        return self

    @property
    def rate(self) -> float:
        """Records per second so far."""
        return self.count / max(time.monotonic() - self._started, 1e-9)

    def advance(self, records: int, *, rejected: int = 0) -> None:
        """Count ``records`` more read, of which ``rejected`` were rejected."""
        self.count += records
        self.rejected += rejected
        if self._progress is not None and self._task is not None:
            self._progress.update(
                self._task, completed=self.count, rate=self.rate, rejected=self.rejected
            )
            return
        now = time.monotonic()
        if now - self._last_log >= self._every:
            self._last_log = now
            print(
                f"{self.label}: {self.count:,} records ({self.rate:,.0f}/s), "
                f"{self.rejected:,} rejected",
                file=sys.stderr,
                flush=True,
            )

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
