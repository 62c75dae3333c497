"""`rapport db …`: status of the database, start/stop of the embedded server, and moving a
whole graph: dump to a file, restore from one, copy to another database."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from api.cli.common import console, plural, repository, settings_from
from graph.errors import ConfigError
from graph.model import NODE_LABELS, RELATIONSHIP_TYPES
from graph.settings import load_settings
from graph.store import embedded, pending, reads, transfer
from graph.store.connection import connect
from graph.store.repository import Repository
from graph.store.servers.datadir import DataDir

app = typer.Typer(
    help="Inspect the database; start or stop the embedded server; dump, restore or copy the "
    "whole graph.",
    no_args_is_help=True,
)


@app.command()
def status(ctx: typer.Context) -> None:
    """Backend, server version, and counts per label and relationship type."""
    with repository(ctx) as repo:
        version = reads.server_version(repo)
        counts = reads.counts(repo)
        waiting = pending.waiting_by_pattern(repo) if counts.nodes.get("PendingEdge") else {}
        conn = repo.connection
        lease = conn.lease
        head = Table.grid(padding=(0, 2))
        head.add_row("backend", conn.backend)
        head.add_row("server", version.agent)
        head.add_row("uri", conn.uri)
        head.add_row("database", conn.database)
        if lease is not None:
            data = lease.data
            head.add_row("data dir", str(data.root))
            head.add_row("server pid", str(lease.info.pid))
            head.add_row("pinned", "yes (rapport db start)" if data.pinned else "no")
            head.add_row("clients", str(len(data.live_leases())))
    console.print(head)
    table = Table(title=f"{sum(counts.nodes.values())} nodes", title_justify="left")
    table.add_column("label")
    table.add_column("count", justify="right")
    for label, count in sorted({**dict.fromkeys(NODE_LABELS, 0), **counts.nodes}.items()):
        table.add_row(label, f"{count:,}")
    rels = Table(title=f"{sum(counts.relationships.values())} relationships", title_justify="left")
    rels.add_column("type")
    rels.add_column("count", justify="right")
    known = {rel.TYPE: 0 for rel in RELATIONSHIP_TYPES}
    for rel_type, count in sorted({**known, **counts.relationships}.items()):
        rels.add_row(rel_type, f"{count:,}")
    console.print(table)
    console.print(rels)
    if waiting:
        console.print(
            f"{plural(sum(waiting.values()), 'relationship')} waiting for their other end "
            "(linked when an import brings it):"
        )
        for pattern, count in waiting.items():
            console.print(f"  {pattern}  {count:,}", highlight=False)


@app.command()
def start(ctx: typer.Context) -> None:
    """Start the embedded server and keep it running until `rapport db stop`."""
    settings = settings_from(ctx)
    if not settings.is_embedded:
        raise ConfigError(
            f"`db start` runs the embedded database, but RAPPORT_DB_URI is {settings.db_uri}",
            hint="unset RAPPORT_DB_URI (or set it to `embedded`)",
        )
    lease = embedded.pin(settings)
    info, data = lease.info, lease.data
    lease.release()
    verb = "started" if lease.started else "already running"
    console.print(f"embedded ArcadeDB {info.version} {verb} (pid {info.pid})")
    console.print(f"  bolt      {info.bolt_uri}  (user root)")
    console.print(f"  password  {data.password_path}")
    console.print(f"  data dir  {data.root}")
    console.print("stop it with [bold]rapport db stop[/]")


@app.command()
def stop(
    ctx: typer.Context,
    force: Annotated[
        bool, typer.Option("--force", help="Stop even while other processes use it.")
    ] = False,
) -> None:
    """Stop the embedded server (data is flushed, the port file removed)."""
    settings = settings_from(ctx)
    stopped = embedded.unpin_and_stop(settings, force=force)
    if stopped is None:
        console.print(f"no embedded server was running for {DataDir(settings.data_dir).root}")
    else:
        console.print(f"stopped embedded ArcadeDB (pid {stopped.pid})")


class _Progress:
    """A live line per label or pattern on a terminal; a line every few seconds otherwise."""

    def __init__(self, verb: str) -> None:
        self.verb = verb
        self.last = 0.0
        self.current = ""

    def __call__(self, what: str, rows: int) -> None:
        now = time.monotonic()
        if console.is_terminal:
            console.print(f"{self.verb} {what}: {rows:,}", end="\r")
        elif what != self.current or now - self.last > 5:
            console.print(f"{self.verb} {what}: {rows:,}")
            self.last = now
        self.current = what


def _summary(report: transfer.TransferReport, verb: str) -> None:
    nodes, rels = sum(report.nodes.values()), sum(report.relationships.values())
    rate = report.total / report.seconds if report.seconds else 0.0
    console.print(
        f"{verb} {nodes:,} nodes and {rels:,} relationships in {report.seconds:.1f} s "
        f"({rate:,.0f} rows/s)"
    )
    for key, missing in sorted(report.skipped.items()):
        console.print(f"  [yellow]skipped[/] {missing:,} {key}: an endpoint is missing")


@app.command()
def dump(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The dump to write (gzip JSON lines).")],
) -> None:
    """Write the whole graph to FILE: every node and relationship with all properties."""
    with repository(ctx) as repo:
        report = transfer.dump(repo, file, progress=_Progress("dumped"))
    _summary(report, "dumped")
    console.print(f"wrote {file} ({file.stat().st_size / 1e6:,.1f} MB)")


@app.command()
def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A dump written by `rapport db dump`.")],
) -> None:
    """Write every node and relationship of FILE into the database (safe to run again)."""
    with repository(ctx) as repo:
        report = transfer.restore(repo, file, progress=_Progress("restored"))
        where = f"{repo.connection.uri} database {repo.connection.database}"
    _summary(report, f"restored into {where}:")


@app.command()
def copy(
    ctx: typer.Context,
    to: Annotated[
        str,
        typer.Option("--to", help="Where to copy: `embedded`, `local-neo4j` or a Neo4j URI."),
    ],
    to_database: Annotated[
        str | None, typer.Option("--to-database", help="The target's database name.")
    ] = None,
    to_user: Annotated[str | None, typer.Option("--to-user", help="The target's user.")] = None,
    to_password: Annotated[
        str | None,
        typer.Option("--to-password", help="The target's password.", envvar="RAPPORT_TO_PASSWORD"),
    ] = None,
    verify: Annotated[
        bool, typer.Option("--verify", help="Compare every node's properties afterwards.")
    ] = False,
) -> None:
    """Copy the whole graph into another database (schema first; safe to run again)."""
    source_settings = settings_from(ctx)
    target_settings = load_settings(
        **{
            **source_settings.model_dump(exclude={"db_uri", "db_name", "db_user", "db_password"}),
            "db_uri": to,
            "db_name": to_database,
            "db_user": to_user,
            "db_password": to_password,
        }
    )
    if (target_settings.db_uri, target_settings.database) == (
        source_settings.db_uri,
        source_settings.database,
    ):
        raise ConfigError(
            f"the source and the target are the same database ({to}, {target_settings.database})",
            hint="name another target with --to and --to-database",
        )
    with repository(ctx) as source, connect(target_settings) as target_connection:
        target = Repository(target_connection)
        console.print(
            f"copying {source.connection.uri} ({source.connection.database}) to "
            f"{target_connection.uri} ({target_connection.database})"
        )
        report = transfer.copy(source, target, progress=_Progress("copied"))
        _summary(report, "copied")
        if verify:
            _verify(source, target)


def _verify(source: Repository, target: Repository) -> None:
    left, right = transfer.fingerprint(source), transfer.fingerprint(target)
    differences = left.differences(right)
    if not differences:
        console.print(f"verified: {sum(left.counts().values()):,} rows equal, property by property")
        return
    for key, here, there, changed in differences:
        console.print(f"  [red]differs[/] {key}: {here:,} vs {there:,} rows, {changed:,} changed")
    raise typer.Exit(1)
