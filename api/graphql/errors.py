"""The one place where errors become GraphQL errors.

Resolvers raise Rapport's own errors (:class:`graph.errors.RapportError` and its subclasses); this
schema extension turns each into a GraphQL error with ``extensions.code`` and ``hint``. Errors of
the query itself (syntax, validation, limits) pass as they are. Anything else is masked
("Unexpected error.", no stack trace) and logged in full on the server.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from graphql import ExecutionResult
from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.types.graphql import OperationType

from api.auth.keys import Forbidden, allows
from graph.errors import RapportError

log = logging.getLogger(__name__)


def typed(error: GraphQLError, cause: RapportError) -> GraphQLError:
    """``error`` carrying ``cause``'s message, stable code and hint."""
    return GraphQLError(
        cause.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": cause.code, "hint": cause.hint or ""},
    )


_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


class TypedErrors(MaskErrors):
    """Rapport's errors typed, query errors kept, everything else masked and logged.

    With ``hide_suggestions`` (introspection switched off), a query error does not say what
    the schema holds: "Did you mean …?" is cut from its message.
    """

    def __init__(self, *, hide_suggestions: bool = False) -> None:
        super().__init__()
        self.hide_suggestions = hide_suggestions

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed: list[GraphQLError] = []
        for error in errors:
            cause = error.original_error
            if isinstance(cause, RapportError):
                processed.append(typed(error, cause))
            elif cause is None and self.hide_suggestions and "Did you mean" in error.message:
                processed.append(
                    GraphQLError(
                        _SUGGESTION.sub("", error.message),
                        nodes=error.nodes,
                        source=error.source,
                        positions=error.positions,
                        path=error.path,
                        extensions=error.extensions,
                    )
                )
            elif cause is None or (error.extensions or {}).get("code"):
                processed.append(error)  # a query error, or one already typed
            else:  # logged in full by the schema (RapportSchema.process_errors)
                processed.append(self.anonymise_error(error))
        return processed


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
