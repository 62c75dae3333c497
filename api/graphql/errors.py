"""The one place where errors become GraphQL errors: the API's error contract.

Every error a client can cause carries ``extensions.code`` from one published list
(:data:`CODES`, documented in the README), ``extensions.reason`` (Rapport's own, finer code:
``RECORD_INVALID``, ``INVALID_TRANSITION``…), a ``hint`` on how to fix it and, where one input
field is at fault, its ``field``. Errors of the query itself (syntax, validation, a variable of
the wrong type, an unknown enum value: it names the allowed ones) are ``BAD_USER_INPUT``.
Anything unexpected is masked ("Unexpected error.", ``INTERNAL``, no stack trace) and logged in
full on the server.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from graphql import ExecutionResult, GraphQLEnumType
from graphql.error import GraphQLError
from starlette.responses import JSONResponse
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.types.graphql import OperationType

from api.auth.keys import Forbidden, allows
from graph.errors import RapportError

log = logging.getLogger(__name__)

#: The published codes, and what a client should do about each.
CODES: dict[str, str] = {
    "UNAUTHENTICATED": "no API key, or one that does not exist (HTTP 401; WebSocket close 4401)",
    "FORBIDDEN": "the key's role does not allow this (a reader running a mutation)",
    "BAD_USER_INPUT": "the query, a variable or an argument is wrong: fix it as the hint says",
    "NOT_FOUND": "no record has the id given (that field is null, the rest is intact)",
    "RATE_LIMITED": "too many requests with this key (HTTP 429): retry after "
    "`extensions.retryAfter` s",
    "COST_LIMIT": "the query is too deep, too aliased or too costly: ask for less",
    "PERSISTED_QUERY_NOT_FOUND": "a persisted query's hash this server does not know: send the "
    "query with its hash (Apollo's persisted-queries link does it by itself)",
    "TIMEOUT": "the request ran out of time: ask for less, or retry",
    "UNAVAILABLE": "the database or the key store is away: retry later (HTTP 503)",
    "INTERNAL": "a bug: the server logged it in full",
}

_BY_REASON: dict[str, str] = {
    "UNAUTHENTICATED": "UNAUTHENTICATED",
    "FORBIDDEN": "FORBIDDEN",
    "NOT_FOUND": "NOT_FOUND",
    "RATE_LIMITED": "RATE_LIMITED",
    "COST_LIMIT": "COST_LIMIT",
    "PERSISTED_QUERY_NOT_FOUND": "PERSISTED_QUERY_NOT_FOUND",
    "TIMEOUT": "TIMEOUT",
    "DATABASE_UNAVAILABLE": "UNAVAILABLE",
    "KEYS_UNAVAILABLE": "UNAVAILABLE",
    "DB_UNREACHABLE": "UNAVAILABLE",
    "RECORD_INVALID": "BAD_USER_INPUT",
    "CONFIG_INVALID": "BAD_USER_INPUT",
    "INVALID_INPUT": "BAD_USER_INPUT",
    "INVALID_TRANSITION": "BAD_USER_INPUT",
    "WRITE_FAILED": "BAD_USER_INPUT",
}


def public_code(reason: str) -> str:
    """The published code of one of Rapport's own error codes.

    >>> public_code("RECORD_INVALID"), public_code("DATABASE_UNAVAILABLE"), public_code("X")
    ('BAD_USER_INPUT', 'UNAVAILABLE', 'INTERNAL')
    """
    return _BY_REASON.get(reason, "INTERNAL")


def extensions_of(cause: RapportError) -> dict[str, Any]:
    """``extensions`` for one of Rapport's errors: code, reason, hint and field."""
    found: dict[str, Any] = {
        "code": public_code(cause.code), "reason": cause.code, "hint": cause.hint or ""
    }  # fmt: skip
    if cause.field:
        found["field"] = cause.field
    retry = getattr(cause, "retry_after", None)
    if retry is not None:
        found["retryAfter"] = retry
    return found


def refusal_response(status: int, code: str, message: str, hint: str) -> JSONResponse:
    """An HTTP refusal (before or outside GraphQL) as GraphQL clients read errors.

    >>> refusal_response(413, "BAD_USER_INPUT", "too big", "send less").body
    b'{"errors":[{"message":"too big","extensions":{"code":"BAD_USER_INPUT","hint":"send less"}}]}'
    """
    error = {"message": message, "extensions": {"code": code, "hint": hint}}
    return JSONResponse({"errors": [error]}, status_code=status)


def typed(error: GraphQLError, cause: RapportError) -> GraphQLError:
    """``error`` carrying ``cause``'s message and the contract's extensions."""
    return _copy(error, cause.message, extensions_of(cause))


def _copy(error: GraphQLError, message: str, extensions: dict[str, Any]) -> GraphQLError:
    return GraphQLError(
        message, nodes=error.nodes, source=error.source, positions=error.positions,
        path=error.path, extensions=extensions,
    )  # fmt: skip


_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")
_ENUM = re.compile(r"Value '(?P<value>[^']*)' does not exist in '(?P<enum>\w+)' enum")


class TypedErrors(MaskErrors):
    """Rapport's errors typed, query errors coded ``BAD_USER_INPUT``, the rest masked.

    With ``hide_suggestions`` (introspection switched off), a query error does not say what
    the schema holds: "Did you mean …?" is cut from its message (an enum's allowed values are
    still named: an argument's type is part of the contract a client was given).
    """

    def __init__(self, *, hide_suggestions: bool = False) -> None:
        super().__init__()
        self.hide_suggestions = hide_suggestions

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return [self._one(error) for error in errors]

    def _one(self, error: GraphQLError) -> GraphQLError:
        cause = error.original_error
        if isinstance(cause, RapportError):
            return typed(error, cause)
        if client_error(error) is None and not (error.extensions or {}).get("code"):
            # logged in full by the schema (RapportSchema.process_errors)
            masked = self.anonymise_error(error)
            return _copy(masked, masked.message, {"code": "INTERNAL"})
        extensions = dict(error.extensions or {})
        if extensions.get("code"):
            return error  # already typed (by a limit, or earlier)
        message = error.message
        enum = _ENUM.search(message)
        if enum:
            allowed = self._enum_values(enum.group("enum"))
            message = f"{enum.group('value')!r} is not a value of {enum.group('enum')}" + (
                f": use one of {', '.join(allowed)}" if allowed else ""
            ) + _where(message)  # fmt: skip
        elif self.hide_suggestions:
            message = _SUGGESTION.sub("", message)
        extensions.update(code="BAD_USER_INPUT", reason="QUERY_INVALID")
        return _copy(error, message, extensions)

    def _enum_values(self, name: str) -> list[str]:
        schema = self.execution_context.schema._schema
        found = schema.get_type(name)
        return list(found.values) if isinstance(found, GraphQLEnumType) else []


def client_error(error: GraphQLError) -> str | None:
    """The reason code when ``error`` is the client's doing (ours, typed; a bad query or
    variable), else ``None`` (a bug).

    >>> client_error(GraphQLError("Cannot query field 'x'")), client_error(GraphQLError(
    ...     "boom", original_error=KeyError("k")))
    ('QUERY_INVALID', None)
    """
    cause = error.original_error
    if isinstance(cause, RapportError):
        return cause.code
    if cause is None or isinstance(cause, GraphQLError):
        return "QUERY_INVALID"
    return None


def _where(message: str) -> str:
    """What the enum message said about where the value was (a variable, an argument)."""
    found = re.match(r"Variable '\$(\w+)'", message)
    return f" (variable ${found.group(1)})" if found else ""


class RoleGate(SchemaExtension):
    """A mutation needs a writer key: checked before anything of it runs, even before its
    input is validated, so a reader learns nothing from trying."""

    def on_execute(self) -> Iterator[None]:
        """Refuse a mutation of a reader before its variables and arguments are read."""
        context = self.execution_context
        role = getattr(context.context, "role", "admin")
        if context.operation_type is OperationType.MUTATION and not allows(role, "writer"):
            refusal = Forbidden(
                f"a {role} key cannot run mutations: they need a writer key",
                hint="use a key created with `rapport keys create --role writer`",
            )
            context.result = ExecutionResult(
                data=None, errors=[GraphQLError(refusal.message, original_error=refusal)]
            )
        yield
