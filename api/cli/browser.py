"""`rapport browser`: Neo4j Browser on any engine, with Rapport's kit (saved queries, style, guide).

On the embedded engine, which has no Browser of its own, it serves Neo4j Browser's own bundle
(the jar on Maven Central that the local Neo4j serves too) pointed at the embedded Bolt port. On
Neo4j the server's own Browser is the one to use; the kit is served beside it either way.
"""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from api.cli.common import console, settings_from
from graph.errors import ConfigError
from graph.store import neo4j as local_neo4j
from graph.store.connection import connect
from graph.store.neo4j import distribution
from graph.store.repository import Repository


def _examples(repository: Repository) -> dict[str, str]:
    """Parameter values for the guide taken from this graph (the top influencers), so its first
    clicks show something; empty before `rapport analyze`."""
    rows = repository.read("browser/top_influencers", limit=2, audience=1)
    if not rows:
        return {}
    top = rows[0]["id"]
    examples = {"id": f"'{top}'", "from": f"'{top}'",
                "ids": "[" + ", ".join(f"'{r['id']}'" for r in rows) + "]"}  # fmt: skip
    audience = rows[0]["audience"]
    if audience:
        examples["to"] = f"'{audience[0].end_node['id']}'"
    return examples


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def browser_command(
    ctx: typer.Context,
    port: Annotated[
        int | None,
        typer.Option(min=1, max=65535, help="Port to serve on [env: RAPPORT_BROWSER_PORT]."),
    ] = None,
) -> None:
    """Open the graph in Neo4j Browser (served here for the embedded engine), with Rapport's
    saved queries, style and guide. Runs until Ctrl-C."""
    import uvicorn

    from api.browser.server import Target, browser_url, create_app

    settings = settings_from(ctx)
    port = port or settings.browser_port
    if not _port_free(port):
        raise ConfigError(
            f"port {port} is already in use on 127.0.0.1",
            hint="stop what listens there, or pick another with --port or RAPPORT_BROWSER_PORT",
        )
    base = f"http://localhost:{port}"
    connection = connect(settings)
    try:
        examples = _examples(Repository(connection))
        lease = connection.lease
        if connection.backend == "embedded" and lease is not None:
            console.print("preparing Neo4j Browser (the first run fetches it from Maven Central)…")
            bundle = distribution.browser_bundle(settings.data_dir / "neo4j-browser")
            target = Target(lease.info.bolt_port, settings.user, connection.database)
            app = create_app(port=port, target=target, bundle=bundle, examples=examples)
            console.print(f"Neo4j Browser for the embedded database on {browser_url(base, target)}",
                          highlight=False, soft_wrap=True)  # fmt: skip
            console.print(f"  bolt      bolt://127.0.0.1:{lease.info.bolt_port}  "
                          f"(user {settings.user}, database {connection.database})")  # fmt: skip
            console.print(f"  password  {lease.data.password_path}  (or RAPPORT_DB_PASSWORD)")
            if not settings.embedded_bolt_port:
                console.print("  the Bolt port changes when the database restarts: fix it with "
                              "RAPPORT_EMBEDDED_BOLT_PORT")  # fmt: skip
        else:
            app = create_app(port=port, target=None, bundle=None, examples=examples)
            if lease is not None:
                where = local_neo4j.browser_url(lease.info)
                console.print(f"the local Neo4j ships Neo4j Browser: {where}", highlight=False)
                console.print(f"  password  {lease.data.password_path}")
            else:
                console.print(f"use your Neo4j server's own Browser, connected to {connection.uri}")
        console.print(f"  guide     :play {base}/rapport/guide.html", highlight=False)
        console.print(f"  style     :style {base}/rapport/rapport.grass", highlight=False)
        console.print("(Ctrl-C stops it)")
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    finally:
        connection.close()
