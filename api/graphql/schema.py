"""The GraphQL schema: queries, mutations and the alert subscription, with the safety limits.

Resolvers are thin (:mod:`api.graphql.queries`, :mod:`api.graphql.mutations`,
:mod:`api.graphql.nodes`): they call ``graph.*`` and wrap the answers in GraphQL types. A
:class:`RapportError` becomes a GraphQL error whose ``extensions`` carry its stable ``code`` and
``hint``; anything else is masked ("Unexpected error.") and logged in full on the server.
"""

from __future__ import annotations

import logging
from typing import Any

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule

from api.graphql.context import Context, Shared
from api.graphql.mutations import Mutation, Subscription
from api.graphql.queries import Query
from graph.settings import Settings

__all__ = ["Context", "Shared", "build_schema", "schema"]

log = logging.getLogger(__name__)


def _unexpected(error: GraphQLError) -> bool:
    """Mask every error that is not one of ours (no code) and not a query error (no original)."""
    extensions = error.extensions or {}
    masked = "code" not in extensions and error.original_error is not None
    if masked:
        log.error("unexpected error in %s", error.path, exc_info=error.original_error)
    return masked


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
        lambda: MaskErrors(should_mask_error=_unexpected),
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
