"""`rapport serve`: the GraphQL API over HTTP."""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli.common import console, settings_from


def serve_command(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    graphiql: Annotated[
        bool | None,
        typer.Option(help="Serve the GraphiQL IDE at /graphql [env: RAPPORT_API_GRAPHIQL]."),
    ] = None,
) -> None:
    """Serve the GraphQL API (POST /graphql; GraphiQL in a browser), /healthz and /readyz."""
    import uvicorn

    from api.graphql.app import create_app

    app = create_app(settings_from(ctx), graphiql=graphiql)
    console.print(f"Rapport GraphQL on http://{host}:{port}/graphql (Ctrl-C stops it)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
