"""The GraphQL views at /graphql: Strawberry's, with Rapport's keys and body checks.

POST requests (every query and mutation) are served by :class:`Lean`, a plain ASGI app; GET
(GraphiQL's page is a FastAPI route) and WebSockets by :class:`Router`, Strawberry's FastAPI
router. Both run the same schema with the same context getter.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter
from cross_web import HTTPException as StrawberryHTTPException
from fastapi import HTTPException
from fastapi.responses import JSONResponse, Response
from starlette.requests import HTTPConnection, Request
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLRequestData
from strawberry.schema.base import BaseSchema
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ConnectionInitMessage

from api.auth.keys import KeysUnavailable, Unauthorized
from api.graphql.context import Context
from api.graphql.errors import extensions_of, refusal_response
from api.graphql.persisted import NotPersisted, PersistedQueries
from graph.errors import RapportError

__all__ = ["Lean", "Router", "key_in", "refusal"]


#: WebSocket close codes of graphql-transport-ws: no valid key (as HTTP 401), key store away.
CLOSE_UNAUTHORIZED, CLOSE_UNAVAILABLE = 4401, 4503


def key_in(payload: Mapping[str, object]) -> str | None:
    """The API key a ``connection_init`` payload carries: ``X-API-Key`` or ``Authorization:
    Bearer …`` (any case), as the HTTP headers would.

    >>> key_in({"x-api-key": "rk_a_b"}), key_in({"Authorization": "Bearer rk_c_d"}), key_in({})
    ('rk_a_b', 'rk_c_d', None)
    """
    fields = {str(k).lower(): v for k, v in payload.items()}
    key = fields.get("x-api-key")
    bearer = fields.get("authorization")
    if not key and isinstance(bearer, str) and bearer.lower().startswith("bearer "):
        key = bearer[7:]
    return key if isinstance(key, str) and key else None


class KeyedTransportWS(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws that takes the key from ``connection_init`` when the upgrade had
    none (browsers cannot set WebSocket headers): no valid key closes the socket with 4401."""

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        """Check the key of the payload, then acknowledge as usual."""
        context = self.context
        if context.awaiting_key:
            payload = message.get("payload") or {}
            keys = context.shared.keys
            try:
                if keys is None:  # keys on, but no store to check them against: refuse
                    raise Unauthorized("no key store to check the key against")
                key = keys.verify(key_in(payload if isinstance(payload, dict) else {}))
            except Unauthorized as exc:
                await self.websocket.close(CLOSE_UNAUTHORIZED, exc.message[:120])
                return
            except KeysUnavailable as exc:
                await self.websocket.close(CLOSE_UNAVAILABLE, exc.message[:120])
                return
            context.role, context.key_id, context.awaiting_key = key.role, key.id, False
        await super().handle_connection_init(message)


class ObjectBodies:
    """A JSON body that is not an object is refused with 400 (not 500)."""

    def decode_json(self, data: str | bytes) -> object:
        """The request body; 400 unless it is a JSON object (or a list: batching, refused)."""
        decoded = orjson.loads(data)  # its JSONDecodeError is json's: Strawberry answers 400
        if not isinstance(decoded, dict | list):
            raise StrawberryHTTPException(
                400, 'the body must be a JSON object: {"query": "...", "variables": {...}}'
            )
        return decoded


class Router(ObjectBodies, GraphQLRouter[Context, None]):
    """Strawberry's router (GET, other methods, WebSockets at /graphql), taking a WebSocket's
    key from ``connection_init``."""

    graphql_transport_ws_handler_class = KeyedTransportWS


class Lean(ObjectBodies, GraphQL[Context, None]):
    """POST /graphql as a plain ASGI app: the same Strawberry view as :class:`Router`, without
    FastAPI's routing and dependency solving, which cost a fifth of the CPU of a small query.

    ``context`` is the app's context getter; a refusal it raises (no key, rate limit, database
    away) is answered as :func:`refusal` shapes it. Automatic persisted queries are spoken here
    (:mod:`api.graphql.persisted`).
    """

    def __init__(
        self,
        schema: BaseSchema,
        context: Callable[[HTTPConnection], Awaitable[Context]],
    ) -> None:
        super().__init__(schema, graphql_ide=None, allow_queries_via_get=False)
        self._context = context
        self.persisted = PersistedQueries()

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        """The request's context, from the app's getter."""
        return await self._context(request)

    def encode_json(self, data: object) -> str:
        """The response body (a str: Strawberry's multipart streams format it further)."""
        return orjson.dumps(data).decode()

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        """The request, with the query a persisted query's hash stands for."""
        data = await super().parse_http_body(request)
        if isinstance(data, GraphQLRequestData) and data.extensions:
            data.query = self.persisted.query_for(data.query, data.extensions)
        return data

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Strawberry's handling, with every refusal in the contract's shape (Strawberry's own
        ones, such as a body that is not JSON, would be plain text)."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        response: Response
        try:
            response = await self.run(Request(scope=scope, receive=receive))
        except HTTPException as exc:
            found = refusal(exc)
            if found is None:
                raise
            response = found
        except StrawberryHTTPException as exc:
            response = refusal_response(exc.status_code, "BAD_USER_INPUT", exc.reason, BODY_HINT)
        except RapportError as exc:  # a persisted query unknown or mis-hashed
            status = 200 if isinstance(exc, NotPersisted) else 400  # 200: as Apollo Server
            response = JSONResponse(
                {"errors": [{"message": exc.message, "extensions": extensions_of(exc)}]},
                status_code=status,
            )
        await response(scope, receive, send)


BODY_HINT = (
    'POST a JSON object {"query": "...", "variables": {...}} with Content-Type: application/json'
)


def refusal(exc: HTTPException) -> Response | None:
    """A request refused before GraphQL ran (no key, database away) in the contract's shape,
    ``{"errors": [{"message", "extensions": {"code", "reason", "hint"}}]}``; ``None`` for an
    HTTP error of another kind.

    >>> refusal(HTTPException(401, {"message": "no key", "extensions": {"code": "X"}})).body
    b'{"errors":[{"message":"no key","extensions":{"code":"X"}}]}'
    """
    detail = exc.detail
    if not (isinstance(detail, dict) and "extensions" in detail):
        return None
    return JSONResponse({"errors": [detail]}, status_code=exc.status_code, headers=exc.headers)
