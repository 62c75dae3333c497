"""The GraphQL schema: each domain's queries, mutations and subscriptions, with the safety limits.

The domains (:mod:`~api.graphql.customers`, :mod:`~api.graphql.employees`,
:mod:`~api.graphql.products`, :mod:`~api.graphql.activity`, :mod:`~api.graphql.social`,
:mod:`~api.graphql.alerts`, :mod:`~api.graphql.admin`) each hold their types and thin resolvers
that call ``graph.*``; they are merged here into one ``Query``, ``Mutation`` and ``Subscription``.
Errors are translated in one place (:class:`api.graphql.errors.TypedErrors`).
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import ASTValidationRule
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.tools import merge_types

from api.graphql.activity import ActivityMutation
from api.graphql.admin import AdminMutation
from api.graphql.alerts import AlertMutation, AlertQuery, AlertSubscription
from api.graphql.context import Context, Shared
from api.graphql.customers import CustomerMutation, CustomerQuery
from api.graphql.employees import EmployeeMutation, EmployeeQuery
from api.graphql.errors import TypedErrors
from api.graphql.products import ProductMutation, ProductQuery
from api.graphql.social import SocialMutation, SocialQuery
from graph.settings import Settings

__all__ = ["Context", "Shared", "build_schema", "schema"]

Query = merge_types("Query", (CustomerQuery, EmployeeQuery, ProductQuery, SocialQuery, AlertQuery))
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
    ),
)
Subscription = merge_types("Subscription", (AlertSubscription,))


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema with the limits of ``settings``: query depth, aliases, tokens, introspection.

    Unexpected errors are masked ("Unexpected error.", no stack trace); Rapport's own errors keep
    their message, ``code`` and ``hint``.
    """
    s = settings or Settings()
    # The depth and alias rules (QueryDepthLimiter and MaxAliasesLimiter) are built once: the
    # validation cache is keyed by the rules, and those extensions make new ones per request.
    rules: list[type[ASTValidationRule]] = [
        depth_rule(s.api_max_depth, None),
        alias_rule(s.api_max_aliases),
    ]
    # Factories: a fresh extension per request.
    extensions: list[Any] = [
        lambda: AddValidationRules(rules),
        lambda: MaxTokensLimiter(max_token_count=s.api_max_tokens),
        TypedErrors,
        # Frontends send the same few documents again and again: parse and validate each once.
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
    ]
    if not s.api_introspection:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(
        query=Query, mutation=Mutation, subscription=Subscription, extensions=extensions
    )


schema = build_schema()
