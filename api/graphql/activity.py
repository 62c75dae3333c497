"""What a customer did, as GraphQL types: accounts, purchases, posts, interactions, timeline.

Related records (a line's product, who sold or handled it) come through the request's loaders.
Purchases and interactions are recorded by the mutations here, one transaction each.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from datetime import date, datetime
from enum import Enum

import strawberry

from api.graphql.common import (
    SOURCE,
    WritePayload,
    counts,
    from_view,
    moment,
    required_id,
    stored,
    write,
)
from api.graphql.context import AnyInfo
from api.graphql.enums import Channel, CrmCategory, Direction, Intent, SentimentLabel
from api.graphql.nodes import Node, key_field
from api.graphql.refs import EmployeeRef, ProductRef, employee_of, product_of
from graph import model
from graph.analytics import sentiment_trend
from graph.answers import activity, timeline
from graph.errors import InvalidRecord
from graph.model import Record
from graph.vocab import known


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
    channel: Channel | None = None


@strawberry.input(description="Which timeline events: in [since, until), of these kinds.")
class TimelineFilter:
    since: datetime | None = None
    until: datetime | None = None
    kinds: list[EventKind] | None = None


@strawberry.type(description="A social account of a customer, and how it was linked to them.")
class SocialAccount(Node):
    id: strawberry.ID = key_field("twitter:ann_l")
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
        return from_view(cls, a)


@strawberry.type(description="A line of a purchase: the product, how many, at what price.")
class PurchaseItem:
    product_id: strawberry.ID
    quantity: int
    unit_price: float | None
    name: str | None = strawberry.field(
        description="The product's name (read with the line: no second read for it)."
    )

    @strawberry.field(description="The product bought.")
    async def product(self, info: AnyInfo) -> ProductRef | None:
        return await product_of(info, self.product_id)


@strawberry.type(description="A purchase of the customer.")
class Purchase(Node):
    id: strawberry.ID = key_field("shopify:lyon:#1001")
    at: datetime | None
    total: float | None
    currency: str | None
    channel: str | None
    store: str | None
    seller_id: strawberry.ID | None
    order_name: str | None = strawberry.field(
        description="The shop's own name for the order (#1001), unique within its store."
    )
    financial_status: str | None = strawberry.field(
        description="As the shop reports it: paid, pending, partially_refunded, refunded, voided…"
        " Refunded and voided orders do not count as purchases in the analytics."
    )
    fulfillment_status: str | None
    refunded_amount: float | None
    discount_code: str | None

    @classmethod
    def of(cls, p: activity.PurchaseView) -> Purchase:
        """From the stored purchase."""
        return from_view(cls, p, seller_id=p.seller)

    @strawberry.field(description="What was bought.", graphql_type=list[PurchaseItem])
    def lines(self, info: AnyInfo) -> list[PurchaseItem] | Awaitable[list[PurchaseItem]]:
        # Read with the purchases (the usual case), the lines are answered here and now: no
        # coroutine, no await per purchase of a page.
        read = info.context.loaders.lines_read.get(str(self.id))
        if read is not None:
            return _items(read)
        return self._lines_later(info)

    async def _lines_later(self, info: AnyInfo) -> list[PurchaseItem]:
        return _items(await info.context.loaders.lines.load(str(self.id)))

    @strawberry.field(description="The employee who sold it, if one did.")
    async def sold_by(self, info: AnyInfo) -> EmployeeRef | None:
        return await employee_of(info, self.seller_id) if self.seller_id else None


def _items(lines: list[activity.LineView]) -> list[PurchaseItem]:
    """A purchase's lines as the API shows them, by product id."""
    return [
        PurchaseItem(product_id=strawberry.ID(x.product), quantity=x.quantity,
                     unit_price=x.unit_price, name=x.name)
        for x in sorted(lines, key=lambda x: x.product)
    ]  # fmt: skip


@strawberry.type(description="A post of one of the customer's accounts, with its enrichment.")
class Post(Node):
    id: strawberry.ID = key_field("twitter:1850000000000000000")
    account_id: strawberry.ID
    platform: str | None
    text: str | None
    at: datetime | None
    url: str | None
    likes: int | None
    shares: int | None
    sentiment: float | None
    sentiment_label: SentimentLabel | None
    intent: Intent | None
    category: CrmCategory | None
    lang: str | None = strawberry.field(description="The language the platform detected (BCP 47).")
    stars: float | None = strawberry.field(
        description="A review's rating (1-5); when present it decides sentiment and its label."
    )
    text_sentiment: float | None = strawberry.field(
        description="The words' own sentiment (-1..1), kept beside a rating's."
    )

    @classmethod
    def of(cls, p: activity.PostView) -> Post:
        """From the stored post."""
        return from_view(
            cls, p, account_id=p.account, sentiment_label=known(SentimentLabel, p.sentiment_label),
            intent=known(Intent, p.intent), category=known(CrmCategory, p.category),
        )  # fmt: skip


@strawberry.type(description="A contact between the customer and an employee.")
class Interaction(Node):
    id: strawberry.ID = key_field("int-0042")
    channel: Channel | None
    at: datetime | None
    direction: Direction | None
    subject: str | None
    sentiment: float | None
    employee_id: strawberry.ID | None = strawberry.field(
        description="The employee who handled it (the first by id, when several did)."
    )
    employee_ids: list[strawberry.ID] = strawberry.field(
        description="Everyone who handled it (an e-mail copied to two colleagues)."
    )

    @classmethod
    def of(cls, i: activity.InteractionView) -> Interaction:
        """From the stored interaction."""
        return from_view(cls, i, employee_id=i.employee,
                         employee_ids=[strawberry.ID(e) for e in i.employees],
                         channel=known(Channel, i.channel),
                         direction=known(Direction, i.direction))  # fmt: skip

    @strawberry.field(description="The employee who handled it.")
    async def employee(self, info: AnyInfo) -> EmployeeRef | None:
        return await employee_of(info, self.employee_id) if self.employee_id else None


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
        return from_view(cls, e, kind=EventKind(e.kind))


@strawberry.type(description="A customer's posts in one ISO week (week = its Monday).")
class WeekSentiment:
    week: date
    posts: int
    mean: float
    negative: int
    positive: int

    @classmethod
    def of(cls, w: sentiment_trend.WeekSentiment) -> WeekSentiment:
        """From the analytics' answer."""
        return cls(
            week=w.week, posts=w.posts, mean=w.mean, negative=w.negative, positive=w.positive
        )


@strawberry.input(description="One line of a purchase.")
class LineInput:
    product_id: strawberry.ID
    quantity: int = 1
    unit_price: float | None = None


@strawberry.input(description="A purchase with its lines (the customer and products must exist).")
class PurchaseInput:
    customer_id: strawberry.ID
    lines: list[LineInput]
    id: strawberry.ID | None = None
    at: datetime | None = None
    currency: str = "EUR"
    channel: str | None = None
    store: str | None = None
    employee_id: strawberry.ID | None = None

    def records(self) -> list[Record]:
        """The purchase, who made it, what it contains, who sold it."""
        if not self.lines:
            raise InvalidRecord(
                "lines is empty", hint="a purchase needs at least one line", field="lines"
            )
        purchase = required_id("id", self.id or f"api:{uuid.uuid4().hex[:16]}")
        total = 0.0
        found: list[Record] = []
        for n, line in enumerate(self.lines):
            if line.quantity < 1:
                raise InvalidRecord(f"lines[{n}].quantity must be >= 1", hint="fix the quantity",
                                    field=f"lines[{n}].quantity")  # fmt: skip
            if line.unit_price is not None and line.unit_price < 0:
                raise InvalidRecord(f"lines[{n}].unitPrice is negative", hint="prices are >= 0",
                                    field=f"lines[{n}].unitPrice")  # fmt: skip
            total += line.quantity * (line.unit_price or 0.0)
            found.append(
                model.Contains(
                    start_id=purchase,
                    end_id=required_id(f"lines[{n}].productId", line.product_id),
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    source=SOURCE,
                )
            )
        head: list[Record] = [
            model.Purchase(
                id=purchase,
                at=moment(self.at),
                total=round(total, 2),
                currency=self.currency,
                channel=self.channel,
                store=self.store,
                source=SOURCE,
            ),
        ]
        customer = required_id("customerId", self.customer_id)
        head.append(model.Made(start_id=customer, end_id=purchase, source=SOURCE))
        if self.employee_id:
            employee = required_id("employeeId", self.employee_id)
            head.append(model.Sold(start_id=employee, end_id=purchase, source=SOURCE))
        return head + found


@strawberry.input(description="An interaction between an employee and a customer.")
class InteractionInput:
    customer_id: strawberry.ID
    employee_id: strawberry.ID
    channel: Channel
    id: strawberry.ID | None = None
    at: datetime | None = None
    direction: Direction | None = None
    subject: str | None = None
    sentiment: float | None = None

    def records(self) -> list[Record]:
        """The interaction, the customer who had it and the employee who handled it."""
        if self.sentiment is not None and not -1.0 <= self.sentiment <= 1.0:
            raise InvalidRecord(
                "sentiment must be within -1..1", hint="fix sentiment", field="sentiment"
            )
        interaction = required_id("id", self.id or f"api:{uuid.uuid4().hex[:16]}")
        return [
            model.Interaction(
                id=interaction, channel=self.channel.value, at=moment(self.at),
                direction=None if self.direction is None else self.direction.value,
                subject=self.subject, sentiment=self.sentiment, source=SOURCE,
            ),
            model.Had(start_id=required_id("customerId", self.customer_id), end_id=interaction,
                      source=SOURCE),
            model.Handled(start_id=required_id("employeeId", self.employee_id), end_id=interaction,
                          source=SOURCE),
        ]  # fmt: skip


@strawberry.type(description="What recordPurchase did.")
class RecordPurchasePayload(WritePayload):
    purchase: Purchase | None = strawberry.field(
        description="The purchase as stored (null when the input was refused)."
    )


@strawberry.type(description="What logInteraction did.")
class LogInteractionPayload(WritePayload):
    interaction: Interaction | None = strawberry.field(
        description="The interaction as stored (null when the input was refused)."
    )


@strawberry.type(name="Mutation")
class ActivityMutation:
    @strawberry.mutation(
        description="Record a purchase with its lines; the customer, products and seller must "
        "exist. One transaction: all of it or nothing."
    )
    async def record_purchase(
        self, info: AnyInfo, purchase: PurchaseInput
    ) -> RecordPurchasePayload:
        done = await write(info, purchase.records)
        found = await stored(info, "Purchase", done)
        return RecordPurchasePayload(purchase=found and Purchase.of(found), **counts(done))

    @strawberry.mutation(description="Log an interaction between an employee and a customer.")
    async def log_interaction(
        self, info: AnyInfo, interaction: InteractionInput
    ) -> LogInteractionPayload:
        done = await write(info, interaction.records)
        found = await stored(info, "Interaction", done)
        return LogInteractionPayload(interaction=found and Interaction.of(found), **counts(done))
