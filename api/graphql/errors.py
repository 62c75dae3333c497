"""The one place where errors become GraphQL errors.

Resolvers raise Rapport's own errors (:class:`graph.errors.RapportError` and its subclasses); this
schema extension turns each into a GraphQL error with ``extensions.code`` and ``hint``. Errors of
the query itself (syntax, validation, limits) pass as they are. Anything else is masked
("Unexpected error.", no stack trace) and logged in full on the server.
"""

from __future__ import annotations

import logging

from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors

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


class TypedErrors(MaskErrors):
    """Rapport's errors typed, query errors kept, everything else masked and logged."""

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed: list[GraphQLError] = []
        for error in errors:
            cause = error.original_error
            if isinstance(cause, RapportError):
                processed.append(typed(error, cause))
            elif cause is None or (error.extensions or {}).get("code"):
                processed.append(error)  # a query error, or one already typed
            else:
                log.error("unexpected error in %s", error.path, exc_info=cause)
                processed.append(self.anonymise_error(error))
        return processed
