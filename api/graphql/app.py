"""The FastAPI app: GraphQL at /graphql (GraphiQL switchable), /healthz and /readyz."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from cross_web import HTTPException as StrawberryHTTPException
from fastapi import FastAPI, HTTPException
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.requests import HTTPConnection
from strawberry.fastapi import GraphQLRouter
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from api.auth.keys import KeyStore, Unauthorized
from api.graphql.schema import Context, Shared, build_schema
from graph.errors import RapportError
from graph.settings import Settings
from graph.store.connection import connect
from graph.store.repository import Repository


class Router(GraphQLRouter[Context, None]):
    """Strawberry's router, refusing a JSON body that is not an object with 400 (not 500)."""

    def decode_json(self, data: str | bytes) -> object:
        """The request body; 400 unless it is a JSON object (or a list: batching, refused)."""
        decoded = super().decode_json(data)
        if not isinstance(decoded, dict | list):
            raise StrawberryHTTPException(
                400, 'the body must be a JSON object: {"query": "...", "variables": {...}}'
            )
        return decoded


def create_app(settings: Settings, *, graphiql: bool | None = None) -> FastAPI:
    """The app, connected to the database for its whole life (one connection, one lease)."""
    state: dict[str, Shared] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        connection = connect(settings)
        repository = Repository(connection, tx_timeout=settings.api_tx_timeout)
        state["shared"] = app.state.shared = Shared(repository)
        try:
            yield
        finally:
            connection.close()

    keys = KeyStore(settings.data_dir)

    async def context(request: HTTPConnection) -> Context:
        if not settings.api_auth:
            return Context(state["shared"])
        header = request.headers.get("x-api-key")
        bearer = request.headers.get("authorization", "")
        if not header and bearer.lower().startswith("bearer "):
            header = bearer[7:]
        try:
            key = keys.verify(header)
        except Unauthorized as exc:
            raise HTTPException(
                status_code=401, detail={"code": exc.code, "message": exc.message, "hint": exc.hint}
            ) from None
        return Context(state["shared"], role=key.role)

    app = FastAPI(title="Rapport", lifespan=lifespan)
    ide = settings.api_graphiql if graphiql is None else graphiql
    router = Router(
        build_schema(settings),
        context_getter=context,
        graphql_ide="graphiql" if ide else None,
        allow_queries_via_get=False,
        subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL],
    )
    app.include_router(router, prefix="/graphql")
    origins = [o.strip() for o in settings.api_cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["POST"],
            allow_headers=["content-type", "x-api-key", "authorization"],
        )

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.get("/readyz", response_model=None)
    def readyz() -> JSONResponse | dict[str, str]:
        """The database answers."""
        try:
            state["shared"].repository.read("read/ping")
        except (RapportError, KeyError, OSError) as exc:
            return JSONResponse({"status": "unavailable", "error": str(exc)}, status_code=503)
        return {"status": "ready"}

    return app
