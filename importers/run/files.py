"""Import files or folders into the graph: choose formats, enrich, run, resolve identities."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.analytics.alert_rules import AlertDecision
from graph.errors import ConfigError
from graph.jobs.raise_alerts import raise_alerts, record_responses
from graph.store import schema
from graph.store.repository import Repository
from importers.formats.base import Format, ImportContext
from importers.formats.mapping import ColumnMapping
from importers.formats.registry import choose, plan_folder
from importers.identity.store import ResolutionReport, resolve_identities
from importers.run.enrichment import PostEnrichment
from importers.run.runner import ImportSummary, run_import


@dataclass
class ImportReport:
    """Every file's summary, plus the files a folder held that no format recognised."""

    summaries: list[ImportSummary] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    identities: ResolutionReport | None = None
    alerts: list[AlertDecision] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        """Rejected records over all files."""
        return sum(s.rejected for s in self.summaries)


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
) -> ImportReport:
    """Import one file, or every recognised file of a folder in dependency order.

    Progress shows live on a terminal (``live_progress``), else as a line every
    ``progress_every`` seconds on stderr.
    """
    if not path.exists():
        raise ConfigError(f"{path} does not exist", hint="check the path")
    # MERGE without the uniqueness constraints scans every node: make sure they exist.
    schema.apply(repository)
    context = ImportContext(repository)
    report = ImportReport()
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
        report.summaries.append(summary)
        if on_summary is not None:
            on_summary(summary)
    imported = [fmt.spec for fmt, _ in plan]
    if any(spec.identities for spec in imported):
        # People or accounts changed: look for the owners of unowned accounts again.
        report.identities = resolve_identities(repository)
    if any(spec.posts for spec in imported):
        # After identities: an alert goes to the warmest employee of the post's owner.
        report.alerts = raise_alerts(repository)
        record_responses(repository)
    return report


def _enrichment(fmt: Format, context: ImportContext) -> PostEnrichment | None:
    if not fmt.spec.enriched:
        return None
    return PostEnrichment.from_graph(context.repository, context.directory())
