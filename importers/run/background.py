"""Write in the background while the next chunk is parsed and enriched.

Parsing and NLP run in Python on one core; the database works on the other. A single writer
thread owns the ``BatchWriter`` and drains a small bounded queue, so the two overlap and neither
runs ahead by more than a few chunks (memory stays bounded); the ``BatchWriter`` hands each
batch to its own sender thread and makes the next one meanwhile (``overlap``). Checkpoints travel
through the same queue: one is saved only after everything queued before it has been written.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graph.model import Record
from graph.store.writes import BatchWriter

Batch = list[tuple[Record, Any]]


@dataclass(frozen=True, slots=True)
class _Barrier:
    """Flush everything before me, then call ``then``."""

    then: Callable[[], None]


@dataclass(frozen=True, slots=True)
class _Call:
    """Call ``fn`` in the writer, in queue order (rejects are written in item order)."""

    fn: Callable[[], None]


_STOP = object()


class BackgroundWriter:
    """Feeds a ``BatchWriter`` from a worker thread; errors surface in the caller's thread."""

    def __init__(self, writer: BatchWriter, *, depth: int = 4) -> None:
        self.writer = writer
        self._queue: queue.Queue[object] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="rapport-writer", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        while True:
            task = self._queue.get()
            if task is _STOP:
                return
            if self._error is not None:
                continue  # keep draining so the producer never blocks on a dead consumer
            try:
                if isinstance(task, _Barrier):
                    self.writer.flush()
                    task.then()
                elif isinstance(task, _Call):
                    task.fn()
                else:
                    for record, origin in task:  # type: ignore[attr-defined]
                        self.writer.add(record, origin)
            except BaseException as exc:
                self._error = exc

    def _put(self, task: object) -> None:
        self._raise()
        self._queue.put(task)

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def write(self, batch: Batch) -> None:
        """Queue records (with their origins) for writing."""
        if batch:
            self._put(batch)

    def call(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` in the writer after what is queued before it (not flushing)."""
        self._put(_Call(fn))

    def barrier(self, then: Callable[[], None]) -> None:
        """Once all queued records are written and flushed, run ``then`` (in the writer)."""
        self._put(_Barrier(then))

    def abort(self) -> None:
        """Stop without writing what is still queued (the import failed)."""
        self._error = self._error or RuntimeError("import aborted")
        self._queue.put(_STOP)
        self._thread.join()
        self.writer.close()

    def close(self) -> None:
        """Write everything still queued, flush, stop the thread; re-raise a writer error."""
        done = threading.Event()
        self._queue.put(_Barrier(done.set))
        self._queue.put(_STOP)
        self._thread.join()
        self.writer.close()
        self._raise()
