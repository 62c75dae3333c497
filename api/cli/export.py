"""`rapport export`: the tables recommendation jobs read, as Parquet, CSV or JSON Lines files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import console, errors, plural, repository
from api.export import files, run
from graph.answers import export
from graph.errors import ConfigError

TABLE_HELP = "Only this table (repeat for several): " + ", ".join(t.name for t in export.TABLES)


def export_command(
    ctx: typer.Context,
    out: Annotated[
        str, typer.Option("--out", "-o", help="Folder to write (created), or - for stdout.")
    ] = "export",
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="parquet, csv (RFC 4180) or jsonl.")
    ] = "parquet",
    tables: Annotated[list[str] | None, typer.Option("--table", help=TABLE_HELP)] = None,
    since: Annotated[
        Path | None,
        typer.Option(
            help="An earlier export's folder: write only the rows changed since it, "
            "and the keys gone (in <table>.deleted.<format>)."
        ),
    ] = None,
) -> None:
    """Export what recommendation jobs read: related products, recommendations with reasons,
    influence, warmth, interests, customers and products, with a manifest (columns and types,
    row counts, SHA-256, the analysis run they come from)."""
    if fmt not in files.FORMATS:
        raise ConfigError(f"unknown format {fmt!r}", hint=f"use one of: {', '.join(files.FORMATS)}")
    chosen = run.chosen(tables)
    with repository(ctx) as repo:
        if out == "-":
            if len(chosen) != 1 or since is not None:
                raise ConfigError("stdout takes exactly one table and no --since",
                                  hint="add --table NAME, or give --out a folder")  # fmt: skip
            run.to_stdout(repo, chosen[0], fmt)
            return

        def progress(done: run.TableReport) -> None:
            rate = done.rows / done.seconds if done.seconds else 0.0
            gone = f", {plural(done.deleted, 'key')} gone" if since is not None else ""
            errors.print(f"  {done.name:<17} {plural(done.rows, 'row'):>14}{gone}  "
                         f"({done.seconds:.1f} s, {rate:,.0f} rows/s)")  # fmt: skip

        report = run.to_folder(repo, Path(out), fmt=fmt, tables=chosen, since=since,
                               progress=progress)  # fmt: skip
    what = "changed rows" if since is not None else "rows"
    console.print(f"exported {report.rows:,} {what} to {out}/ ({fmt}); manifest: "
                  f"{out}/{run.MANIFEST}", highlight=False)  # fmt: skip
