"""`rapport analyze`: compute influence, communities, warmth, related products and interests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from api.cli.common import console, repository
from graph.errors import ConfigError
from graph.jobs.analyze import STAGES, StageReport, analyze
from graph.jobs.incremental import last_run


def _print_stage(stage: StageReport) -> None:
    notes = ", ".join(
        f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}" for k, v in stage.notes.items()
    )
    console.print(
        f"[bold]{stage.name:<12}[/] {stage.seconds:6.1f} s  wrote {stage.written:,}"
        f"{f', removed {stage.removed:,} stale' if stage.removed else ''}  ({notes})",
        highlight=False,
    )


def analyze_command(
    ctx: typer.Context,
    only: Annotated[
        str | None,
        typer.Option("--only", help=f"Comma-separated stages: {', '.join(STAGES)}."),
    ] = None,
    incremental: Annotated[
        bool,
        typer.Option(
            "--incremental",
            help="Only what the events written since the last run touch: warmth, interests and "
            "alerts of those customers (influence, communities and related products wait for "
            "the next full run).",
        ),
    ] = False,
    since: Annotated[
        datetime | None,
        typer.Option(help="Incremental from this moment instead of the last run (UTC if no zone)."),
    ] = None,
) -> None:
    """Project the graph, compute the analytics and write scores and edges back
    (INFLUENCES, RAPPORT, BOUGHT_WITH, INTERESTED_IN; Customer.influence, influenceRank,
    community, sentimentAvg; alerts). Prints the time of each stage."""
    chosen = [s.strip() for s in only.split(",") if s.strip()] if only else None
    with repository(ctx) as repo:
        if since is not None:
            since = since.replace(tzinfo=since.tzinfo or UTC)
        elif incremental:
            since = last_run(repo.settings, repo.connection.database)
            if since is None:
                raise ConfigError(
                    "no earlier analysis of this database to continue from",
                    hint="run a full `rapport analyze` first, or give --since",
                )
        report = analyze(repo, only=chosen, since=since, on_stage=_print_stage)
    console.print(f"analysis done in {report.seconds:.1f} s (run {report.run.isoformat()})")
