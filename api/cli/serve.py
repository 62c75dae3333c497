"""`rapport serve`: the GraphQL API over HTTP."""

from __future__ import annotations

from typing import Annotated

import typer

from api.auth.keys import ROLES, KeyStore
from api.cli.common import console, settings_from


def serve_command(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    graphiql: Annotated[
        bool | None,
        typer.Option(help="Serve the GraphiQL IDE at /graphql [env: RAPPORT_API_GRAPHIQL]."),
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

    settings = settings_from(ctx)
    app = create_app(settings, graphiql=graphiql)
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
    try:
        # The first SIGTERM (or Ctrl-C) drains: requests in flight get up to 10 s to finish.
        uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=10)
    finally:
        if key is not None:
            keys.revoke(key.id)
