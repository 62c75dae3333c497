"""The Query type: one customer, employee or product; searches; rankings; alerts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum

import strawberry

from api.graphql.connections import Connection, db_connection
from api.graphql.context import AnyInfo, off_loop, page_limit, repo, typed_errors
from api.graphql.nodes import (
    Customer,
    Employee,
    InfluenceLink,
    Product,
    links,
    load_customer,
    load_employee,
    load_product,
)
from api.graphql.types import (
    Alert,
    CampaignSeeds,
    Complaint,
    EmployeeWarmth,
    Interest,
    PurchaseLine,
    RankedCustomer,
)
from graph.answers import alert_queue, handoff, influencers
from graph.answers import search as listing
from graph.answers.common import CUSTOMER_HINT
from graph.answers.customers import CustomerProfile
from graph.answers.handoff import EmployeeView
from graph.answers.paging import check_first, window
from graph.answers.products import ProductView
from graph.errors import NotFound


@strawberry.enum(description="How to order customers.")
class CustomerOrder(Enum):
    INFLUENCE = "influence"
    NAME = "name"


@strawberry.enum(description="How to order products.")
class ProductOrder(Enum):
    NAME = "name"
    PRICE = "price"


@strawberry.input(description="Which customers: every filter given must hold.")
class CustomerFilter:
    tier: str | None = None
    city: str | None = None
    community: int | None = None


@strawberry.input(description="Which employees: every filter given must hold.")
class EmployeeFilter:
    team: str | None = None
    store: str | None = None


@strawberry.input(description="Which products: every filter given must hold.")
class ProductFilter:
    category: str | None = None
    brand: str | None = None


@strawberry.type(description="A customer on one page, for a colleague taking them over.")
class HandoffBrief:
    customer: Customer
    purchases: list[PurchaseLine]
    interests: list[Interest]
    complaints: list[Complaint]
    trusts: list[EmployeeWarmth]
    influenced_by: list[InfluenceLink]
    influences: list[InfluenceLink]


def _ranked(found: list[influencers.Ranked]) -> list[RankedCustomer]:
    return [
        RankedCustomer(
            customer_id=strawberry.ID(r.customer), name=r.name, score=r.score, rank=r.rank
        )
        for r in found
    ]


async def _search(
    info: AnyInfo, where: listing.Filter, search: str | None, order: str, first: int,
    after: str | None,
) -> tuple[list[tuple[str, dict[str, object]]], int]:  # fmt: skip
    skip, limit = window(first, after, page_limit(info))
    rows = await off_loop(
        listing.find, repo(info), where, search=search, order=order, skip=skip, limit=limit
    )
    return rows, skip


def _counter(
    info: AnyInfo, where: listing.Filter, search: str | None
) -> Callable[[], Awaitable[int]]:
    async def count() -> int:
        return await off_loop(listing.count, repo(info), where, search=search)

    return count


@strawberry.type
class Query:
    @strawberry.field(description="One customer by id.")
    @typed_errors
    async def customer(self, info: AnyInfo, id: strawberry.ID) -> Customer:
        found = await load_customer(info, str(id))
        if found is None:
            raise NotFound(f"no customer {str(id)!r}", hint=CUSTOMER_HINT)
        return found

    @strawberry.field(description="One employee by id.")
    @typed_errors
    async def employee(self, info: AnyInfo, id: strawberry.ID) -> Employee:
        found = await load_employee(info, str(id))
        if found is None:
            raise NotFound(f"no employee {str(id)!r}", hint="give the id of an Employee node")
        return found

    @strawberry.field(description="One product by id (SKU).")
    @typed_errors
    async def product(self, info: AnyInfo, id: strawberry.ID) -> Product:
        found = await load_product(info, str(id))
        if found is None:
            raise NotFound(f"no product {str(id)!r}", hint="products are keyed by SKU")
        return found

    @strawberry.field(
        description="Customers found by text (name, e-mail, handle) and filters, a page at a time."
    )
    @typed_errors
    async def customers(
        self, info: AnyInfo, search: str | None = None, filter: CustomerFilter | None = None,
        order: CustomerOrder = CustomerOrder.INFLUENCE, first: int = 10, after: str | None = None,
    ) -> Connection[Customer]:  # fmt: skip
        f = filter or CustomerFilter()
        where = listing.CustomerFilter(tier=f.tier, city=f.city, community=f.community)
        rows, skip = await _search(info, where, search, order.value, first, after)
        return db_connection(rows, skip, first, lambda r: Customer.of(CustomerProfile.of(*r)),
                             _counter(info, where, search))  # fmt: skip

    @strawberry.field(description="Employees found by text (name, e-mail) and filters, by name.")
    @typed_errors
    async def employees(
        self, info: AnyInfo, search: str | None = None, filter: EmployeeFilter | None = None,
        first: int = 10, after: str | None = None,
    ) -> Connection[Employee]:  # fmt: skip
        f = filter or EmployeeFilter()
        where = listing.EmployeeFilter(team=f.team, store=f.store)
        rows, skip = await _search(info, where, search, "name", first, after)
        return db_connection(rows, skip, first, lambda r: Employee.of(EmployeeView.of(*r)),
                             _counter(info, where, search))  # fmt: skip

    @strawberry.field(description="Products found by text (name, SKU, brand) and filters.")
    @typed_errors
    async def products(
        self, info: AnyInfo, search: str | None = None, filter: ProductFilter | None = None,
        order: ProductOrder = ProductOrder.NAME, first: int = 10, after: str | None = None,
    ) -> Connection[Product]:  # fmt: skip
        f = filter or ProductFilter()
        where = listing.ProductFilter(category=f.category, brand=f.brand)
        rows, skip = await _search(info, where, search, order.value, first, after)
        return db_connection(rows, skip, first, lambda r: Product.of(ProductView.of(*r)),
                             _counter(info, where, search))  # fmt: skip

    @strawberry.field(
        description="What a colleague taking over a customer needs: purchases, interests, "
        "complaints, who they trust, who influences them and whom they influence."
    )
    @typed_errors
    async def handoff_brief(
        self, info: AnyInfo, customer_id: strawberry.ID, first: int = 5
    ) -> HandoffBrief:
        check_first(first, page_limit(info))
        brief = await off_loop(handoff.handoff_brief, repo(info), str(customer_id), first=first)
        me = str(customer_id)
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
                    status=c.status,
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

    @strawberry.field(
        description="Top influencers: overall, who converted most buyers of a product, or who "
        "leads the conversation on a topic."
    )
    @typed_errors
    async def influencers(
        self, info: AnyInfo, first: int = 10, product_id: strawberry.ID | None = None,
        topic: str | None = None,
    ) -> list[RankedCustomer]:  # fmt: skip
        check_first(first, page_limit(info))
        r = repo(info)
        if product_id is not None:
            found = await off_loop(influencers.product_influencers, r, str(product_id), first=first)
        elif topic is not None:
            found = await off_loop(influencers.topic_influencers, r, topic, first=first)
        else:
            found = await off_loop(influencers.top_influencers, r, first=first)
        return _ranked(found)

    @strawberry.field(description="The strongest chain of influence between two customers.")
    @typed_errors
    async def influence_path(
        self, info: AnyInfo, from_id: strawberry.ID, to_id: strawberry.ID
    ) -> list[strawberry.ID] | None:
        path = await off_loop(influencers.influence_path, repo(info), str(from_id), str(to_id))
        return None if path is None else [strawberry.ID(c) for c in path]

    @strawberry.field(description="The k customers with the largest expected spread (CELF).")
    @typed_errors
    async def campaign_seeds(
        self, info: AnyInfo, k: int = 5, product_id: strawberry.ID | None = None,
        topic: str | None = None,
    ) -> CampaignSeeds:  # fmt: skip
        check_first(k, page_limit(info))
        seeds, spread = await off_loop(
            influencers.campaign_seeds, repo(info), k=k,
            product=str(product_id) if product_id else None, topic=topic,
        )  # fmt: skip
        return CampaignSeeds(customer_ids=[strawberry.ID(s) for s in seeds], expected_spread=spread)

    @strawberry.field(
        description="Alerts, most severe first (status: open, acknowledged, resolved; null: all)."
    )
    @typed_errors
    async def alerts(
        self, info: AnyInfo, status: str | None = "open", min_severity: float = 0.0,
        first: int = 20, after: str | None = None,
    ) -> Connection[Alert]:  # fmt: skip
        skip, limit = window(first, after, page_limit(info))
        r = repo(info)
        found = await off_loop(
            alert_queue.list_alerts,
            r,
            status=status,
            min_severity=min_severity,
            first=limit,
            skip=skip,
        )

        async def count() -> int:
            return await off_loop(
                alert_queue.count_alerts, r, status=status, min_severity=min_severity
            )

        return db_connection(found, skip, first, Alert.of, count)
