"""References between the domains' types, resolved lazily, and the loaders behind them.

A type that points at a customer, employee or product (an alert's customer, a purchase line's
product) names it through these lazy references, so the domain modules do not import each other
in a cycle; the object is read through the request's DataLoader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import AnyInfo

if TYPE_CHECKING:
    from api.graphql.customers import Customer
    from api.graphql.employees import Employee
    from api.graphql.products import Product

CustomerRef = Annotated["Customer", strawberry.lazy("api.graphql.customers")]
EmployeeRef = Annotated["Employee", strawberry.lazy("api.graphql.employees")]
ProductRef = Annotated["Product", strawberry.lazy("api.graphql.products")]


async def load_customer(info: AnyInfo, id: str) -> Customer | None:
    """The customer ``id`` through the request's loader (None if there is none)."""
    from api.graphql.customers import Customer

    found = await info.context.loaders.customer.load(id)
    return Customer.of(found) if found else None


async def load_employee(info: AnyInfo, id: str) -> Employee | None:
    """The employee ``id`` through the request's loader (None if there is none)."""
    from api.graphql.employees import Employee

    found = await info.context.loaders.employee.load(id)
    return Employee.of(found) if found else None


async def load_product(info: AnyInfo, id: str) -> Product | None:
    """The product ``id`` through the request's loader (None if there is none)."""
    from api.graphql.products import Product

    found = await info.context.loaders.product.load(id)
    return Product.of(found) if found else None


async def customer_of(info: AnyInfo, id: strawberry.ID | None) -> CustomerRef | None:
    """The customer an answer names by id (None when it names none)."""
    return await load_customer(info, str(id)) if id else None


async def employee_of(info: AnyInfo, id: strawberry.ID | None) -> EmployeeRef | None:
    """The employee an answer names by id (None when it names none)."""
    return await load_employee(info, str(id)) if id else None


async def product_of(info: AnyInfo, id: strawberry.ID | None) -> ProductRef | None:
    """The product an answer names by id (None when it names none)."""
    return await load_product(info, str(id)) if id else None
