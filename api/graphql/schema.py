"""The GraphQL schema: each domain's queries, mutations and subscriptions, with the safety limits.

The domains (:mod:`~api.graphql.customers`, :mod:`~api.graphql.employees`,
:mod:`~api.graphql.products`, :mod:`~api.graphql.activity`, :mod:`~api.graphql.social`,
:mod:`~api.graphql.alerts`, :mod:`~api.graphql.admin`, :mod:`~api.graphql.webhooks`) each hold
their types and thin resolvers that call ``graph.*``; they are merged here into one ``Query``,
``Mutation`` and ``Subscription``. Errors are translated in one place
(:class:`api.graphql.errors.TypedErrors`).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

import strawberry
from graphql import DocumentNode, GraphQLError, OperationDefinitionNode, parse
from graphql import OperationType as GraphQLOperationType
from graphql import execute as graphql_execute
from strawberry.execution import optimized_is_awaitable
from strawberry.extensions import (
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.schema._graphql_core import execution_context_class_kwargs
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext as StrawberryExecutionContext
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.utils.await_maybe import await_maybe

from api.graphql.activity import ActivityMutation
from api.graphql.admin import AdminMutation
from api.graphql.alerts import AlertMutation, AlertQuery, AlertSubscription
from api.graphql.context import Context, Shared
from api.graphql.customers import CustomerMutation, CustomerQuery
from api.graphql.docs import describe
from api.graphql.employees import EmployeeMutation, EmployeeQuery
from api.graphql.errors import RoleGate, TypedErrors, client_error
from api.graphql.execution import LeafFastExecution
from api.graphql.limits import QueryLimits
from api.graphql.nodes import NodeQuery
from api.graphql.products import ProductMutation, ProductQuery
from api.graphql.scalars import SCALARS
from api.graphql.social import SocialMutation, SocialQuery
from api.graphql.webhooks import WebhookMutation, WebhookQuery
from graph.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["Context", "Shared", "build_schema", "schema"]

Query = merge_types(
    "Query",
    (NodeQuery, CustomerQuery, EmployeeQuery, ProductQuery, SocialQuery, AlertQuery, WebhookQuery),
)
Mutation = merge_types(
    "Mutation",
    (
        SocialMutation,
        CustomerMutation,
        EmployeeMutation,
        ProductMutation,
        ActivityMutation,
        AdminMutation,
        AlertMutation,
        WebhookMutation,
    ),
)
Subscription = merge_types("Subscription", (AlertSubscription,))


class RapportSchema(strawberry.Schema):
    """The schema, logging what clients did wrong at INFO, in one line, without their input,
    and running a query it has answered without error before straight on graphql-core.

    Frontends send the same few documents again and again. Once a query document has been
    parsed, validated and answered without error, a request for it skips Strawberry's
    per-request extension machinery (six extensions entered and left four times each: a tenth
    of a small query's CPU): its cost is still measured against the limits with this request's
    variables (:class:`~api.graphql.limits.Shapes`), and it is executed as Strawberry would.
    Anything else goes the full way: another document, a mutation, a query past a limit, and
    any answer with an error, which is run again the full way (queries only read) so that its
    errors are typed, masked and logged exactly as they would have been.
    """

    def __init__(self, *args: Any, limits: QueryLimits, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limits = limits
        self._answered: OrderedDict[tuple[str, str | None], DocumentNode] = OrderedDict()

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        """The answer to one operation (see the class for the short way)."""
        key = (query or "", operation_name)
        document = self._answered.get(key)
        if document is not None and (
            allowed_operation_types is None or OperationType.QUERY in allowed_operation_types
        ):
            shape = self._limits.shapes.measure(
                self._schema, document, operation_name, variable_values or {}
            )
            if self._limits.allows(shape):
                done = await await_maybe(
                    graphql_execute(
                        self._schema, document, root_value=root_value,
                        variable_values=variable_values, operation_name=operation_name,
                        context_value=context_value,
                        is_awaitable=optimized_is_awaitable,  # type: ignore[arg-type]
                        **execution_context_class_kwargs(self.execution_context_class),
                        operation_extensions=operation_extensions,
                    )
                )  # fmt: skip
                if not done.errors:
                    return ExecutionResult(data=done.data, errors=None)
        result = await super().execute(
            query, variable_values, context_value, root_value, operation_name,
            allowed_operation_types, operation_extensions,
        )  # fmt: skip
        if document is None and query and not result.errors:
            self._remember(key, query, operation_name)
        return result

    def _remember(self, key: tuple[str, str | None], query: str, name: str | None) -> None:
        """Keep the document of a query answered without error (not a mutation's)."""
        document = parse(query)
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        chosen = [o for o in operations if name is None or (o.name and o.name.value == name)]
        if len(chosen) == 1 and chosen[0].operation is GraphQLOperationType.QUERY:
            self._answered[key] = document
            while len(self._answered) > DOCUMENTS:
                self._answered.popitem(last=False)

    def process_errors(
        self,
        errors: list[GraphQLError],
        execution_context: StrawberryExecutionContext | None = None,
    ) -> None:
        """Client errors (ours, typed; a bad query) at INFO, by code and path only (their message
        may echo what the client sent); anything else at ERROR, in full."""
        for error in errors:
            code = client_error(error)
            if code is not None:
                log.info("client error %s at %s", code, error.path or "(the query)")
            else:
                log.error("unexpected error at %s", error.path, exc_info=error.original_error)


#: Documents whose parse, validation and (queries) short way are kept.
DOCUMENTS = 256


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema with the limits of ``settings``: query depth, aliases, cost, tokens,
    introspection.

    Unexpected errors are masked ("Unexpected error.", no stack trace); Rapport's own errors keep
    their message, ``code`` and ``hint``.
    """
    s = settings or Settings()
    # Shared by the requests: one measure per document and `first`; the short way uses it too.
    limits = QueryLimits(
        max_depth=s.api_max_depth, max_aliases=s.api_max_aliases, max_cost=s.api_max_cost
    )
    # Factories: a fresh extension per request.
    extensions: list[Any] = [
        lambda: MaxTokensLimiter(max_token_count=s.api_max_tokens),
        # Depth, aliases and cost in one memoised walk (fragments measured once), with the
        # request's variables: see api.graphql.limits.
        limits.fresh,
        lambda: TypedErrors(hide_suggestions=not s.api_introspection),
        RoleGate,
        # Frontends send the same few documents again and again: parse and validate each once.
        lambda: ParserCache(maxsize=DOCUMENTS),
        lambda: ValidationCache(maxsize=DOCUMENTS),
    ]
    if not s.api_introspection:
        extensions.append(DisableIntrospection)
    built = RapportSchema(
        query=Query, mutation=Mutation, subscription=Subscription, extensions=extensions,
        scalar_overrides=SCALARS, execution_context_class=LeafFastExecution, limits=limits,
    )  # fmt: skip
    describe(built._schema)
    return built


schema = build_schema()
