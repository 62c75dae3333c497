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
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from api.graphql.activity import ActivityMutation
from api.graphql.admin import AdminMutation
from api.graphql.alerts import AlertMutation, AlertQuery, AlertSubscription
from api.graphql.context import Context, Shared
from api.graphql.customers import CustomerMutation, CustomerQuery
from api.graphql.docs import describe
from api.graphql.employees import EmployeeMutation, EmployeeQuery
from api.graphql.errors import RoleGate, TypedErrors, client_error
from api.graphql.execution import LeafFastExecution
from api.graphql.limits import QueryLimits, Shapes
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
    """The schema, logging what clients did wrong at INFO, in one line, without their input."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Client errors (ours, typed; a bad query) at INFO, by code and path only (their message
        may echo what the client sent); anything else at ERROR, in full."""
        for error in errors:
            code = client_error(error)
            if code is not None:
                log.info("client error %s at %s", code, error.path or "(the query)")
            else:
                log.error("unexpected error at %s", error.path, exc_info=error.original_error)


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema with the limits of ``settings``: query depth, aliases, cost, tokens,
    introspection.

    Unexpected errors are masked ("Unexpected error.", no stack trace); Rapport's own errors keep
    their message, ``code`` and ``hint``.
    """
    s = settings or Settings()
    shapes = Shapes()  # shared by the requests: one measure per document and `first`
    # Factories: a fresh extension per request.
    extensions: list[Any] = [
        lambda: MaxTokensLimiter(max_token_count=s.api_max_tokens),
        # Depth, aliases and cost in one memoised walk (fragments measured once), with the
        # request's variables: see api.graphql.limits.
        lambda: QueryLimits(
            max_depth=s.api_max_depth,
            max_aliases=s.api_max_aliases,
            max_cost=s.api_max_cost,
            shapes=shapes,
        ),
        lambda: TypedErrors(hide_suggestions=not s.api_introspection),
        RoleGate,
        # Frontends send the same few documents again and again: parse and validate each once.
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
    ]
    if not s.api_introspection:
        extensions.append(DisableIntrospection)
    built = RapportSchema(
        query=Query, mutation=Mutation, subscription=Subscription, extensions=extensions,
        scalar_overrides=SCALARS, execution_context_class=LeafFastExecution,
    )  # fmt: skip
    describe(built._schema)
    return built


schema = build_schema()
