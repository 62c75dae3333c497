"""The GraphQL schema: the product's questions and the alert actions (first slice of issue 5).

Resolvers are thin: they call ``graph.questions``, ``graph.alerts`` and ``importers.live`` and
wrap the answers in the types of :mod:`api.graphql.types`. A :class:`RapportError` becomes a
GraphQL error whose ``extensions`` carry its stable ``code`` and ``hint`` (never a stack trace).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.fastapi import BaseContext
from strawberry.types import Info

from api.graphql import inputs
from api.graphql.events import Hub
from api.graphql.inputs import (
    CustomerInput,
    EmployeeInput,
    InteractionInput,
    ProductInput,
    PurchaseInput,
)
from api.graphql.types import (
    Alert,
    CampaignSeeds,
    Complaint,
    CustomerWarmth,
    EmployeeWarmth,
    EvidenceCount,
    EvidenceItem,
    IngestedPost,
    Interest,
    PostInput,
    PurchaseLine,
    RankedCustomer,
    Recommendation,
    RelatedProduct,
    StageResult,
    WeekSentiment,
    WriteResult,
)
from api.keys import Forbidden, allows
from graph import alerts, explain, handoff, questions
from graph.analyze import analyze
from graph.errors import ConfigError, RapportError
from graph.incremental import last_run
from graph.model import Node, Record
from graph.repository import Repository
from graph.settings import Settings
from graph.writes import write_atomically
from importers.directory import load_directory
from importers.enrichment import PostEnrichment
from importers.live import LivePost, ingest_post

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class Shared:
    """What all requests share: the repository, and the enrichment pipeline once built."""

    repository: Repository
    enrichment: PostEnrichment | None = None
    alerts: Hub[Alert] = field(default_factory=Hub)


class Context(BaseContext):
    """One request's context: the shared repository and pipeline, and the caller's role."""

    def __init__(self, shared: Shared, role: str = "admin") -> None:
        super().__init__()
        self.shared = shared
        self.role = role

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

    def pipeline(self) -> PostEnrichment:
        """The post enrichment pipeline (built from the catalog on first use)."""
        if self.shared.enrichment is None:
            self.shared.enrichment = PostEnrichment.from_graph(
                self.repository, load_directory(self.repository)
            )
        return self.shared.enrichment


def typed_errors(resolver: Callable[P, R]) -> Callable[P, R]:
    """Turn a RapportError into a GraphQL error with ``extensions.code`` and ``hint``."""

    @wraps(resolver)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return resolver(*args, **kwargs)
        except RapportError as exc:
            raise GraphQLError(
                exc.message, extensions={"code": exc.code, "hint": exc.hint or ""}
            ) from None

    return run


def _repo(info: Info[Context, Any]) -> Repository:
    return info.context.repository


@strawberry.type(description="An influence edge seen from one customer, with its evidence.")
class InfluenceLink:
    customer_id: strawberry.ID
    name: str | None
    weight: float
    evidence: list[EvidenceCount]
    influencer_id: strawberry.Private[str]
    influenced_id: strawberry.Private[str]

    @strawberry.field(description="The strongest dated evidence items behind this edge.")
    @typed_errors
    def top_evidence(self, info: Info[Context, Any], first: int = 3) -> list[EvidenceItem]:
        found = explain.explain_influence(
            _repo(info), self.influencer_id, self.influenced_id, first=first
        )
        return [
            EvidenceItem(kind=i.kind, at=i.at, ref=i.ref, text=i.text, weight=i.weight)
            for i in found.items
        ]


def _links(found: list[questions.InfluenceLink], me: str, *, inbound: bool) -> list[InfluenceLink]:
    return [
        InfluenceLink(
            customer_id=strawberry.ID(link.other),
            name=link.name,
            weight=link.weight,
            evidence=[EvidenceCount(kind=k, count=n) for k, n in link.counts.items() if n],
            influencer_id=link.other if inbound else me,
            influenced_id=me if inbound else link.other,
        )
        for link in found
    ]


@strawberry.type(description="A product and what is bought with it.")
class Product:
    id: strawberry.ID
    name: str | None
    brand: str | None
    category: str | None
    price: float | None

    @strawberry.field(description="Products bought with this one (support, confidence, lift).")
    @typed_errors
    def related_products(self, info: Info[Context, Any], first: int = 5) -> list[RelatedProduct]:
        rules = questions.related_products(_repo(info), str(self.id), first=first)
        names = questions.display_names(_repo(info), [r.other for r in rules])
        return [
            RelatedProduct(
                product_id=strawberry.ID(r.other),
                name=names.get(r.other),
                count=r.count,
                support=r.support,
                confidence=r.confidence,
                lift=r.lift,
            )
            for r in rules
        ]


@strawberry.type(description="An employee and their customers, warmest first.")
class Employee:
    id: strawberry.ID
    name: str | None
    role: str | None
    team: str | None
    store: str | None

    @strawberry.field(description="The employee's customers, warmest first.")
    @typed_errors
    def customers(self, info: Info[Context, Any], first: int = 10) -> list[CustomerWarmth]:
        return [
            CustomerWarmth(
                customer_id=strawberry.ID(c.customer),
                name=c.name,
                warmth=c.warmth,
                interactions=c.interactions,
                sales=c.sales,
                last_contact_at=c.last_contact_at,
            )
            for c in handoff.employee_customers(_repo(info), str(self.id), first=first)
        ]


@strawberry.type(description="A customer, their scores, and the answers about them.")
class Customer:
    id: strawberry.ID
    name: str | None
    email: str | None
    city: str | None
    tier: str | None
    influence: float | None
    influence_rank: int | None
    community: int | None
    sentiment_avg: float | None

    @strawberry.field(description="The employees warmest with this customer, warmest first.")
    @typed_errors
    def warmest_employees(self, info: Info[Context, Any], first: int = 3) -> list[EmployeeWarmth]:
        found = questions.warmest_employees(_repo(info), str(self.id), first=first)
        return [EmployeeWarmth.of(w) for w in found]

    @strawberry.field(description="The best next products for this customer, with reasons.")
    @typed_errors
    def recommendations(self, info: Info[Context, Any], first: int = 5) -> list[Recommendation]:
        found = questions.recommendations(_repo(info), str(self.id), first=first)
        return [Recommendation.of(r) for r in found]

    @strawberry.field(description="Who influences this customer, strongest first.")
    @typed_errors
    def influenced_by(self, info: Info[Context, Any], first: int = 5) -> list[InfluenceLink]:
        found = questions.influence_links(_repo(info), str(self.id), inbound=True, first=first)
        return _links(found, str(self.id), inbound=True)

    @strawberry.field(description="Whom this customer influences, strongest first.")
    @typed_errors
    def influences(self, info: Info[Context, Any], first: int = 5) -> list[InfluenceLink]:
        found = questions.influence_links(_repo(info), str(self.id), inbound=False, first=first)
        return _links(found, str(self.id), inbound=False)

    @strawberry.field(description="Post sentiment per ISO week, the last `weeks` weeks.")
    @typed_errors
    def sentiment_timeline(self, info: Info[Context, Any], weeks: int = 12) -> list[WeekSentiment]:
        found = questions.sentiment_timeline(_repo(info), str(self.id), weeks=weeks)
        return [WeekSentiment.of(w) for w in found]


def _ranked(found: list[questions.Ranked]) -> list[RankedCustomer]:
    return [
        RankedCustomer(
            customer_id=strawberry.ID(r.customer), name=r.name, score=r.score, rank=r.rank
        )
        for r in found
    ]


def _customer(p: questions.CustomerProfile) -> Customer:
    return Customer(
        id=strawberry.ID(p.id), name=p.name, email=p.email, city=p.city, tier=p.tier,
        influence=p.influence, influence_rank=p.rank, community=p.community,
        sentiment_avg=p.sentiment_avg,
    )  # fmt: skip


@strawberry.type(description="A customer on one page, for a colleague taking them over.")
class HandoffBrief:
    customer: Customer
    purchases: list[PurchaseLine]
    interests: list[Interest]
    complaints: list[Complaint]
    trusts: list[EmployeeWarmth]
    influenced_by: list[InfluenceLink]
    influences: list[InfluenceLink]


@strawberry.type
class Query:
    @strawberry.field(description="One customer by id.")
    @typed_errors
    def customer(self, info: Info[Context, Any], id: strawberry.ID) -> Customer:
        return _customer(questions.customer_profile(_repo(info), str(id)))

    @strawberry.field(description="One employee by id.")
    @typed_errors
    def employee(self, info: Info[Context, Any], id: strawberry.ID) -> Employee:
        e = handoff.employee(_repo(info), str(id))
        return Employee(
            id=strawberry.ID(e.id), name=e.name, role=e.role, team=e.team, store=e.store
        )

    @strawberry.field(
        description="What a colleague taking over a customer needs: purchases, interests, "
        "complaints, who they trust, who influences them and whom they influence."
    )
    @typed_errors
    def handoff_brief(
        self, info: Info[Context, Any], customer_id: strawberry.ID, first: int = 5
    ) -> HandoffBrief:
        brief = handoff.handoff_brief(_repo(info), str(customer_id), first=first)
        me = str(customer_id)
        return HandoffBrief(
            customer=_customer(brief.customer),
            purchases=[
                PurchaseLine(at=at, product_id=strawberry.ID(p), name=n)
                for at, p, n in brief.purchases
            ],
            interests=[Interest(topic=t, weight=w) for t, w in brief.interests],
            complaints=[
                Complaint(
                    alert_id=strawberry.ID(c.alert),
                    status=c.status,
                    severity=c.severity,
                    raised_at=c.raised_at,
                    text=c.text,
                )
                for c in brief.complaints
            ],
            trusts=[EmployeeWarmth.of(w) for w in brief.trusts],
            influenced_by=_links(brief.influenced_by, me, inbound=True),
            influences=_links(brief.influences, me, inbound=False),
        )

    @strawberry.field(description="One product by id (SKU).")
    @typed_errors
    def product(self, info: Info[Context, Any], id: strawberry.ID) -> Product:
        p = questions.product(_repo(info), str(id))
        return Product(
            id=strawberry.ID(p.id), name=p.name, brand=p.brand, category=p.category, price=p.price
        )

    @strawberry.field(
        description="Top influencers: overall, who converted most buyers of a product, or who "
        "leads the conversation on a topic."
    )
    @typed_errors
    def influencers(
        self,
        info: Info[Context, Any],
        first: int = 10,
        product_id: strawberry.ID | None = None,
        topic: str | None = None,
    ) -> list[RankedCustomer]:
        repo = _repo(info)
        if product_id is not None:
            return _ranked(questions.product_influencers(repo, str(product_id), first=first))
        if topic is not None:
            return _ranked(questions.topic_influencers(repo, topic, first=first))
        return _ranked(questions.top_influencers(repo, first=first))

    @strawberry.field(description="The strongest chain of influence between two customers.")
    @typed_errors
    def influence_path(
        self, info: Info[Context, Any], from_id: strawberry.ID, to_id: strawberry.ID
    ) -> list[strawberry.ID] | None:
        path = questions.influence_path(_repo(info), str(from_id), str(to_id))
        return None if path is None else [strawberry.ID(c) for c in path]

    @strawberry.field(description="The k customers with the largest expected spread (CELF).")
    @typed_errors
    def campaign_seeds(
        self,
        info: Info[Context, Any],
        k: int = 5,
        product_id: strawberry.ID | None = None,
        topic: str | None = None,
    ) -> CampaignSeeds:
        seeds, spread = questions.campaign_seeds(
            _repo(info), k=k, product=str(product_id) if product_id else None, topic=topic
        )
        return CampaignSeeds(customer_ids=[strawberry.ID(s) for s in seeds], expected_spread=spread)

    @strawberry.field(
        description="Alerts, most severe first (status: open, acknowledged, resolved)."
    )
    @typed_errors
    def alerts(
        self, info: Info[Context, Any], status: str | None = "open", first: int = 20
    ) -> list[Alert]:
        questions.check_first(first)
        return [Alert.of(a) for a in alerts.list_alerts(_repo(info), status=status, first=first)]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Ingest one post now; returns it and the alert it raised.")
    @typed_errors
    def ingest_post(self, info: Info[Context, Any], post: PostInput) -> IngestedPost:
        info.context.require("writer")
        live = LivePost(
            handle=post.handle, text=post.text, platform=post.platform, post_id=post.post_id,
            at=post.at, in_reply_to=str(post.in_reply_to) if post.in_reply_to else None,
            followers=post.followers,
        )  # fmt: skip
        done = ingest_post(info.context.repository, live, enrichment=info.context.pipeline())
        p = done.post
        alert = Alert.of(done.alert) if done.alert else None
        if alert is not None:
            info.context.shared.alerts.publish(alert)
        return IngestedPost(
            post_id=strawberry.ID(p.id), sentiment=p.sentiment, sentiment_label=p.sentiment_label,
            intent=p.intent, category=p.category,
            alert=alert,
        )  # fmt: skip

    @strawberry.mutation(description="Create or update a customer.")
    @typed_errors
    def upsert_customer(self, info: Info[Context, Any], customer: CustomerInput) -> WriteResult:
        return _write(info, customer.records())

    @strawberry.mutation(description="Create or update an employee.")
    @typed_errors
    def upsert_employee(self, info: Info[Context, Any], employee: EmployeeInput) -> WriteResult:
        return _write(info, employee.records())

    @strawberry.mutation(description="Create or update a product (and its category).")
    @typed_errors
    def upsert_product(self, info: Info[Context, Any], product: ProductInput) -> WriteResult:
        return _write(info, product.records())

    @strawberry.mutation(
        description="Record a purchase with its lines; the customer, products and seller must "
        "exist. One transaction: all of it or nothing."
    )
    @typed_errors
    def record_purchase(self, info: Info[Context, Any], purchase: PurchaseInput) -> WriteResult:
        return _write(info, purchase.records())

    @strawberry.mutation(description="Log an interaction between an employee and a customer.")
    @typed_errors
    def log_interaction(
        self, info: Info[Context, Any], interaction: InteractionInput
    ) -> WriteResult:
        return _write(info, interaction.records())

    @strawberry.mutation(description="A customer or employee owns a social account (confirmed).")
    @typed_errors
    def link_account(
        self,
        info: Info[Context, Any],
        owner_id: strawberry.ID,
        handle: str,
        platform: str = "twitter",
        owner_kind: str = "customer",
    ) -> WriteResult:
        return _write(info, inputs.link_records(str(owner_id), owner_kind, platform, handle))

    @strawberry.mutation(description="One social account follows another.")
    @typed_errors
    def follow(
        self, info: Info[Context, Any], follower: str, followed: str, platform: str = "twitter"
    ) -> WriteResult:
        return _write(info, inputs.follow_records(platform, follower, followed))

    @strawberry.mutation(
        description="Recompute the analytics (admin): everything, or incrementally what the "
        "events since the last run touch."
    )
    @typed_errors
    def recompute_analytics(
        self, info: Info[Context, Any], incremental: bool = False
    ) -> list[StageResult]:
        info.context.require("admin")
        repo = _repo(info)
        since = last_run(repo.settings, repo.connection.database) if incremental else None
        if incremental and since is None:
            raise ConfigError(
                "no earlier analysis of this database to continue from",
                hint="run a full recomputeAnalytics first",
            )
        report = analyze(repo, since=since)
        return [
            StageResult(name=st.name, seconds=round(st.seconds, 3), written=st.written,
                        removed=st.removed)
            for st in report.stages
        ]  # fmt: skip

    @strawberry.mutation(description="Someone is on it.")
    @typed_errors
    def acknowledge_alert(self, info: Info[Context, Any], id: strawberry.ID) -> Alert:
        info.context.require("writer")
        return Alert.of(alerts.acknowledge(_repo(info), str(id)))

    @strawberry.mutation(description="Give the alert to an employee.")
    @typed_errors
    def assign_alert(
        self, info: Info[Context, Any], id: strawberry.ID, employee_id: strawberry.ID
    ) -> Alert:
        info.context.require("writer")
        return Alert.of(alerts.assign(_repo(info), str(id), str(employee_id)))

    @strawberry.mutation(description="Resolve the alert, with an optional note on how.")
    @typed_errors
    def resolve_alert(
        self, info: Info[Context, Any], id: strawberry.ID, resolution: str | None = None
    ) -> Alert:
        info.context.require("writer")
        return Alert.of(alerts.resolve(_repo(info), str(id), resolution=resolution))


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Alerts as they are raised by ingestPost, at least minSeverity severe."
    )
    async def alert_raised(
        self, info: Info[Context, Any], min_severity: float = 0.0
    ) -> AsyncGenerator[Alert, None]:
        hub = info.context.shared.alerts
        queue = hub.subscribe()
        try:
            while True:
                alert = await queue.get()
                if (alert.severity or 0.0) >= min_severity:
                    yield alert
        finally:
            hub.unsubscribe(queue)


def _write(info: Info[Context, Any], records: list[Record]) -> WriteResult:
    """Write one mutation's records in one transaction (writer role)."""
    info.context.require("writer")
    summary = write_atomically(_repo(info), records)
    ids = [strawberry.ID(r.id) for r in records if isinstance(r, Node)]
    return WriteResult(ids=ids, created=summary.created, updated=summary.updated)


def _unexpected(error: GraphQLError) -> bool:
    """Mask every error that is not one of ours (no code) and not a query error (no path)."""
    extensions = error.extensions or {}
    return "code" not in extensions and error.original_error is not None


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema with the limits of ``settings``: query depth, aliases, tokens, introspection.

    Unexpected errors are masked ("Unexpected error.", no stack trace); Rapport's own errors keep
    their message, ``code`` and ``hint``.
    """
    s = settings or Settings()
    # Factories: a fresh extension per request.
    extensions: list[Any] = [
        lambda: QueryDepthLimiter(max_depth=s.api_max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=s.api_max_aliases),
        lambda: MaxTokensLimiter(max_token_count=s.api_max_tokens),
        lambda: MaskErrors(should_mask_error=_unexpected),
    ]
    if not s.api_introspection:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(
        query=Query, mutation=Mutation, subscription=Subscription, extensions=extensions
    )


schema = build_schema()
