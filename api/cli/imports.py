"""`rapport import` and `rapport generate`: bring data into the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from api.cli.common import console, errors, plural, repository, settings_from
from importers.formats.mapping import load_mapping
from importers.formats.registry import format_names
from importers.generate import generate
from importers.run.files import import_path
from importers.run.runner import ImportSummary


def _print_summary(summary: ImportSummary) -> None:
    resumed = f", resumed after {summary.resumed_from:,} items" if summary.resumed_from else ""
    records = f"read {summary.read:,}: imported {summary.imported:,}"
    if summary.skipped:
        records += f", skipped {summary.skipped:,}"
    records += f", rejected [{'red' if summary.rejected else 'green'}]{summary.rejected:,}[/]"
    if summary.warnings:
        records += f" ({summary.warnings:,} with a field left empty)"
    graph = f"created {summary.created:,}, updated {summary.updated:,}"
    if summary.unchanged:
        graph += f", unchanged {summary.unchanged:,}"
    if summary.pending:
        graph += f", {plural(summary.pending, 'relationship')} waiting for their other end"
    if summary.linked:
        graph += f", {plural(summary.linked, 'waiting relationship')} linked"
    console.print(
        f"[bold]{summary.source.name}[/] ({summary.format}): {records}; graph: {graph} "
        f"in {summary.seconds:.1f} s ({summary.rate:,.0f} records/s{resumed})",
        highlight=False,
    )
    if summary.rejects_file is not None:
        console.print(f"  rejects, skips and warnings: {summary.rejects_file}", highlight=False)


def _fail_when_mostly_rejected(summaries: list[ImportSummary], most: float) -> None:
    """Exit 1 when a file imported nothing, or rejected more than ``most`` of its records:
    an import that failed must not look like a success to a script."""
    failed = [
        s for s in summaries
        if s.read and (s.imported == 0 or s.rejected / s.read > most) and s.rejected
    ]  # fmt: skip
    for s in failed:
        errors.print(
            f"[bold red]error[/] [dim](IMPORT_REJECTED)[/]: {s.source.name}: {s.rejected:,} of "
            f"{s.read:,} records rejected (more than {most:.0%}, RAPPORT_IMPORT_MAX_REJECTED)",
            highlight=False,
        )
        errors.print(f"[yellow]hint[/]: the reasons are in {s.rejects_file}; is --format right?",
                     highlight=False)  # fmt: skip
    if failed:
        raise typer.Exit(1)


def import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A file, or a folder of files to import in order.")],
    format_name: Annotated[
        str | None,
        typer.Option("--format", "-f", help=f"Format of the file: {', '.join(format_names())}."),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", "-m", help="TOML column mapping for another system's CSV."),
    ] = None,
    restart: Annotated[
        bool, typer.Option("--restart", help="Ignore the checkpoint of an interrupted import.")
    ] = False,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="The shop an orders export comes from (order names "
            "such as #1001 restart in every store).",
        ),
    ] = None,
    date_format: Annotated[
        str | None,
        typer.Option(
            "--date-format",
            help="How the file writes dates, in strptime codes "
            "(e.g. '%d/%m/%Y %H:%M'), when the usual forms do not fit.",
        ),
    ] = None,
    day_first: Annotated[
        bool, typer.Option("--day-first", help="Read 05/06/2024 as 5 June (default: May 6).")
    ] = False,
) -> None:
    """Import a file (format detected, or --format) or a folder; bad records go to
    <file>.rejects.jsonl and the import carries on. Re-running changes nothing."""
    column_mapping = load_mapping(mapping) if mapping else None
    with repository(ctx) as repo:
        report = import_path(
            repo,
            path,
            format_name=format_name,
            mapping=column_mapping,
            resume=not restart,
            on_summary=_print_summary,
            store=store,
            date_format=date_format,
            day_first=day_first,
        )
    for skipped in report.skipped:
        console.print(f"[yellow]skipped[/] {skipped.name}: not a format Rapport reads")
    _fail_when_mostly_rejected(report.summaries, settings_from(ctx).import_max_rejected)
    if len(report.summaries) > 1:
        totals = Table.grid(padding=(0, 2))
        summaries = report.summaries
        totals.add_row(
            "total",
            f"read {report.read:,}",
            f"imported {sum(s.imported for s in summaries):,}",
            f"skipped {sum(s.skipped for s in summaries):,}",
            f"rejected {report.rejected:,}",
            f"created {sum(s.created for s in summaries):,}",
            f"updated {sum(s.updated for s in summaries):,}",
            f"relationships waiting {report.waiting:,}",
        )
        console.print(totals)
    if report.identities is not None and report.identities.accounts:
        ids = report.identities
        console.print(
            f"identities: {ids.accounts:,} unowned accounts, {ids.asserted:,} linked, "
            f"{ids.candidates:,} candidates to review (rapport identities review)"
        )
    if report.alerts:
        worst = report.alerts[0]
        console.print(
            f"alerts: {len(report.alerts):,} raised, the most severe {worst.severity:.2f} on "
            f"{worst.post} (rapport alerts list)"
        )


def generate_command(
    customers: Annotated[
        int, typer.Option("--customers", "-n", min=100, help="How many customers.")
    ] = 2000,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same files.")] = 7,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write.")] = Path("sample"),
) -> None:
    """Write a realistic synthetic dataset in every source format, with planted truths
    (truth.json) the analytics must find. Import it with `rapport import DIR`."""
    with console.status(f"generating {customers:,} customers into {out}/ …"):
        truth = generate(out, customers=customers, seed=seed)
    files = sorted(p.name for p in out.iterdir() if p.is_file())
    console.print(f"wrote {len(files)} files to {out}/: {', '.join(files)}")
    inf = truth.top_influencer
    console.print(
        f"planted: top influencer {inf.customer} (@{inf.handle}) praising {inf.product}; "
        f"warmest employee {truth.warmest_employee.employee} for "
        f"{truth.warmest_employee.customer}; {truth.complements.product} -> "
        f"{', '.join(truth.complements.top_two)}; angry post {truth.angry_post.tweet}"
    )
