"""`rapport neo4j …`: the local Neo4j Community server Rapport runs itself.

Use it with ``RAPPORT_DB_URI=local-neo4j`` (every command then connects to it, starting it if
needed); ``start`` keeps it running between commands and prints where Neo4j Browser is.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from api.cli.common import console, settings_from
from graph.store import neo4j as local_neo4j
from graph.store.servers.lifecycle import running_server

app = typer.Typer(
    help="Run a local Neo4j Community server (resolved from Maven Central; needs Java 17+ and "
    "Maven). Use it with RAPPORT_DB_URI=local-neo4j.",
    no_args_is_help=True,
)


@app.command()
def start(ctx: typer.Context) -> None:
    """Start the local Neo4j (resolving it on first use) and keep it running until `stop`."""
    settings = settings_from(ctx)
    console.print("starting the local Neo4j (the first start downloads about 140 MB)…")
    lease = local_neo4j.pin(settings)
    info, data = lease.info, lease.data
    lease.release()
    verb = "started" if lease.started else "already running"
    console.print(f"local Neo4j {info.version} {verb} (pid {info.pid})")
    console.print(f"  bolt      {info.bolt_uri}  (user {local_neo4j.USER}, database neo4j)")
    console.print(f"  password  {data.password_path}")
    console.print(f"  browser   {local_neo4j.browser_url(info)}")
    console.print(f"  data dir  {data.root}")
    console.print("use it with [bold]RAPPORT_DB_URI=local-neo4j[/]; stop it with "
                  "[bold]rapport neo4j stop[/]")  # fmt: skip


@app.command()
def stop(
    ctx: typer.Context,
    force: Annotated[
        bool, typer.Option("--force", help="Stop even while other processes use it.")
    ] = False,
) -> None:
    """Stop the local Neo4j cleanly."""
    settings = settings_from(ctx)
    stopped = local_neo4j.unpin_and_stop(settings, force=force)
    if stopped is None:
        console.print("no local Neo4j was running")
    else:
        console.print(f"stopped the local Neo4j (pid {stopped.pid})")


@app.command()
def status(ctx: typer.Context) -> None:
    """Whether the local Neo4j runs, where, and who uses it."""
    settings = settings_from(ctx)
    data = local_neo4j.data_dir(settings)
    info = running_server(data)
    table = Table.grid(padding=(0, 2))
    table.add_row("data dir", str(data.root))
    if info is None:
        table.add_row("state", "stopped")
    else:
        table.add_row("state", f"running (pid {info.pid})")
        table.add_row("version", info.version)
        table.add_row("bolt", info.bolt_uri)
        table.add_row("browser", local_neo4j.browser_url(info))
        table.add_row("pinned", "yes (rapport neo4j start)" if data.pinned else "no")
        table.add_row("clients", str(len(data.live_leases())))
    console.print(table)
