"""Customers: the customer 360 type, search, the hand-off brief, and upserts.

Every field that reads related data asks the request's loaders (:mod:`api.graphql.loaders`), so
a page of customers costs one read per field, not one per customer. Growing lists (purchases,
posts, interactions, the timeline) are connections.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry

from api.graphql.activity import (
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
    WeekSentiment,
)
from api.graphql.common import (
    SOURCE,
    WritePayload,
    counts,
    from_view,
    nodes_select,
    required_id,
    search_counter,
    search_page,
    short,
    write,
)
from api.graphql.connections import (
    After,
    Before,
    Connection,
    Direction,
    First,
    Last,
    connection,
    descending,
)
from api.graphql.context import AnyInfo, page_limit, repo
from api.graphql.employees import EmployeeWarmth
from api.graphql.enums import AlertStatus, Tier
from api.graphql.nodes import Node, key_field, key_of
from api.graphql.products import Recommendation
from api.graphql.refs import load_customer, read_ahead_customers, root_customer
from api.graphql.social import InfluenceLink, links
from api.graphql.threads import off_loop
from graph import model
from graph.answers import customers, handoff, timeline
from graph.answers import search as listing
from graph.answers.common import CUSTOMER_HINT
from graph.answers.customers import CustomerProfile
from graph.answers.paging import Key, check_first, page_of, window
from graph.errors import NotFound
from graph.model import Record
from graph.vocab import known


def _oldest(order: TimeOrder) -> bool:
    return order is TimeOrder.OLDEST_FIRST


def _dated(order: TimeOrder) -> Callable[[Any], Key]:
    """The sort key of a dated item in ``order`` (undated items last, ties by id)."""
    sign = 1.0 if _oldest(order) else -1.0

    def key(item: Any) -> Key:
        at = item.at
        return (at is None, sign * at.timestamp() if at else 0.0, str(item.id))

    return key


def _bounds(
    f: TimeFilter | PostFilter | InteractionFilter | TimelineFilter | None,
) -> dict[str, datetime | None]:
    return {"since": f.since, "until": f.until} if f else {"since": None, "until": None}


@strawberry.type(description="A customer, their history, their scores, and the answers about them.")
class Customer(Node):
    id: strawberry.ID = key_field("c000042")
    name: str | None
    email: str | None
    city: str | None
    tier: Tier | None
    influence: float | None
    influence_rank: int | None
    community: int | None
    sentiment_avg: float | None
    phone: str | None = strawberry.field(description="E.164 (+33612345678).")
    country: str | None
    accepts_marketing: bool | None = strawberry.field(
        description="Consent to marketing as the source recorded it (null: never asked)."
    )
    email_opt_out: bool | None = strawberry.field(
        description="True: the customer asked to receive no e-mail."
    )
    do_not_call: bool | None = strawberry.field(description="True: do not phone this customer.")

    @classmethod
    def of(cls, p: CustomerProfile) -> Customer:
        """From the stored customer."""
        return from_view(cls, p, influence_rank=p.rank, tier=known(Tier, p.tier))

    @strawberry.field(description="The social accounts linked to this customer.")
    async def accounts(self, info: AnyInfo) -> list[SocialAccount]:
        found = await info.context.loaders.accounts.load(str(self.id))
        return [SocialAccount.of(a) for a in sorted(found, key=lambda a: a.id)]

    @strawberry.field(description="The customer's purchases, newest first unless ordered.")
    async def purchases(
        self, info: AnyInfo, first: First = None, after: After = None, last: Last = None,
        before: Before = None, filter: TimeFilter | None = None,
        order: TimeOrder = TimeOrder.NEWEST_FIRST,
    ) -> Connection[Purchase]:  # fmt: skip
        loaders = info.context.loaders
        read = loaders.purchases_with_lines if nodes_select(info, "lines") else loaders.purchases
        found = await read.load(str(self.id))
        kept = timeline.within(found, **_bounds(filter), oldest_first=_oldest(order))
        page = page_of(kept, key=_dated(order), first=first, after=after, last=last,
                       before=before, most=page_limit(info))  # fmt: skip
        return connection(page, Purchase.of, len(kept))

    @strawberry.field(description="The posts of the customer's accounts, newest first.")
    async def posts(
        self, info: AnyInfo, first: First = None, after: After = None, last: Last = None,
        before: Before = None, filter: PostFilter | None = None,
        order: TimeOrder = TimeOrder.NEWEST_FIRST,
    ) -> Connection[Post]:  # fmt: skip
        found = await info.context.loaders.posts.load(str(self.id))
        if filter is not None:
            found = [
                p for p in found
                if (filter.platform is None or p.platform == filter.platform)
                and (filter.max_sentiment is None
                     or (p.sentiment is not None and p.sentiment <= filter.max_sentiment))
            ]  # fmt: skip
        kept = timeline.within(found, **_bounds(filter), oldest_first=_oldest(order))
        page = page_of(kept, key=_dated(order), first=first, after=after, last=last,
                       before=before, most=page_limit(info))  # fmt: skip
        return connection(page, Post.of, len(kept))

    @strawberry.field(description="The customer's contacts with employees, newest first.")
    async def interactions(
        self, info: AnyInfo, first: First = None, after: After = None, last: Last = None,
        before: Before = None, filter: InteractionFilter | None = None,
        order: TimeOrder = TimeOrder.NEWEST_FIRST,
    ) -> Connection[Interaction]:  # fmt: skip
        found = await info.context.loaders.interactions.load(str(self.id))
        if filter is not None and filter.channel is not None:
            found = [i for i in found if i.channel == filter.channel.value]
        kept = timeline.within(found, **_bounds(filter), oldest_first=_oldest(order))
        page = page_of(kept, key=_dated(order), first=first, after=after, last=last,
                       before=before, most=page_limit(info))  # fmt: skip
        return connection(page, Interaction.of, len(kept))

    @strawberry.field(description="Purchases, posts and contacts merged, newest first.")
    async def timeline(
        self, info: AnyInfo, first: First = None, after: After = None, last: Last = None,
        before: Before = None, filter: TimelineFilter | None = None,
        order: TimeOrder = TimeOrder.NEWEST_FIRST,
    ) -> Connection[TimelineEvent]:  # fmt: skip
        loaders, me = info.context.loaders, str(self.id)
        purchases, posts, interactions = await asyncio.gather(
            loaders.purchases_read().load(me), loaders.posts.load(me), loaders.interactions.load(me)
        )
        kinds = [k.value for k in filter.kinds] if filter and filter.kinds else timeline.KINDS
        events = timeline.merged(
            purchases, posts, interactions, kinds=kinds, **_bounds(filter),
            oldest_first=_oldest(order),
        )  # fmt: skip
        page = page_of(events, key=_dated(order), first=first, after=after, last=last,
                       before=before, most=page_limit(info))  # fmt: skip
        return connection(page, TimelineEvent.of, len(events))

    @strawberry.field(description="The employees warmest with this customer, warmest first.")
    async def warmest_employees(self, info: AnyInfo, first: int = 3) -> list[EmployeeWarmth]:
        found = await info.context.loaders.warmest.load(str(self.id))
        return [EmployeeWarmth.of(w) for w in found[: short(info, first)]]

    @strawberry.field(description="The best next products for this customer, with reasons.")
    async def recommendations(self, info: AnyInfo, first: int = 5) -> list[Recommendation]:
        found = await info.context.loaders.recommendations.load(str(self.id))
        return [Recommendation.of(r) for r in found[: short(info, first)]]

    @strawberry.field(description="Who influences this customer, strongest first.")
    async def influenced_by(self, info: AnyInfo, first: int = 5) -> list[InfluenceLink]:
        found = await info.context.loaders.influencers.load(str(self.id))
        return links(found[: short(info, first)], str(self.id), inbound=True)

    @strawberry.field(description="Whom this customer influences, strongest first.")
    async def influences(self, info: AnyInfo, first: int = 5) -> list[InfluenceLink]:
        found = await info.context.loaders.influenced.load(str(self.id))
        return links(found[: short(info, first)], str(self.id), inbound=False)

    @strawberry.field(description="Post sentiment per ISO week, the last `weeks` weeks.")
    async def sentiment_timeline(self, info: AnyInfo, weeks: int = 12) -> list[WeekSentiment]:
        short(info, weeks)
        posts = await info.context.loaders.posts.load(str(self.id))
        return [WeekSentiment.of(w) for w in customers.weekly_sentiment_of(posts, weeks=weeks)]


@strawberry.enum(description="How to order customers.")
class CustomerOrder(Enum):
    INFLUENCE = "influence"
    NAME = "name"


@strawberry.input(description="Which customers: every filter given must hold.")
class CustomerFilter:
    tier: Tier | None = None
    city: str | None = None
    community: int | None = strawberry.field(default=None, description="A Louvain community.")
    min_sentiment: float | None = strawberry.field(
        default=None, description="Mean post sentiment at least this (-1..1)."
    )
    max_sentiment: float | None = strawberry.field(
        default=None, description="Mean post sentiment at most this (-1..1): unhappy customers."
    )


@strawberry.type(description="A purchase line in a hand-off brief.")
class PurchaseLine:
    at: datetime
    product_id: strawberry.ID
    name: str | None


@strawberry.type(description="A topic a customer cares about, and how much.")
class Interest:
    topic: str
    weight: float


@strawberry.type(description="A complaint of the customer: an alert on one of their posts.")
class Complaint:
    alert_id: strawberry.ID
    status: AlertStatus | None
    severity: float | None
    raised_at: datetime | None
    text: str | None


@strawberry.type(description="A customer on one page, for a colleague taking them over.")
class HandoffBrief:
    customer: Customer
    purchases: list[PurchaseLine]
    interests: list[Interest]
    complaints: list[Complaint]
    trusts: list[EmployeeWarmth]
    influenced_by: list[InfluenceLink]
    influences: list[InfluenceLink]


@strawberry.input(
    description="A customer to create or update (absent fields are left as they are)."
)
class CustomerInput:
    id: strawberry.ID
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    city: str | None = None
    country: str | None = None
    tier: Tier | None = None

    def records(self) -> list[Record]:
        """The customer node."""
        return [
            model.Customer(
                id=required_id("id", self.id),
                name=self.name,
                email=self.email,
                phone=self.phone,
                city=self.city,
                country=self.country,
                tier=None if self.tier is None else self.tier.value,
                source=SOURCE,
            )
        ]


@strawberry.type(description="What upsertCustomer did.")
class UpsertCustomerPayload(WritePayload):
    customer: Customer | None = strawberry.field(
        description="The customer as stored now (null when the input was refused)."
    )


@strawberry.type(name="Query")
class CustomerQuery:
    @strawberry.field(
        description="One customer by id or key (null and a NOT_FOUND error when there is none)."
    )
    async def customer(
        self, info: AnyInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global id or key.")],
    ) -> Customer | None:  # fmt: skip
        key = key_of(id, "Customer")
        found = await root_customer(info, key)
        if found is None:
            raise NotFound(f"no customer {key!r}", hint=CUSTOMER_HINT)
        return found

    @strawberry.field(
        description="Customers found by text (name, e-mail, handle) and filters, a page at a time."
    )
    async def customers(
        self, info: AnyInfo, search: str | None = None, filter: CustomerFilter | None = None,
        order: CustomerOrder = CustomerOrder.INFLUENCE, direction: Direction = None,
        first: First = None, after: After = None, last: Last = None, before: Before = None,
    ) -> Connection[Customer]:  # fmt: skip
        f = filter or CustomerFilter()
        tier = None if f.tier is None else f.tier.value
        where = listing.CustomerFilter(
            tier=tier, city=f.city, community=f.community, min_sentiment=f.min_sentiment,
            max_sentiment=f.max_sentiment,
        )  # fmt: skip
        w = window(first, after, last, before, page_limit(info),
                   descending=descending(direction, listing.DESCENDING[order.value]))  # fmt: skip
        page = await search_page(info, where, search, order.value, w, CustomerProfile.KEYS)
        await read_ahead_customers(info, [id_ for id_, _ in page.items])
        return connection(page, lambda r: Customer.of(CustomerProfile.of(*r)),
                          search_counter(info, where, search))  # fmt: skip

    @strawberry.field(
        description="What a colleague taking over a customer needs: purchases, interests, "
        "complaints, who they trust, who influences them and whom they influence."
    )
    async def handoff_brief(
        self, info: AnyInfo, customer_id: strawberry.ID, first: int = 5
    ) -> HandoffBrief | None:
        check_first(first, page_limit(info))
        me = key_of(customer_id, "Customer", "customerId")
        brief = await off_loop(handoff.handoff_brief, repo(info), me, first=first)
        return HandoffBrief(
            customer=Customer.of(brief.customer),
            purchases=[
                PurchaseLine(at=at, product_id=strawberry.ID(p), name=n)
                for at, p, n in brief.purchases
            ],
            interests=[Interest(topic=t, weight=w) for t, w in brief.interests],
            complaints=[
                Complaint(
                    alert_id=strawberry.ID(c.alert),
                    status=known(AlertStatus, c.status),
                    severity=c.severity,
                    raised_at=c.raised_at,
                    text=c.text,
                )
                for c in brief.complaints
            ],
            trusts=[EmployeeWarmth.of(w) for w in brief.trusts],
            influenced_by=links(brief.influenced_by, me, inbound=True),
            influences=links(brief.influences, me, inbound=False),
        )


@strawberry.type(name="Mutation")
class CustomerMutation:
    @strawberry.mutation(description="Create or update a customer.")
    async def upsert_customer(
        self, info: AnyInfo, customer: CustomerInput
    ) -> UpsertCustomerPayload:
        done = await write(info, customer.records)
        found = await load_customer(info, done.value.ids[0]) if done.value else None
        return UpsertCustomerPayload(customer=found, **counts(done))
