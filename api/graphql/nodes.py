"""The graph's main nodes as GraphQL types: Customer, Employee, Product and influence links.

Every field that reads related data asks the request's loaders (:mod:`api.graphql.loaders`), so
a page of customers costs one read per field, not one per customer. Growing lists (purchases,
posts, interactions, the timeline, an employee's customers) are connections.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

import strawberry

from api.graphql.connections import Connection, connection
from api.graphql.context import AnyInfo, off_loop, page_limit, repo, typed_errors
from api.graphql.history import (
    Interaction,
    InteractionFilter,
    Post,
    PostFilter,
    Purchase,
    SocialAccount,
    TimeFilter,
    TimelineEvent,
    TimelineFilter,
    TimeOrder,
)
from api.graphql.types import (
    CustomerWarmth,
    EmployeeWarmth,
    EvidenceCount,
    EvidenceItem,
    Recommendation,
    RelatedProduct,
    WeekSentiment,
)
from graph.answers import customers, explain, influencers, timeline
from graph.answers.customers import CustomerProfile
from graph.answers.handoff import EmployeeView
from graph.answers.paging import check_first, page_of
from graph.answers.products import ProductView


async def load_customer(info: AnyInfo, id: str) -> Customer | None:
    """The customer ``id`` through the request's loader (None if there is none)."""
    found = await info.context.loaders.customer.load(id)
    return Customer.of(found) if found else None


async def load_employee(info: AnyInfo, id: str) -> Employee | None:
    """The employee ``id`` through the request's loader (None if there is none)."""
    found = await info.context.loaders.employee.load(id)
    return Employee.of(found) if found else None


async def load_product(info: AnyInfo, id: str) -> Product | None:
    """The product ``id`` through the request's loader (None if there is none)."""
    found = await info.context.loaders.product.load(id)
    return Product.of(found) if found else None


def _short(info: AnyInfo, first: int) -> int:
    check_first(first, page_limit(info))
    return first


@strawberry.type(description="An influence edge seen from one customer, with its evidence.")
class InfluenceLink:
    customer_id: strawberry.ID
    name: str | None
    weight: float
    evidence: list[EvidenceCount]
    influencer_id: strawberry.Private[str]
    influenced_id: strawberry.Private[str]

    @strawberry.field(description="The other customer.")
    async def customer(self, info: AnyInfo) -> Customer | None:
        return await load_customer(info, str(self.customer_id))

    @strawberry.field(description="The strongest dated evidence items behind this edge.")
    @typed_errors
    async def top_evidence(self, info: AnyInfo, first: int = 3) -> list[EvidenceItem]:
        found = await off_loop(
            explain.explain_influence, repo(info), self.influencer_id, self.influenced_id,
            first=_short(info, first),
        )  # fmt: skip
        return [
            EvidenceItem(kind=i.kind, at=i.at, ref=i.ref, text=i.text, weight=i.weight)
            for i in found.items
        ]


def links(found: list[influencers.InfluenceLink], me: str, *, inbound: bool) -> list[InfluenceLink]:
    """The GraphQL view of ``me``'s influence links (``inbound``: who influences ``me``)."""
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

    @classmethod
    def of(cls, p: ProductView) -> Product:
        """From the stored product."""
        return cls(
            id=strawberry.ID(p.id), name=p.name, brand=p.brand, category=p.category, price=p.price
        )

    @strawberry.field(description="Products bought with this one (support, confidence, lift).")
    @typed_errors
    async def related_products(self, info: AnyInfo, first: int = 5) -> list[RelatedProduct]:
        rules = await info.context.loaders.related.load(str(self.id))
        return [
            RelatedProduct(
                product_id=strawberry.ID(r.other), count=r.count, support=r.support,
                confidence=r.confidence, lift=r.lift,
            )
            for r in rules[: _short(info, first)]
        ]  # fmt: skip


@strawberry.type(description="An employee and their customers, warmest first.")
class Employee:
    id: strawberry.ID
    name: str | None
    email: str | None
    role: str | None
    team: str | None
    store: str | None

    @classmethod
    def of(cls, e: EmployeeView) -> Employee:
        """From the stored employee."""
        return cls(
            id=strawberry.ID(e.id), name=e.name, email=e.email, role=e.role, team=e.team,
            store=e.store,
        )  # fmt: skip

    @strawberry.field(description="The employee's customers, warmest first.")
    @typed_errors
    async def customers(
        self, info: AnyInfo, first: int = 10, after: str | None = None
    ) -> Connection[CustomerWarmth]:
        found = await info.context.loaders.employee_customers.load(str(self.id))
        page = page_of(found, first, after, page_limit(info))
        return connection(page, lambda c: CustomerWarmth(
            customer_id=strawberry.ID(c.customer), name=c.name, warmth=c.warmth,
            interactions=c.interactions, sales=c.sales, last_contact_at=c.last_contact_at,
        ))  # fmt: skip


def _oldest(order: TimeOrder) -> bool:
    return order is TimeOrder.OLDEST_FIRST


def _bounds(
    f: TimeFilter | PostFilter | InteractionFilter | TimelineFilter | None,
) -> dict[str, datetime | None]:
    return {"since": f.since, "until": f.until} if f else {"since": None, "until": None}


@strawberry.type(description="A customer, their history, their scores, and the answers about them.")
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

    @classmethod
    def of(cls, p: CustomerProfile) -> Customer:
        """From the stored customer."""
        return cls(
            id=strawberry.ID(p.id), name=p.name, email=p.email, city=p.city, tier=p.tier,
            influence=p.influence, influence_rank=p.rank, community=p.community,
            sentiment_avg=p.sentiment_avg,
        )  # fmt: skip

    @strawberry.field(description="The social accounts linked to this customer.")
    async def accounts(self, info: AnyInfo) -> list[SocialAccount]:
        found = await info.context.loaders.accounts.load(str(self.id))
        return [SocialAccount.of(a) for a in sorted(found, key=lambda a: a.id)]

    @strawberry.field(description="The customer's purchases, newest first unless ordered.")
    @typed_errors
    async def purchases(
        self, info: AnyInfo, first: int = 10, after: str | None = None,
        filter: TimeFilter | None = None, order: TimeOrder = TimeOrder.NEWEST_FIRST,
    ) -> Connection[Purchase]:  # fmt: skip
        found = await info.context.loaders.purchases.load(str(self.id))
        kept = timeline.within(
            found, **_bounds(filter), oldest_first=order is TimeOrder.OLDEST_FIRST
        )
        return connection(page_of(kept, first, after, page_limit(info)), Purchase.of)

    @strawberry.field(description="The posts of the customer's accounts, newest first.")
    @typed_errors
    async def posts(
        self, info: AnyInfo, first: int = 10, after: str | None = None,
        filter: PostFilter | None = None, order: TimeOrder = TimeOrder.NEWEST_FIRST,
    ) -> Connection[Post]:  # fmt: skip
        found = await info.context.loaders.posts.load(str(self.id))
        if filter is not None:
            found = [
                p for p in found
                if (filter.platform is None or p.platform == filter.platform)
                and (filter.max_sentiment is None
                     or (p.sentiment is not None and p.sentiment <= filter.max_sentiment))
            ]  # fmt: skip
        kept = timeline.within(
            found, **_bounds(filter), oldest_first=order is TimeOrder.OLDEST_FIRST
        )
        return connection(page_of(kept, first, after, page_limit(info)), Post.of)

    @strawberry.field(description="The customer's contacts with employees, newest first.")
    @typed_errors
    async def interactions(
        self, info: AnyInfo, first: int = 10, after: str | None = None,
        filter: InteractionFilter | None = None, order: TimeOrder = TimeOrder.NEWEST_FIRST,
    ) -> Connection[Interaction]:  # fmt: skip
        found = await info.context.loaders.interactions.load(str(self.id))
        if filter is not None and filter.channel is not None:
            found = [i for i in found if i.channel == filter.channel]
        kept = timeline.within(
            found, **_bounds(filter), oldest_first=order is TimeOrder.OLDEST_FIRST
        )
        return connection(page_of(kept, first, after, page_limit(info)), Interaction.of)

    @strawberry.field(description="Purchases, posts and contacts merged, newest first.")
    @typed_errors
    async def timeline(
        self, info: AnyInfo, first: int = 20, after: str | None = None,
        filter: TimelineFilter | None = None, order: TimeOrder = TimeOrder.NEWEST_FIRST,
    ) -> Connection[TimelineEvent]:  # fmt: skip
        loaders, me = info.context.loaders, str(self.id)
        purchases, posts, interactions = await asyncio.gather(
            loaders.purchases.load(me), loaders.posts.load(me), loaders.interactions.load(me)
        )
        kinds = [k.value for k in filter.kinds] if filter and filter.kinds else timeline.KINDS
        events = timeline.merged(
            purchases, posts, interactions, kinds=kinds, **_bounds(filter),
            oldest_first=_oldest(order),
        )  # fmt: skip
        return connection(page_of(events, first, after, page_limit(info)), TimelineEvent.of)

    @strawberry.field(description="The employees warmest with this customer, warmest first.")
    @typed_errors
    async def warmest_employees(self, info: AnyInfo, first: int = 3) -> list[EmployeeWarmth]:
        found = await info.context.loaders.warmest.load(str(self.id))
        return [EmployeeWarmth.of(w) for w in found[: _short(info, first)]]

    @strawberry.field(description="The best next products for this customer, with reasons.")
    @typed_errors
    async def recommendations(self, info: AnyInfo, first: int = 5) -> list[Recommendation]:
        found = await info.context.loaders.recommendations.load(str(self.id))
        return [Recommendation.of(r) for r in found[: _short(info, first)]]

    @strawberry.field(description="Who influences this customer, strongest first.")
    @typed_errors
    async def influenced_by(self, info: AnyInfo, first: int = 5) -> list[InfluenceLink]:
        found = await info.context.loaders.influencers.load(str(self.id))
        return links(found[: _short(info, first)], str(self.id), inbound=True)

    @strawberry.field(description="Whom this customer influences, strongest first.")
    @typed_errors
    async def influences(self, info: AnyInfo, first: int = 5) -> list[InfluenceLink]:
        found = await info.context.loaders.influenced.load(str(self.id))
        return links(found[: _short(info, first)], str(self.id), inbound=False)

    @strawberry.field(description="Post sentiment per ISO week, the last `weeks` weeks.")
    @typed_errors
    async def sentiment_timeline(self, info: AnyInfo, weeks: int = 12) -> list[WeekSentiment]:
        _short(info, weeks)
        posts = await info.context.loaders.posts.load(str(self.id))
        return [WeekSentiment.of(w) for w in customers.weekly_sentiment_of(posts, weeks=weeks)]
