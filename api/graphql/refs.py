"""References between the domains' types, resolved lazily, and the loaders behind them.

A type that points at a customer, employee or product (an alert's customer, a purchase line's
product) names it through these lazy references, so the domain modules do not import each other
in a cycle; the object is read through the request's DataLoader.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.common import needs_no_properties, nodes_select, selected_fields
from api.graphql.context import AnyInfo
from graph.answers.customers import CustomerProfile
from graph.answers.products import ProductView

if TYPE_CHECKING:
    from api.graphql.customers import Customer
    from api.graphql.employees import Employee
    from api.graphql.products import Product

CustomerRef = Annotated["Customer", strawberry.lazy("api.graphql.customers")]
EmployeeRef = Annotated["Employee", strawberry.lazy("api.graphql.employees")]
ProductRef = Annotated["Product", strawberry.lazy("api.graphql.products")]


#: The fields of a customer and of a product that read through these loaders, each of which
#: also tells whether the node is in the graph (``Loaders.customers_seen``, ``products_seen``).
_CUSTOMER_RELATIONS = {
    "accounts": ("accounts",), "purchases": ("purchases",), "posts": ("posts",),
    "interactions": ("interactions",), "timeline": ("purchases", "posts", "interactions"),
    "sentimentTimeline": ("posts",), "warmestEmployees": ("warmest",),
}  # fmt: skip
_PRODUCT_RELATIONS = {"relatedProducts": ("related",)}
#: The loaders every field of a customer that reads related data asks (see ``Loaders``).
_CUSTOMER_LOADERS = {
    **_CUSTOMER_RELATIONS, "influencedBy": ("influencers",), "influences": ("influenced",),
    "recommendations": ("recommendations",),
}  # fmt: skip
#: What the purchases and the timeline read when the query asks for the purchases' lines (the
#: timeline reuses the purchases read with them: ``Loaders.purchases_read``).
_WITH_LINES = {
    "purchases": ("purchases_with_lines",),
    "timeline": ("purchases_with_lines", "posts", "interactions"),
}
#: The two ways a connection's query selects on its nodes.
_NODES = (("nodes",), ("edges", "node"))


def _loaders_asked(fields: set[str], *, with_lines: bool) -> set[str]:
    """The loaders the fields ``fields`` of a customer read through."""
    asks = {**_CUSTOMER_LOADERS, **_WITH_LINES} if with_lines else _CUSTOMER_LOADERS
    return {n for field in fields & asks.keys() for n in asks[field]}


async def read_ahead_customers(info: AnyInfo, ids: list[str]) -> None:
    """The reads the nodes of a page of customers (``ids``, in the page's order) select, made
    now for all of them in one statement (see ``Loaders.read_ahead``)."""
    fields: set[str] = set()
    for path in _NODES:
        found = selected_fields(info, path)
        if found is None:
            return
        fields |= found
    lines = any(nodes_select(info, "lines", (*path, "purchases")) for path in _NODES)
    await info.context.loaders.read_ahead(sorted(_loaders_asked(fields, with_lines=lines)), ids)


async def _known_by_relations(
    info: AnyInfo, id: str, relations: Mapping[str, tuple[str, ...]], seen: set[str]
) -> bool | None:
    """Whether node ``id`` is in the graph, told by the reads of the related data the query
    selects on it (kept by the loaders for the fields that show it) when it selects nothing of
    the node itself; None when it does (then the node must be read).

    This saves a root ``customer(id) { purchases { … } }`` the read of the customer: the
    purchases' read answers for every customer in the graph, even one without purchases."""
    wanted = needs_no_properties(info, relations)
    if not wanted:
        return None
    names = sorted({n for field in wanted for n in relations[field]})
    await asyncio.gather(*(getattr(info.context.loaders, n).load(id) for n in names))
    return id in seen


async def root_customer(info: AnyInfo, id: str) -> Customer | None:
    """The customer ``id`` a root field answers (None if there is none), read only when the
    query selects more of it than its related data."""
    from api.graphql.customers import Customer

    loaders = info.context.loaders
    lines = nodes_select(info, "lines", ("purchases",))  # the read its purchases field makes
    relations = {**_CUSTOMER_RELATIONS, **_WITH_LINES} if lines else _CUSTOMER_RELATIONS
    fields = selected_fields(info)
    if fields is not None:  # all the reads this customer's fields make, as one statement
        names = _loaders_asked(fields, with_lines=lines)
        if not needs_no_properties(info, relations):
            names.add("customer")
        await loaders.read_ahead(sorted(names), [id])
    known = await _known_by_relations(info, id, relations, loaders.customers_seen)
    if known is None:
        return await load_customer(info, id)
    return Customer.of(CustomerProfile.of(id, {})) if known else None


async def root_product(info: AnyInfo, id: str) -> Product | None:
    """The product ``id`` a root field answers (None if there is none), read only when the
    query selects more of it than its related products."""
    from api.graphql.products import Product

    loaders = info.context.loaders
    known = await _known_by_relations(info, id, _PRODUCT_RELATIONS, loaders.products_seen)
    if known is None:
        return await load_product(info, id)
    return Product.of(ProductView.of(id, {})) if known else None


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
