"""The small web server of `rapport browser`: Neo4j Browser's own static bundle pointed at the
embedded engine's Bolt port, and Rapport's kit (style and guide) for any Browser on this machine.

Neo4j Browser asks the server it was loaded from where Bolt is (a JSON "discovery" answer at
``/``), then talks Bolt over WebSocket straight to the database; ArcadeDB's Bolt listener accepts
WebSocket, so the Browser needs nothing else. A Content-Security-Policy keeps the page from
calling out (the bundle would load web fonts and send usage analytics otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.browser import kit


@dataclass(frozen=True, slots=True)
class Target:
    """The database a Browser opened here connects to."""

    bolt_port: int
    user: str
    database: str
    version: str = "5.26.0"  # what the discovery answer reports: Browser 5 features need >= 5


def browser_url(base: str, target: Target) -> str:
    """Where the Browser opens with the connection filled in (only the password is asked).

    >>> browser_url("http://localhost:7476", Target(7687, "root", "rapport"))
    'http://localhost:7476/browser/?dbms=bolt%3A%2F%2Froot%40127.0.0.1%3A7687&db=rapport'
    """
    query = urlencode({"dbms": f"bolt://{target.user}@127.0.0.1:{target.bolt_port}",
                       "db": target.database})  # fmt: skip
    return f"{base}/browser/?{query}"


def csp(port: int, bolt_port: int) -> str:
    """The page may talk to this server and to the database's Bolt port, nothing else."""
    hosts = ("127.0.0.1", "localhost")
    connect = " ".join(
        [f"http://{h}:{port}" for h in hosts] + [f"ws://{h}:{bolt_port}" for h in hosts]
        + [f"http://{h}:{bolt_port}" for h in hosts]
    )  # fmt: skip
    return (
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        f"worker-src 'self' blob:; connect-src 'self' {connect}"
    )


class _Policy:
    """Adds the Content-Security-Policy header to every response of the Browser's pages."""

    def __init__(self, app: ASGIApp, policy: str) -> None:
        self.app, self.policy = app, policy.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"content-security-policy", self.policy))
            await send(message)

        await self.app(scope, receive, with_policy)


def create_app(
    *, port: int, target: Target | None, bundle: Path | None, examples: dict[str, str] | None = None
) -> Starlette:
    """The app: the Browser (when ``bundle`` and ``target`` are given) and the kit at
    ``/rapport/`` (always; with CORS, so a Browser served elsewhere, such as the local Neo4j's
    own, can ``:style`` and ``:play`` it)."""
    base = f"http://localhost:{port}"

    async def style(_: Request) -> Response:
        return PlainTextResponse(kit.STYLE.read_text(encoding="utf-8"))

    async def guide(_: Request) -> Response:
        page = kit.guide(f"{base}/rapport/rapport.grass", examples)
        return HTMLResponse(page)

    async def root(request: Request) -> Response:
        if target is None or bundle is None:
            return PlainTextResponse("Rapport's Neo4j Browser kit: /rapport/guide.html and "
                                     "/rapport/rapport.grass")  # fmt: skip
        if "json" in request.headers.get("accept", ""):
            bolt = f"bolt://127.0.0.1:{target.bolt_port}"
            return JSONResponse({
                "bolt_direct": bolt, "bolt_routing": bolt.replace("bolt", "neo4j", 1),
                "neo4j_version": target.version, "neo4j_edition": "community",
            })  # fmt: skip
        return RedirectResponse(browser_url(base, target))

    routes: list[Route | Mount] = [
        Route("/", root),
        Route("/rapport/rapport.grass", style),
        Route("/rapport/guide.html", guide),
    ]
    if target is not None and bundle is not None:
        pages = StaticFiles(directory=bundle, html=True)
        routes.append(Mount("/browser", _Policy(pages, csp(port, target.bolt_port))))
    # A Browser served elsewhere (the local Neo4j's) fetches the kit cross-origin, with a
    # preflight: allow any origin to GET it (it is public, read-only text).
    cors = Middleware(
        CORSMiddleware, allow_origins=["*"], allow_methods=["GET"], allow_headers=["*"]
    )
    return Starlette(routes=routes, middleware=[cors])
