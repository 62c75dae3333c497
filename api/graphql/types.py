"""GraphQL types: views of the graph's records and of the analytics' answers."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import AnyInfo
from graph.analytics import recommend, sentiment_trend
from graph.answers import alert_queue, customers

if TYPE_CHECKING:
    from api.graphql.nodes import Customer, Employee, Product

# The node types read these answers' ids through the request's loaders (module cycle: lazy).
CustomerRef = Annotated["Customer", strawberry.lazy("api.graphql.nodes")]
EmployeeRef = Annotated["Employee", strawberry.lazy("api.graphql.nodes")]
ProductRef = Annotated["Product", strawberry.lazy("api.graphql.nodes")]


async def _customer(info: AnyInfo, id: strawberry.ID | None) -> CustomerRef | None:
    from api.graphql.nodes import load_customer

    return await load_customer(info, str(id)) if id else None


async def _employee(info: AnyInfo, id: strawberry.ID | None) -> EmployeeRef | None:
    from api.graphql.nodes import load_employee

    return await load_employee(info, str(id)) if id else None


async def _product(info: AnyInfo, id: strawberry.ID | None) -> ProductRef | None:
    from api.graphql.nodes import load_product

    return await load_product(info, str(id)) if id else None


@strawberry.type(description="One part of a warmth score (a channel, the bonus, sales).")
class BreakdownItem:
    part: str
    value: float


@strawberry.type(description="An employee's warmth with a customer (0-100) and why.")
class EmployeeWarmth:
    employee_id: strawberry.ID
    name: str | None
    score: float
    interactions: int
    sales: int
    last_contact_at: datetime | None
    breakdown: list[BreakdownItem]

    @strawberry.field(description="The employee.")
    async def employee(self, info: AnyInfo) -> EmployeeRef | None:
        return await _employee(info, self.employee_id)

    @classmethod
    def of(cls, w: customers.EmployeeWarmth) -> EmployeeWarmth:
        """From the question's answer."""
        return cls(
            employee_id=strawberry.ID(w.employee), name=w.name, score=w.warmth,
            interactions=w.interactions, sales=w.sales, last_contact_at=w.last_contact_at,
            breakdown=[BreakdownItem(part=k, value=v) for k, v in w.breakdown.items()],
        )  # fmt: skip


@strawberry.type(description="Why a product is recommended.")
class Reason:
    kind: str
    product_id: strawberry.ID | None
    person_id: strawberry.ID | None
    topic: str | None
    weight: float
    text: str


@strawberry.type(description="A product for a customer, its score and its reasons.")
class Recommendation:
    product_id: strawberry.ID
    score: float
    reasons: list[Reason]

    @strawberry.field(description="The product recommended.")
    async def product(self, info: AnyInfo) -> ProductRef | None:
        return await _product(info, self.product_id)

    @classmethod
    def of(cls, r: recommend.Recommendation) -> Recommendation:
        """From the analytics' answer."""
        return cls(
            product_id=strawberry.ID(r.product),
            score=r.score,
            reasons=[
                Reason(
                    kind=x.kind,
                    product_id=strawberry.ID(x.product) if x.product else None,
                    person_id=strawberry.ID(x.person) if x.person else None,
                    topic=x.topic,
                    weight=x.weight,
                    text=x.text,
                )
                for x in r.reasons
            ],
        )


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


@strawberry.type(description="A customer in a ranking; score is what the ranking is by.")
class RankedCustomer:
    customer_id: strawberry.ID
    name: str | None
    score: float
    rank: int | None

    @strawberry.field(description="The customer.")
    async def customer(self, info: AnyInfo) -> CustomerRef | None:
        return await _customer(info, self.customer_id)


@strawberry.type(description="Campaign seeds and the spread they are expected to reach.")
class CampaignSeeds:
    customer_ids: list[strawberry.ID]
    expected_spread: float


@strawberry.type(description="A damage-control alert on a negative post about us.")
class Alert:
    id: strawberry.ID
    kind: str | None
    severity: float | None
    status: str | None
    raised_at: datetime | None
    due_by: datetime | None
    overdue: bool
    team: str | None
    reasons: list[str]
    responded_at: datetime | None
    response_minutes: float | None
    post_id: strawberry.ID | None
    text: str | None
    customer_id: strawberry.ID | None
    customer_name: str | None
    assignee_id: strawberry.ID | None
    assignee_name: str | None
    resolution: str | None

    @strawberry.field(description="The author of the post, when they are a known customer.")
    async def customer(self, info: AnyInfo) -> CustomerRef | None:
        return await _customer(info, self.customer_id)

    @strawberry.field(description="The employee the alert is assigned to.")
    async def assignee(self, info: AnyInfo) -> EmployeeRef | None:
        return await _employee(info, self.assignee_id)

    @classmethod
    def of(cls, a: alert_queue.AlertView) -> Alert:
        """From the stored alert."""
        return cls(
            id=strawberry.ID(a.id), kind=a.kind, severity=a.severity, status=a.status,
            raised_at=a.raised_at, due_by=a.due_by, overdue=a.overdue(), team=a.team,
            reasons=list(a.reasons), responded_at=a.responded_at,
            response_minutes=a.response_minutes,
            post_id=strawberry.ID(a.post) if a.post else None, text=a.text,
            customer_id=strawberry.ID(a.customer) if a.customer else None,
            customer_name=a.customer_name,
            assignee_id=strawberry.ID(a.assignee) if a.assignee else None,
            assignee_name=a.assignee_name, resolution=a.resolution,
        )  # fmt: skip


@strawberry.type(description="What ingesting a post wrote, and the alert it raised, if any.")
class IngestedPost:
    post_id: strawberry.ID
    sentiment: float | None
    sentiment_label: str | None
    intent: str | None
    category: str | None
    alert: Alert | None


@strawberry.input(description="A post to ingest now.")
class PostInput:
    handle: str
    text: str
    platform: str = "twitter"
    post_id: str | None = None
    at: datetime | None = None
    in_reply_to: strawberry.ID | None = None
    followers: int | None = None


@strawberry.type(description="How often one kind of evidence supports an influence edge.")
class EvidenceCount:
    kind: str
    count: int


@strawberry.type(description="A dated fact behind a score (post, purchase, referral, follow).")
class EvidenceItem:
    kind: str
    at: datetime | None
    ref: str
    text: str | None
    weight: float


@strawberry.type(description="A product bought with another: how often and how far above chance.")
class RelatedProduct:
    product_id: strawberry.ID
    count: int
    support: float
    confidence: float
    lift: float

    @strawberry.field(description="The other product.")
    async def product(self, info: AnyInfo) -> ProductRef | None:
        return await _product(info, self.product_id)

    @strawberry.field(description="The other product's name.")
    async def name(self, info: AnyInfo) -> str | None:
        found = await _product(info, self.product_id)
        return found.name if found else None


@strawberry.type(description="One of an employee's customers and how warm they are (0-100).")
class CustomerWarmth:
    customer_id: strawberry.ID
    name: str | None
    warmth: float
    interactions: int
    sales: int
    last_contact_at: datetime | None

    @strawberry.field(description="The customer.")
    async def customer(self, info: AnyInfo) -> CustomerRef | None:
        return await _customer(info, self.customer_id)


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
    status: str | None
    severity: float | None
    raised_at: datetime | None
    text: str | None


@strawberry.type(description="How one stage of an analysis went.")
class StageResult:
    name: str
    seconds: float
    written: int
    removed: int


@strawberry.type(description="What a mutation wrote: created and updated records.")
class WriteResult:
    ids: list[strawberry.ID]
    created: int
    updated: int
