"""What a customer did, as GraphQL types: accounts, purchases, posts, interactions, timeline.

Related records (a line's product, who sold or handled it) come through the request's loaders.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import AnyInfo
from graph.answers import activity, timeline

if TYPE_CHECKING:
    from api.graphql.nodes import Employee, Product

EmployeeRef = Annotated["Employee", strawberry.lazy("api.graphql.nodes")]
ProductRef = Annotated["Product", strawberry.lazy("api.graphql.nodes")]


@strawberry.enum(description="Which end of a dated list comes first.")
class TimeOrder(Enum):
    NEWEST_FIRST = "newest"
    OLDEST_FIRST = "oldest"


@strawberry.enum(description="The kinds of event in a customer's timeline.")
class EventKind(Enum):
    PURCHASE = "purchase"
    POST = "post"
    INTERACTION = "interaction"


@strawberry.input(description="Only what happened in [since, until).")
class TimeFilter:
    since: datetime | None = None
    until: datetime | None = None


@strawberry.input(description="Which posts: in [since, until), of a platform, by sentiment.")
class PostFilter:
    since: datetime | None = None
    until: datetime | None = None
    platform: str | None = None
    max_sentiment: float | None = strawberry.field(
        default=None, description="Only posts at most this positive (-1..1): complaints."
    )


@strawberry.input(description="Which interactions: in [since, until), on a channel.")
class InteractionFilter:
    since: datetime | None = None
    until: datetime | None = None
    channel: str | None = None


@strawberry.input(description="Which timeline events: in [since, until), of these kinds.")
class TimelineFilter:
    since: datetime | None = None
    until: datetime | None = None
    kinds: list[EventKind] | None = None


@strawberry.type(description="A social account of a customer, and how it was linked to them.")
class SocialAccount:
    id: strawberry.ID
    platform: str | None
    handle: str | None
    display_name: str | None
    followers: int | None
    is_brand: bool
    confidence: float | None
    method: str | None

    @classmethod
    def of(cls, a: activity.AccountView) -> SocialAccount:
        """From the stored account."""
        return cls(
            id=strawberry.ID(a.id), platform=a.platform, handle=a.handle,
            display_name=a.display_name, followers=a.followers, is_brand=a.is_brand,
            confidence=a.confidence, method=a.method,
        )  # fmt: skip


@strawberry.type(description="A line of a purchase: the product, how many, at what price.")
class PurchaseItem:
    product_id: strawberry.ID
    quantity: int
    unit_price: float | None

    @strawberry.field(description="The product bought.")
    async def product(self, info: AnyInfo) -> ProductRef | None:
        from api.graphql.nodes import load_product

        return await load_product(info, str(self.product_id))


@strawberry.type(description="A purchase of the customer.")
class Purchase:
    id: strawberry.ID
    at: datetime | None
    total: float | None
    currency: str | None
    channel: str | None
    store: str | None
    seller_id: strawberry.ID | None

    @classmethod
    def of(cls, p: activity.PurchaseView) -> Purchase:
        """From the stored purchase."""
        return cls(
            id=strawberry.ID(p.id), at=p.at, total=p.total, currency=p.currency,
            channel=p.channel, store=p.store,
            seller_id=strawberry.ID(p.seller) if p.seller else None,
        )  # fmt: skip

    @strawberry.field(description="What was bought.")
    async def lines(self, info: AnyInfo) -> list[PurchaseItem]:
        found = await info.context.loaders.lines.load(str(self.id))
        return [
            PurchaseItem(product_id=strawberry.ID(x.product), quantity=x.quantity,
                         unit_price=x.unit_price)
            for x in sorted(found, key=lambda x: x.product)
        ]  # fmt: skip

    @strawberry.field(description="The employee who sold it, if one did.")
    async def sold_by(self, info: AnyInfo) -> EmployeeRef | None:
        from api.graphql.nodes import load_employee

        return await load_employee(info, str(self.seller_id)) if self.seller_id else None


@strawberry.type(description="A post of one of the customer's accounts, with its enrichment.")
class Post:
    id: strawberry.ID
    account_id: strawberry.ID
    platform: str | None
    text: str | None
    at: datetime | None
    url: str | None
    likes: int | None
    shares: int | None
    sentiment: float | None
    sentiment_label: str | None
    intent: str | None
    category: str | None

    @classmethod
    def of(cls, p: activity.PostView) -> Post:
        """From the stored post."""
        return cls(
            id=strawberry.ID(p.id), account_id=strawberry.ID(p.account), platform=p.platform,
            text=p.text, at=p.at, url=p.url, likes=p.likes, shares=p.shares,
            sentiment=p.sentiment, sentiment_label=p.sentiment_label, intent=p.intent,
            category=p.category,
        )  # fmt: skip


@strawberry.type(description="A contact between the customer and an employee.")
class Interaction:
    id: strawberry.ID
    channel: str | None
    at: datetime | None
    direction: str | None
    subject: str | None
    sentiment: float | None
    employee_id: strawberry.ID | None

    @classmethod
    def of(cls, i: activity.InteractionView) -> Interaction:
        """From the stored interaction."""
        return cls(
            id=strawberry.ID(i.id), channel=i.channel, at=i.at, direction=i.direction,
            subject=i.subject, sentiment=i.sentiment,
            employee_id=strawberry.ID(i.employee) if i.employee else None,
        )  # fmt: skip

    @strawberry.field(description="The employee who handled it.")
    async def employee(self, info: AnyInfo) -> EmployeeRef | None:
        from api.graphql.nodes import load_employee

        return await load_employee(info, str(self.employee_id)) if self.employee_id else None


@strawberry.type(description="One event of a customer's timeline: a purchase, post or contact.")
class TimelineEvent:
    kind: EventKind
    id: strawberry.ID
    at: datetime | None
    summary: str
    sentiment: float | None

    @classmethod
    def of(cls, e: timeline.Event) -> TimelineEvent:
        """From the merged timeline."""
        return cls(
            kind=EventKind(e.kind), id=strawberry.ID(e.id), at=e.at, summary=e.summary,
            sentiment=e.sentiment,
        )  # fmt: skip
