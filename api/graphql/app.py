"""The FastAPI app: GraphQL at /graphql (GraphiQL switchable), /healthz and /readyz.

Every request is bounded: its body (``RAPPORT_API_MAX_BODY``), its time
(``RAPPORT_API_REQUEST_TIMEOUT``), and what its query may cost (:mod:`api.graphql.limits`).
Keys are checked before anything else; while the database is away every request fails fast
with ``DATABASE_UNAVAILABLE`` and the API reconnects by itself (:mod:`api.graphql.health`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException
from fastapi.exception_handlers import http_exception_handler
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.requests import HTTPConnection, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from api.auth.keys import KeyStore, KeysUnavailable, Unauthorized
from api.auth.rate import RateLimited, RateLimiter
from api.graphql.errors import extensions_of, refusal_response
from api.graphql.events import relay_outbox
from api.graphql.health import watch
from api.graphql.schema import Context, Shared, build_schema
from api.graphql.threads import THREADS
from api.graphql.views import Lean, Router, refusal
from api.webhooks import inbound
from api.webhooks.deliver import Dispatcher
from api.webhooks.store import WebhookStore
from graph.errors import RapportError
from graph.settings import Settings, load_settings
from graph.store.connection import connect
from graph.store.repository import Repository


async def _refusal(request: Request, exc: Exception) -> Response:
    """A request refused before GraphQL ran (no key, database away) in the contract's shape."""
    assert isinstance(exc, HTTPException)
    return refusal(exc) or await http_exception_handler(request, exc)


class Bounded:
    """ASGI middleware: refuse a body over ``max_body`` bytes (413) and stop a request that runs
    over ``timeout`` seconds (504), both with a GraphQL-shaped JSON error."""

    def __init__(self, app: ASGIApp, *, max_body: int, timeout: float) -> None:
        self.app, self.max_body, self.timeout = app, max_body, timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await self._refuse(send, 413, "BAD_USER_INPUT", self._too_big())
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise _TooBig
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            async with asyncio.timeout(self.timeout):  # no task of its own, as wait_for makes
                await self.app(scope, counted, tracked)
        except _TooBig:
            if not started:
                await self._refuse(send, 413, "BAD_USER_INPUT", self._too_big())
        except TimeoutError:
            if not started:
                await self._refuse(
                    send, 504, "TIMEOUT", f"the request took more than {self.timeout:g} s"
                )

    def _too_big(self) -> str:
        return f"the request body is larger than {self.max_body:,} bytes"

    async def _refuse(self, send: Send, status: int, code: str, message: str) -> None:
        hint = (
            "ask for less, or split the request"
            if code != "TIMEOUT"
            else ("ask for less (smaller pages, fewer nested lists), or retry")
        )
        body = bytes(refusal_response(status, code, message, hint).body)
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class _TooBig(Exception):
    """The body went over the limit while it was being read."""


#: Where GraphQL is served (POST, WebSocket) and GraphiQL's page (GET).
GRAPHQL = "/graphql"


class App(FastAPI):
    """The FastAPI app, handing POST /graphql to :attr:`lean` before its own middleware and
    routing (the busiest path, kept short); everything else, lifespan included, as usual."""

    lean: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.lean is not None
            and scope["type"] == "http"
            and scope["method"] == "POST"
            and scope["path"] == GRAPHQL
        ):
            scope["app"] = self
            await self.lean(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def _http_error(status: int, exc: RapportError) -> HTTPException:
    return HTTPException(
        status_code=status, detail={"message": exc.message, "extensions": extensions_of(exc)}
    )


def create_app(settings: Settings, *, graphiql: bool | None = None) -> FastAPI:
    """The app, connected to the database for its whole life (one connection, one lease)."""
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        executor = ThreadPoolExecutor(THREADS, thread_name_prefix="rapport-db")
        loop.set_default_executor(executor)
        connection = connect(settings)
        repository = Repository(connection, tx_timeout=settings.api_tx_timeout)
        shared = Shared(repository, keys=keys)
        state["shared"] = app.state.shared = shared
        watcher = asyncio.create_task(watch(shared.health))
        relay = asyncio.create_task(relay_outbox(shared, settings.api_event_poll))
        dispatcher = Dispatcher(
            WebhookStore(settings.data_dir), retries=settings.webhook_retries,
            backoff=settings.webhook_backoff, timeout=settings.webhook_timeout,
            check_every=4 * settings.api_event_poll,  # a new webhook is heard of within 2 s
        )  # fmt: skip
        hooks = asyncio.create_task(dispatcher.run(shared.alerts, shared.events))
        # Everything made so far (modules, schema, driver) lives as long as the server: move it
        # out of the collector's generations, so a full collection walks only what requests make
        # and its pauses stay out of the latency tail.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            for task in (watcher, relay, hooks):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            repository.connection.close()
            executor.shutdown(wait=False, cancel_futures=True)

    keys = KeyStore(settings.data_dir)

    context = _context_getter(settings, keys, state)

    quiet = not settings.api_introspection  # no schema docs without introspection
    app = App(
        title="Rapport",
        lifespan=lifespan,
        docs_url=None if quiet else "/docs",
        redoc_url=None if quiet else "/redoc",
        openapi_url=None if quiet else "/openapi.json",
    )
    ide = settings.api_graphiql if graphiql is None else graphiql
    if ide:
        _ide_routes(app)
    _explorer_routes(app)
    inbound.routes(app, settings, context)
    schema = build_schema(settings)
    router = Router(
        schema,
        context_getter=context,
        graphql_ide=None,  # ours: served from the app, asks for a key (see _ide_routes)
        allow_queries_via_get=False,
        subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL],
    )
    app.include_router(router, prefix=GRAPHQL)
    origins = [o.strip() for o in settings.api_cors_origins.split(",") if o.strip()]
    cors: dict[str, Any] = {
        "allow_origins": origins,
        "allow_methods": ["POST"],
        "allow_headers": ["content-type", "x-api-key", "authorization"],
    }
    if origins:
        app.add_middleware(CORSMiddleware, **cors)
    bounds: dict[str, Any] = {
        "max_body": settings.api_max_body,
        "timeout": settings.api_request_timeout,
    }
    app.add_middleware(Bounded, **bounds)
    # POST /graphql skips FastAPI's routing, behind the same limits and CORS as the rest.
    lean: ASGIApp = Lean(schema, context)
    if origins:
        lean = CORSMiddleware(lean, **cors)
    app.lean = Bounded(lean, **bounds)

    app.add_exception_handler(HTTPException, _refusal)
    _health_routes(app, state)
    return app


def app_from_environment() -> FastAPI:
    """The app as a worker process of `rapport serve --workers` builds it: settings from the
    environment (the command line's options were put there by the parent)."""
    return create_app(load_settings())


WEB = Path(__file__).resolve().parents[2] / "web" / "dist"


def _ide_routes(app: FastAPI) -> None:
    """GraphiQL at GET /graphql: the page and its libraries come from the app (built by npm at
    install time, ``web/``), it opens without a key and asks for one, kept in the browser; every
    query it sends still needs the key."""

    @app.get(GRAPHQL, include_in_schema=False)
    async def graphiql_page(request: Request) -> Response:
        if "query" in request.query_params:  # POST only: queries never end up in URLs and logs
            return JSONResponse(
                {"errors": [{"message": "queries are not allowed when using GET: POST them"}]},
                status_code=400,
            )
        page = WEB / "graphiql.html"
        if not page.exists():
            return PlainTextResponse(
                "GraphiQL is not built: run `make install` (it builds web/ with npm)",
                status_code=503,
            )
        return FileResponse(page, media_type="text/html")

    app.mount("/graphql/ide", StaticFiles(directory=WEB, check_dir=False), name="graphiql")


EXPLORER = Path(__file__).resolve().parents[1] / "explorer" / "dist"


def _explorer_routes(app: FastAPI) -> None:
    """The Rapport Explorer at GET /explore (built by npm at install time, ``api/explorer/``): a
    static page that asks for a key and reads only the GraphQL API with it."""

    @app.get("/explore", include_in_schema=False)
    async def explorer_page() -> Response:
        page = EXPLORER / "index.html"
        if not page.exists():
            return PlainTextResponse(
                "The Explorer is not built: run `make install` (it builds api/explorer/ with npm)",
                status_code=503,
            )
        return FileResponse(page, media_type="text/html")

    app.mount("/explore/static", StaticFiles(directory=EXPLORER, check_dir=False), name="explorer")


def _context_getter(
    settings: Settings, keys: KeyStore, state: dict[str, Any]
) -> Callable[[HTTPConnection], Awaitable[Context]]:
    """Each request's context: its key checked first (401, or 503 for a damaged key store),
    then the database (503 while it is away)."""

    # With n worker processes each enforces 1/n of the limit: a key spread over all of them gets
    # the limit, one that lands on a single worker less, never more.
    limiter = RateLimiter(settings.api_rate_limit / settings.api_workers)

    async def context(request: HTTPConnection) -> Context:
        shared: Shared = state["shared"]
        key = None
        if settings.api_auth:
            if request.scope["type"] == "websocket" and _key_of(request) is None:
                return Context(shared, role="reader", awaiting_key=True)
            try:
                key = keys.verify(_key_of(request))
            except Unauthorized as exc:
                raise _http_error(401, exc) from None
            except KeysUnavailable as exc:
                raise _http_error(503, exc) from None
            try:
                limiter.take(key.id)
            except RateLimited as exc:
                refused = _http_error(429, exc)
                refused.headers = {"Retry-After": str(exc.retry_after)}
                raise refused from None
        if not shared.health.available:
            raise _http_error(503, shared.health.error())
        if key is None:
            return Context(shared)
        return Context(shared, role=key.role, key_id=key.id)

    return context


def _health_routes(app: FastAPI, state: dict[str, Any]) -> None:
    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.get("/readyz", response_model=None)
    async def readyz() -> JSONResponse | dict[str, str]:
        """The database answers (503 with the reason while it does not)."""
        shared: Shared = state["shared"]
        if shared.health.available:
            await asyncio.to_thread(shared.health.check)
        if not shared.health.available:
            body = {"status": "unavailable", "code": "DATABASE_UNAVAILABLE",
                    "error": shared.health.reason}  # fmt: skip
            return JSONResponse(body, status_code=503)
        return {"status": "ready"}


def _key_of(request: HTTPConnection) -> str | None:
    header = request.headers.get("x-api-key")
    bearer = request.headers.get("authorization", "")
    if not header and bearer.lower().startswith("bearer "):
        header = bearer[7:]
    return header
