"""`rapport serve`: the GraphQL API over HTTP."""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from api.auth.keys import ROLES, KeyStore
from api.cli.common import console, settings_from
from graph.settings import Settings


def _environment(settings: Settings, graphiql: bool | None) -> dict[str, str]:
    """The settings a worker process must share with this one, as RAPPORT_* variables."""
    env = {
        "RAPPORT_DATA_DIR": str(settings.data_dir),
        "RAPPORT_DB_URI": settings.db_uri,
        "RAPPORT_API_WORKERS": str(settings.api_workers),
    }
    if settings.db_name:
        env["RAPPORT_DB_NAME"] = settings.db_name
    if graphiql is not None:
        env["RAPPORT_API_GRAPHIQL"] = "true" if graphiql else "false"
    return env


def serve_command(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    graphiql: Annotated[
        bool | None,
        typer.Option(help="Serve the GraphiQL IDE at /graphql [env: RAPPORT_API_GRAPHIQL]."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=64,
            help="Processes serving the API [env: RAPPORT_API_WORKERS]; more than one uses more "
            "cores (keys, rate limits and subscriptions stay shared).",
        ),
    ] = None,
    session_key: Annotated[
        str | None,
        typer.Option(
            help=f"Create a key of this role ({', '.join(ROLES)}) for this run only: printed "
            "now, revoked when the server stops (demos, local use)."
        ),
    ] = None,
) -> None:
    """Serve the GraphQL API (POST /graphql; GraphiQL in a browser), /healthz and /readyz."""
    import uvicorn

    from api.graphql.app import create_app
    from api.graphql.wire import OneWrite

    settings = settings_from(ctx)
    if workers is not None:
        settings = settings.model_copy(update={"api_workers": workers})
    app = create_app(settings, graphiql=graphiql) if settings.api_workers == 1 else None
    url = f"http://{host}:{port}/graphql"
    keys = KeyStore(settings.data_dir)
    key = None
    if session_key is not None:
        key, text = keys.create(session_key, "rapport serve --session-key")
        console.print(f"{key.role} key for this run (revoked when the server stops):")
        console.print(text, highlight=False, soft_wrap=True)
        console.print(
            f"  curl -s {url} -H 'X-API-Key: {text}' -H 'content-type: application/json' "
            """-d '{"query": "{ influencers(first: 3) { customerId name score } }"}'""",
            highlight=False,
            soft_wrap=True,
        )
        console.print(f'  GraphiQL: open {url}, Headers tab: {{"X-API-Key": "{text}"}}',
                      highlight=False, soft_wrap=True)  # fmt: skip
    console.print(f"Rapport GraphQL on {url} (Ctrl-C stops it)", highlight=False)
    console.print(f"Rapport Explorer on http://{host}:{port}/explore (the network, customer 360 "
                  "and alerts; it asks for a key)", highlight=False)  # fmt: skip
    # The first SIGTERM (or Ctrl-C) drains: requests in flight get up to 10 s to finish. No
    # `server` header (it tells a scanner what runs here) and no access log: less work a request.
    # Each answer goes out in one write (api/graphql/wire.py).
    serving: dict[str, Any] = {"host": host, "port": port, "log_level": "warning",
                               "timeout_graceful_shutdown": 10, "server_header": False,
                               "access_log": False, "http": OneWrite}  # fmt: skip
    try:
        if app is not None:
            uvicorn.run(app, **serving)
        else:
            # Worker processes build the app themselves from the environment: pass them this
            # command's choices there.
            os.environ.update(_environment(settings, graphiql))
            uvicorn.run("api.graphql.app:app_from_environment", factory=True,
                        workers=settings.api_workers, **serving)  # fmt: skip
    finally:
        if key is not None:
            keys.revoke(key.id)
