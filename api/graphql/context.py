"""What every resolver gets: the shared repository, the caller's role, this request's loaders.

Resolvers are ``async``; everything that talks to the database runs in a worker thread
(:func:`off_loop`), so one slow query never holds up the other requests and the alert
subscriptions served by the same event loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from strawberry.fastapi import BaseContext
from strawberry.types import Info

from api.auth.keys import Forbidden, KeyStore, allows
from api.graphql.events import AlertEvent, GraphEvent, Hub
from api.graphql.health import DatabaseHealth
from api.graphql.loaders import Loaders
from graph.settings import Settings
from graph.store.repository import Repository

if TYPE_CHECKING:  # the enrichment stack (spaCy, VADER) is imported when a write first needs it
    from importers.run.enrichment import PostEnrichment

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class Shared:
    """What all requests share: the repository, the database's health, the key store, and the
    enrichment pipeline once built."""

    repository: Repository
    keys: KeyStore | None = None
    enrichment: PostEnrichment | None = None
    alerts: Hub[AlertEvent] = field(default_factory=Hub)
    events: Hub[GraphEvent] = field(default_factory=Hub)  # what analyses found, for webhooks
    health: DatabaseHealth = field(init=False)

    def __post_init__(self) -> None:
        self.health = DatabaseHealth(self.repository, self.repository.settings)
        self.repository.on_unavailable = self.health.unavailable


class Context(BaseContext):
    """One request's context: the shared repository and pipeline, the caller's role and key,
    loaders."""

    def __init__(
        self,
        shared: Shared,
        role: str = "admin",
        key_id: str | None = None,
        *,
        awaiting_key: bool = False,
    ) -> None:
        super().__init__()
        self.shared = shared
        self.role = role
        self.key_id = key_id
        # A browser WebSocket cannot send headers: its key comes in connection_init.
        self.awaiting_key = awaiting_key

    def key_is_valid(self) -> bool:
        """Whether the caller's key still exists (a revoked key ends its subscriptions)."""
        keys = self.shared.keys
        return self.key_id is None or keys is None or keys.is_valid(self.key_id)

    def require(self, needed: str) -> None:
        """:class:`Forbidden` unless the caller's role allows ``needed``."""
        if not allows(self.role, needed):
            raise Forbidden(
                f"a {self.role} key cannot do this: it needs {needed}",
                hint=f"use a key created with `rapport keys create --role {needed}`",
            )

    @property
    def repository(self) -> Repository:
        """The repository every resolver reads and writes through."""
        return self.shared.repository

    @property
    def settings(self) -> Settings:
        """The settings the app runs with."""
        return self.shared.repository.settings

    @cached_property
    def loaders(self) -> Loaders:
        """This request's DataLoaders (created on first use, gone with the request)."""
        return Loaders(self.repository)

    def pipeline(self) -> PostEnrichment:
        """The post enrichment pipeline (built from the catalog on first use)."""
        if self.shared.enrichment is None:
            # Imported here, not at start: a server that only reads never loads spaCy (a
            # third of its start-up and of the objects the garbage collector walks).
            from importers.directory import load_directory
            from importers.run.enrichment import PostEnrichment

            self.shared.enrichment = PostEnrichment.from_graph(
                self.repository, load_directory(self.repository, customers=False)
            )
        return self.shared.enrichment


AnyInfo = Info[Context, Any]


def repo(info: AnyInfo) -> Repository:
    """The request's repository."""
    return info.context.repository


def page_limit(info: AnyInfo) -> int:
    """The most items one list field may return (``RAPPORT_API_MAX_PAGE``)."""
    return int(info.context.settings.api_max_page)
