"""Employees: the employee type, warmth with customers, search and upserts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from api.graphql.common import (
    SOURCE,
    WritePayload,
    counts,
    required_id,
    search_counter,
    search_page,
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
from api.graphql.context import AnyInfo, page_limit
from api.graphql.nodes import Node, key_field, key_of
from api.graphql.refs import CustomerRef, EmployeeRef, customer_of, employee_of, load_employee
from graph import model
from graph.answers import customers
from graph.answers import search as listing
from graph.answers.handoff import EmployeeView
from graph.answers.paging import page_of, window
from graph.errors import NotFound
from graph.model import Record


@strawberry.type(description="An employee and their customers, warmest first.")
class Employee(Node):
    id: strawberry.ID = key_field("e0007")
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
    async def customers(
        self, info: AnyInfo, direction: Direction = None, first: First = None,
        after: After = None, last: Last = None, before: Before = None,
    ) -> Connection[CustomerWarmth]:  # fmt: skip
        found = await info.context.loaders.employee_customers.load(str(self.id))
        sign = -1.0 if descending(direction, natural=True) else 1.0
        page = page_of(found, key=lambda c: (sign * c.warmth, c.customer), first=first,
                       after=after, last=last, before=before, most=page_limit(info))  # fmt: skip
        return connection(page, lambda c: CustomerWarmth(
            customer_id=strawberry.ID(c.customer), name=c.name, warmth=c.warmth,
            interactions=c.interactions, sales=c.sales, last_contact_at=c.last_contact_at,
        ), len(found))  # fmt: skip


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
        return await employee_of(info, self.employee_id)

    @classmethod
    def of(cls, w: customers.EmployeeWarmth) -> EmployeeWarmth:
        """From the question's answer."""
        return cls(
            employee_id=strawberry.ID(w.employee), name=w.name, score=w.warmth,
            interactions=w.interactions, sales=w.sales, last_contact_at=w.last_contact_at,
            breakdown=[BreakdownItem(part=k, value=v) for k, v in w.breakdown.items()],
        )  # fmt: skip


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
        return await customer_of(info, self.customer_id)


@strawberry.input(description="Which employees: every filter given must hold.")
class EmployeeFilter:
    team: str | None = None
    store: str | None = None


@strawberry.input(description="An employee to create or update.")
class EmployeeInput:
    id: strawberry.ID
    name: str | None = None
    email: str | None = None
    role: str | None = None
    team: str | None = None
    store: str | None = None

    def records(self) -> list[Record]:
        """The employee node."""
        return [
            model.Employee(
                id=required_id("id", self.id),
                name=self.name,
                email=self.email,
                role=self.role,
                team=self.team,
                store=self.store,
                source=SOURCE,
            )
        ]


@strawberry.type(description="What upsertEmployee did.")
class UpsertEmployeePayload(WritePayload):
    employee: Employee | None = strawberry.field(
        description="The employee as stored now (null when the input was refused)."
    )


@strawberry.type(name="Query")
class EmployeeQuery:
    @strawberry.field(description="One employee by id.")
    async def employee(
        self, info: AnyInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global id or key.")],
    ) -> Employee | None:  # fmt: skip
        key = key_of(id, "Employee")
        found = await load_employee(info, key)
        if found is None:
            raise NotFound(f"no employee {key!r}", hint="give the id or key of an employee")
        return found

    @strawberry.field(description="Employees found by text (name, e-mail) and filters, by name.")
    async def employees(
        self, info: AnyInfo, search: str | None = None, filter: EmployeeFilter | None = None,
        direction: Direction = None, first: First = None, after: After = None,
        last: Last = None, before: Before = None,
    ) -> Connection[Employee]:  # fmt: skip
        f = filter or EmployeeFilter()
        where = listing.EmployeeFilter(team=f.team, store=f.store)
        w = window(first, after, last, before, page_limit(info),
                   descending=descending(direction, natural=False))  # fmt: skip
        page = await search_page(info, where, search, "name", w, EmployeeView.KEYS)
        return connection(page, lambda r: Employee.of(EmployeeView.of(*r)),
                          search_counter(info, where, search))  # fmt: skip


@strawberry.type(name="Mutation")
class EmployeeMutation:
    @strawberry.mutation(description="Create or update an employee.")
    async def upsert_employee(
        self, info: AnyInfo, employee: EmployeeInput
    ) -> UpsertEmployeePayload:
        done = await write(info, employee.records)
        found = await load_employee(info, done.value.ids[0]) if done.value else None
        return UpsertEmployeePayload(employee=found, **counts(done))
