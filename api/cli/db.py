"""`rapport db …`: status of the database, and start/stop of the embedded server."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from api.cli.common import console, repository, settings_from
from graph.errors import ConfigError
from graph.model import NODE_LABELS, RELATIONSHIP_TYPES
from graph.store import reads
from graph.store.embedded import lifecycle
from graph.store.embedded.datadir import DataDir

app = typer.Typer(
    help="Inspect the database; start or stop the embedded server.", no_args_is_help=True
)


@app.command()
def status(ctx: typer.Context) -> None:
    """Backend, server version, and counts per label and relationship type."""
    with repository(ctx) as repo:
        version = reads.server_version(repo)
        counts = reads.counts(repo)
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


@app.command()
def start(ctx: typer.Context) -> None:
    """Start the embedded server and keep it running until `rapport db stop`."""
    settings = settings_from(ctx)
    if not settings.is_embedded:
        raise ConfigError(
            f"`db start` runs the embedded database, but RAPPORT_DB_URI is {settings.db_uri}",
            hint="unset RAPPORT_DB_URI (or set it to `embedded`)",
        )
    lease = lifecycle.pin(settings)
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
    stopped = lifecycle.unpin_and_stop(settings, force=force)
    if stopped is None:
        console.print(f"no embedded server was running for {DataDir(settings.data_dir).root}")
    else:
        console.print(f"stopped embedded ArcadeDB (pid {stopped.pid})")
