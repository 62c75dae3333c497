"""Import files or folders into the graph: choose formats, enrich, run, resolve identities."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.analytics.alert_rules import AlertDecision
from graph.errors import ConfigError
from graph.store import pending, schema
from graph.store.repository import Repository
from importers.formats.base import Format, ImportContext
from importers.formats.mapping import ColumnMapping
from importers.formats.registry import choose, plan_folder
from importers.identity.store import ResolutionReport
from importers.run.enrichment import PostEnrichment
from importers.run.runner import ImportSummary, run_import
from importers.run.settle import settle


@dataclass
class ImportReport:
    """Every file's summary, plus the files a folder held that no format recognised."""

    summaries: list[ImportSummary] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    identities: ResolutionReport | None = None
    alerts: list[AlertDecision] = field(default_factory=list)
    waiting: int = 0  # relationships in the graph still waiting for their other end

    @property
    def rejected(self) -> int:
        """Rejected records over all files."""
        return sum(s.rejected for s in self.summaries)

    @property
    def read(self) -> int:
        """Records read over all files."""
        return sum(s.read for s in self.summaries)


def import_path(
    repository: Repository,
    path: Path,
    *,
    format_name: str | None = None,
    mapping: ColumnMapping | None = None,
    resume: bool = True,
    live_progress: bool | None = None,
    progress_every: float = 5.0,
    on_summary: Callable[[ImportSummary], None] | None = None,
    store: str | None = None,
    date_format: str | None = None,
    day_first: bool = False,
) -> ImportReport:
    """Import one file, or every recognised file of a folder in dependency order.

    Progress shows live on a terminal (``live_progress``), else as a line every
    ``progress_every`` seconds on stderr. ``store`` names the shop an orders export comes from
    (order names such as ``#1001`` restart in every store). ``date_format`` (``strptime``
    codes) and ``day_first`` say how the files write dates a reader cannot tell apart
    (``05/06/24``); given, they override a mapping's own.
    """
    if not path.exists():
        raise ConfigError(f"{path} does not exist", hint="check the path")
    # MERGE without the uniqueness constraints scans every node: make sure they exist.
    schema.apply(repository)
    context = ImportContext(repository, store=store, date_format=date_format, day_first=day_first)
    report = ImportReport()
    plan = _plan(context, path, format_name, mapping, report)
    state_dir = repository.settings.data_dir / "imports"
    for fmt, file in plan:
        summary = run_import(
            repository,
            fmt,
            file,
            state_dir=state_dir,
            enrichment=_enrichment(fmt, context),
            resume=resume,
            live_progress=live_progress,
            progress_every=progress_every,
        )
        context.invalidate()
        if pending.count(repository):
            # This file may bring the ends others were waiting for (and its own may arrive later).
            summary.linked = pending.link(repository).linked
        report.summaries.append(summary)
        if on_summary is not None:
            on_summary(summary)
    report.waiting = pending.count(repository)
    settled = settle(repository, [fmt.spec for fmt, _ in plan])
    report.identities, report.alerts = settled.identities, settled.alerts
    return report


def _plan(
    context: ImportContext,
    path: Path,
    format_name: str | None,
    mapping: ColumnMapping | None,
    report: ImportReport,
) -> list[tuple[Format, Path]]:
    """The files to import with their formats (a folder's unknown files go to the report)."""
    if path.is_dir():
        if format_name or mapping:
            raise ConfigError(
                "--format and --mapping apply to one file, not a folder",
                hint="import the file on its own, or let the folder's formats be detected",
            )
        plan, report.skipped = plan_folder(context, path)
    else:
        plan = [(choose(context, path, name=format_name, mapping=mapping), path)]
    for _, file in plan:
        if not os.access(file, os.R_OK):
            raise ConfigError(f"cannot read {file}", hint="check its permissions")
    return plan


def _enrichment(fmt: Format, context: ImportContext) -> PostEnrichment | None:
    if not fmt.spec.enriched:
        return None
    return PostEnrichment.from_graph(context.repository, context.staff())
