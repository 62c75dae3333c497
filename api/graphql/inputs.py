"""Mutation inputs, checked field by field and turned into graph records.

Each ``records()`` raises :class:`InvalidRecord` naming the field that is wrong; the resolver
writes the records with :func:`graph.store.writes.write_atomically` (all or nothing).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import strawberry

from graph import model, times
from graph.errors import InvalidRecord
from graph.model import Record

CHANNELS = ("email", "call", "meeting", "chat", "visit", "social")
DIRECTIONS = ("inbound", "outbound")
SOURCE = "api"


def _id(field: str, value: object) -> str:
    text = str(value or "").strip()
    if not text:
        raise InvalidRecord(f"{field} is empty", hint=f"give the {field}")
    if len(text) > 200:
        raise InvalidRecord(f"{field} is longer than 200 characters", hint="ids are short")
    return text


def _choice(field: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is not None and value not in allowed:
        raise InvalidRecord(
            f"{field} {value!r} is not one of {', '.join(allowed)}", hint=f"fix {field}"
        )
    return value


def _at(value: datetime | None) -> datetime:
    return times.to_utc(value) if value is not None else datetime.now(UTC)


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
    tier: str | None = None

    def records(self) -> list[Record]:
        """The customer node."""
        return [
            model.Customer(
                id=_id("id", self.id),
                name=self.name,
                email=self.email,
                phone=self.phone,
                city=self.city,
                country=self.country,
                tier=self.tier,
                source=SOURCE,
            )
        ]


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
                id=_id("id", self.id),
                name=self.name,
                email=self.email,
                role=self.role,
                team=self.team,
                store=self.store,
                source=SOURCE,
            )
        ]


@strawberry.input(description="A product to create or update; id is the SKU.")
class ProductInput:
    id: strawberry.ID
    name: str | None = None
    category: str | None = None
    brand: str | None = None
    price: float | None = None
    tags: list[str] | None = None

    def records(self) -> list[Record]:
        """The product node, and its category."""
        if self.price is not None and self.price < 0:
            raise InvalidRecord(f"price is negative ({self.price})", hint="prices are >= 0")
        sku = _id("id", self.id)
        found: list[Record] = [
            model.Product(
                id=sku,
                name=self.name,
                category=self.category,
                brand=self.brand,
                price=self.price,
                tags=tuple(self.tags) if self.tags is not None else None,
                source=SOURCE,
            )
        ]
        if self.category:
            found.append(model.Category(id=self.category, name=self.category, source=SOURCE))
            found.append(model.InCategory(start_id=sku, end_id=self.category, source=SOURCE))
        return found


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
            raise InvalidRecord("lines is empty", hint="a purchase needs at least one line")
        purchase = _id("id", self.id or f"api:{uuid.uuid4().hex[:16]}")
        total = 0.0
        found: list[Record] = []
        for n, line in enumerate(self.lines):
            if line.quantity < 1:
                raise InvalidRecord(f"lines[{n}].quantity must be >= 1", hint="fix the quantity")
            if line.unit_price is not None and line.unit_price < 0:
                raise InvalidRecord(f"lines[{n}].unitPrice is negative", hint="prices are >= 0")
            total += line.quantity * (line.unit_price or 0.0)
            found.append(
                model.Contains(
                    start_id=purchase,
                    end_id=_id(f"lines[{n}].productId", line.product_id),
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    source=SOURCE,
                )
            )
        head: list[Record] = [
            model.Purchase(
                id=purchase,
                at=_at(self.at),
                total=round(total, 2),
                currency=self.currency,
                channel=self.channel,
                store=self.store,
                source=SOURCE,
            ),
        ]
        customer = _id("customerId", self.customer_id)
        head.append(model.Made(start_id=customer, end_id=purchase, source=SOURCE))
        if self.employee_id:
            employee = _id("employeeId", self.employee_id)
            head.append(model.Sold(start_id=employee, end_id=purchase, source=SOURCE))
        return head + found


@strawberry.input(description="An interaction between an employee and a customer.")
class InteractionInput:
    customer_id: strawberry.ID
    employee_id: strawberry.ID
    channel: str
    id: strawberry.ID | None = None
    at: datetime | None = None
    direction: str | None = None
    subject: str | None = None
    sentiment: float | None = None

    def records(self) -> list[Record]:
        """The interaction, the customer who had it and the employee who handled it."""
        _choice("channel", self.channel, CHANNELS)
        _choice("direction", self.direction, DIRECTIONS)
        if self.sentiment is not None and not -1.0 <= self.sentiment <= 1.0:
            raise InvalidRecord("sentiment must be within -1..1", hint="fix sentiment")
        interaction = _id("id", self.id or f"api:{uuid.uuid4().hex[:16]}")
        return [
            model.Interaction(
                id=interaction, channel=self.channel, at=_at(self.at), direction=self.direction,
                subject=self.subject, sentiment=self.sentiment, source=SOURCE,
            ),
            model.Had(start_id=_id("customerId", self.customer_id), end_id=interaction,
                      source=SOURCE),
            model.Handled(start_id=_id("employeeId", self.employee_id), end_id=interaction,
                          source=SOURCE),
        ]  # fmt: skip


def account_id(field: str, platform: str, handle: str) -> str:
    """The graph id of a social account, checked."""
    name = _id(field, handle).lstrip("@").lower()
    return model.SocialAccount.key(_id("platform", platform).lower(), name)


def link_records(owner: str, owner_kind: str, platform: str, handle: str) -> list[Record]:
    """``(Customer|Employee)-[:OWNS]->(SocialAccount)``, confirmed by a person."""
    label = {"customer": "Customer", "employee": "Employee"}.get(owner_kind)
    if label is None:
        raise InvalidRecord(
            f"ownerKind {owner_kind!r} is not customer or employee", hint="fix ownerKind"
        )
    account = account_id("handle", platform, handle)
    return [
        model.SocialAccount(
            id=account, platform=platform.lower(), handle=account.split(":", 1)[1], source=SOURCE
        ),
        model.Owns(start_id=_id("ownerId", owner), end_id=account, start_label=label,
                   confidence=1.0, method="manual", source=SOURCE),
    ]  # fmt: skip


def follow_records(platform: str, follower: str, followed: str) -> list[Record]:
    """One account follows another (both are created when new)."""
    a = account_id("follower", platform, follower)
    b = account_id("followed", platform, followed)
    if a == b:
        raise InvalidRecord("an account cannot follow itself", hint="fix follower or followed")
    accounts: list[Record] = [
        model.SocialAccount(
            id=x, platform=platform.lower(), handle=x.split(":", 1)[1], source=SOURCE
        )
        for x in (a, b)
    ]
    return [*accounts, model.Follows(start_id=a, end_id=b, source=SOURCE)]
