"""Run one import: stream a source, enrich it, write it in batches, reject what cannot be used.

The runner owns the bookkeeping every format shares: rejects file, progress, checkpoints for
resuming, the summary (read, created, updated, rejected), and the order of work — items are
enriched in chunks (spaCy is fastest on batches), then written through one ``BatchWriter``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from graph.model import Relationship
from graph.store import pending
from graph.store.repository import Repository
from graph.store.writes import BatchWriter, WriteSummary
from importers.formats.base import Format, Item, Origin, Reject, Skip, SourceItem
from importers.run import checkpoint
from importers.run.background import BackgroundWriter
from importers.run.progress import ImportProgress
from importers.run.rejects import RejectsFile


class Enrichment(Protocol):
    """Turns raw items into enriched ones (sentiment, mentions, topics, …) in place."""

    def apply(self, items: list[Item]) -> None:
        """Enrich ``items``."""
        ...


@dataclass
class ImportSummary:
    """What an import did, records and graph writes apart.

    Records: every source record ``read`` ends as imported, ``skipped`` (with a reason) or
    ``rejected`` (with a reason), so ``read == imported + skipped + rejected``; ``warnings``
    count imported records with an optional field left empty. Graph: nodes and relationships
    ``created``, ``updated`` and ``unchanged`` (already so: not rewritten); relationships
    ``pending`` (their other end is not in the graph yet) and ``linked`` (pending ones this
    import completed).
    """

    source: Path
    format: str
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    skipped: int = 0
    warnings: int = 0
    pending: int = 0
    linked: int = 0
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    rejects_file: Path | None = None
    resumed_from: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Source records per second."""
        return self.read / self.seconds if self.seconds else 0.0

    @property
    def imported(self) -> int:
        """Records that went into the graph."""
        return self.read - self.skipped - self.rejected


@dataclass
class _Run:
    repository: Repository
    fmt: Format
    path: Path
    state_dir: Path
    enrichment: Enrichment | None
    chunk: int
    checkpoint_every: int
    summary: ImportSummary
    rejects: RejectsFile
    progress: ImportProgress
    prior: dict[str, int] = field(default_factory=dict)
    queued: list[Item] = field(default_factory=list)
    kept_pending: int = 0  # relationships kept for a missing end (counted by the writer thread)
    last_saved: float = field(default_factory=time.monotonic)
    writer: BatchWriter = field(init=False)
    background: BackgroundWriter = field(init=False)

    def __post_init__(self) -> None:
        self.writer = BatchWriter(self.repository, on_missing=self.missing, overlap=True)
        self.background = BackgroundWriter(self.writer)

    def missing(self, record: Relationship, origin: Any, reason: str) -> None:
        """A relationship whose other end is not in the graph yet: kept until it arrives."""
        where = f"{origin.path}:{origin.line}" if isinstance(origin, Origin) else ""
        self.writer.add(pending.pending_record(record, where))
        self.kept_pending += 1

    def reject(self, reject: Reject | Skip) -> None:
        # Through the writer, in order: at a checkpoint the rejects file holds exactly the
        # rejects of the items before it (a resumed import cuts it back to that size).
        self.background.call(partial(self.rejects.write, reject))
        if isinstance(reject, Skip):
            self.summary.skipped += 1
        else:
            self.summary.rejected += 1
        self.summary.read += 1
        self.progress.advance(1, rejected=int(isinstance(reject, Reject)))

    def add(self, item: Item) -> None:
        self.queued.append(item)
        if not item.secondary:
            self.summary.read += 1
            self.progress.advance(1)
        for warning in item.warnings:
            self.summary.warnings += 1
            self.background.call(
                partial(self.rejects.write, Reject(item.origin, warning), kind="warning")
            )
        if len(self.queued) >= self.chunk:
            self.drain()

    def drain(self) -> None:
        items, self.queued = self.queued, []
        if self.enrichment is not None and items:
            self.enrichment.apply(items)
        self.background.write([(record, item.origin) for item in items for record in item.records])

    def checkpoint_due(self) -> bool:
        """Whether a checkpoint is due (``RAPPORT_IMPORT_CHECKPOINT_SECONDS`` after the last).

        Each one waits for every write before it, and flushes the part-filled batches of every
        label: at 5,000 records apart (every batch's worth), 51 checkpoints of the tweets at
        100,000 customers sent half the batches at 1,000 rows or fewer."""
        return (
            time.monotonic() - self.last_saved >= self.repository.settings.import_checkpoint_seconds
        )

    def save(self, items_done: int) -> None:
        """Checkpoint once everything read so far is in the graph (in the writer thread)."""
        self.drain()
        counted = {"read": self.summary.read, "rejected": self.summary.rejected,
                   "skipped": self.summary.skipped, "warnings": self.summary.warnings}  # fmt: skip

        def persist() -> None:
            point = checkpoint.fresh(self.path, self.fmt.name)
            point.items_done = items_done
            point.counts = self.counts(**counted)
            point.rejects_bytes = self.rejects.size()
            checkpoint.save(self.state_dir, point)

        self.background.barrier(persist)
        self.last_saved = time.monotonic()

    def finish(self) -> WriteSummary:
        self.drain()
        self.background.close()
        return self.writer.summary

    def counts(self, **records: int) -> dict[str, int]:
        """Everything counted so far, for a checkpoint: the records, and the graph writes."""
        written = self.writer.summary
        # PendingEdge nodes are bookkeeping, counted as pending relationships, not as writes.
        kept_new = written.nodes_created.get("PendingEdge", 0)
        kept_same = written.unchanged_by.get("PendingEdge", 0)
        kept_again = written.nodes.get("PendingEdge", 0) - kept_new - kept_same
        return {
            **records,
            "pending": self.prior.get("pending", 0) + self.kept_pending,
            "created": self.prior.get("created", 0) + written.created - kept_new,
            "updated": self.prior.get("updated", 0) + written.updated - kept_again,
            "unchanged": self.prior.get("unchanged", 0) + written.unchanged - kept_same,
        }


def run_import(
    repository: Repository,
    fmt: Format,
    path: Path,
    *,
    state_dir: Path,
    enrichment: Enrichment | None = None,
    resume: bool = True,
    chunk: int = 1000,
    live_progress: bool | None = None,
    progress_every: float = 5.0,
) -> ImportSummary:
    """Import ``path`` in format ``fmt`` and return the summary.

    Re-running it changes nothing in the graph; after an interruption it resumes at the last
    checkpoint (``resume=False`` starts over, which is just slower).
    """
    started = time.monotonic()
    saved = checkpoint.load(state_dir, path, fmt.name) if resume else None
    skip = saved.items_done if saved else 0
    summary = ImportSummary(source=path, format=fmt.name, resumed_from=skip)
    if saved:
        for name in ("read", "rejected", "skipped", "warnings"):
            setattr(summary, name, saved.counts.get(name, 0))
    with (
        RejectsFile(path, resume_at=saved.rejects_bytes if saved else None) as rejects,
        ImportProgress(
            f"{path.name} ({fmt.name})", live=live_progress, every=progress_every
        ) as progress,
    ):
        run = _Run(
            repository, fmt, path, state_dir, enrichment, chunk,
            repository.settings.batch_size, summary, rejects, progress,
            prior=dict(saved.counts) if saved else {},
        )  # fmt: skip
        try:
            _feed(run, fmt.read(path), skip)
        except BaseException:
            run.background.abort()
            raise
        written = run.finish()
    checkpoint.clear(state_dir, path, fmt.name)
    counts = run.counts()
    summary.created, summary.updated = counts["created"], counts["updated"]
    summary.unchanged = counts["unchanged"]
    summary.pending = counts["pending"]
    summary.nodes = {k: v for k, v in written.nodes.items() if k != "PendingEdge"}
    summary.relationships = written.relationships
    noted = summary.rejected + summary.skipped + summary.warnings
    summary.rejects_file = rejects.path if noted else None
    summary.seconds = time.monotonic() - started
    return summary


def _feed(run: _Run, entries: Iterable[SourceItem], skip: int) -> None:
    """Hand every entry after the first ``skip`` to the run, checkpointing as it goes."""
    for index, entry in enumerate(entries, start=1):
        if index <= skip:
            continue
        if isinstance(entry, Reject | Skip):
            run.reject(entry)
        else:
            run.add(entry)
        if index % run.checkpoint_every == 0 and run.checkpoint_due():
            run.save(index)
