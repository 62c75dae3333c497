"""Employees and hand-offs: an employee's customers by warmth, and the brief a colleague needs
to take a customer over (purchases, interests, complaints, who they trust and influence)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from graph.answers.common import display_names, node_props
from graph.answers.customers import (
    CustomerProfile,
    EmployeeWarmth,
    customer_profile,
    warmest_employees,
)
from graph.answers.influencers import InfluenceLink, influence_links
from graph.store.repository import Repository
from graph.times import from_db_time


@dataclass(frozen=True, slots=True)
class EmployeeView:
    """An employee."""

    id: str
    name: str | None
    email: str | None
    role: str | None
    team: str | None
    store: str | None

    #: The stored properties a view is made of, in field order: all a read needs to fetch.
    KEYS: ClassVar[tuple[str, ...]] = ("name", "email", "role", "team", "store")

    @classmethod
    def of(cls, id: str, r: dict[str, Any]) -> EmployeeView:
        """From the node's stored properties."""
        return cls(id, *map(r.get, cls.KEYS))


def employee(repository: Repository, employee_id: str) -> EmployeeView:
    """One employee, or :class:`NotFound`."""
    r = node_props(repository, "Employee", employee_id, "give the id of an Employee node")
    return EmployeeView.of(employee_id, r)


@dataclass(frozen=True, slots=True)
class CustomerWarmth:
    """One of an employee's customers and how warm they are (0-100)."""

    customer: str
    name: str | None
    warmth: float
    interactions: int
    sales: int
    last_contact_at: datetime | None


def employee_customers_of(
    repository: Repository, employees: Sequence[str]
) -> dict[str, list[CustomerWarmth]]:
    """Every customer of each employee, warmest first, by employee id (one read for all)."""
    found: dict[str, list[CustomerWarmth]] = {e: [] for e in employees}
    for r in repository.read("questions/employee_customers_of", ids=list(employees)):
        found[r["employee"]].append(
            CustomerWarmth(
                r["customer"],
                r.get("name"),
                float(r["warmth"] or 0.0),
                int(r["interactions"] or 0),
                int(r["sales"] or 0),
                from_db_time(r["lastContactAt"]) if r.get("lastContactAt") else None,
            )
        )
    return {e: sorted(cs, key=lambda c: (-c.warmth, c.customer)) for e, cs in found.items()}


@dataclass(frozen=True, slots=True)
class Complaint:
    """An alert raised on one of the customer's posts."""

    alert: str
    status: str | None
    severity: float | None
    raised_at: datetime | None
    text: str | None


@dataclass(frozen=True, slots=True)
class HandoffBrief:
    """What a colleague taking a customer over needs to know, on one page."""

    customer: CustomerProfile
    purchases: list[tuple[datetime, str, str | None]]
    interests: list[tuple[str, float]]
    complaints: list[Complaint]
    trusts: list[EmployeeWarmth]
    influenced_by: list[InfluenceLink]
    influences: list[InfluenceLink]


def handoff_brief(repository: Repository, customer: str, *, first: int = 5) -> HandoffBrief:
    """Purchases (latest first), interests, complaints, the employees they trust and the
    people who influence them and whom they influence."""
    profile = customer_profile(repository, customer)
    bought = repository.read("explain/customer_purchases", id=customer)
    names = display_names(repository, [r["product"] for r in bought])
    purchases = sorted(
        ((from_db_time(r["at"]), r["product"], names.get(r["product"])) for r in bought),
        reverse=True,
    )[: first * 2]
    interests = sorted(
        ((r["topic"], float(r["weight"] or 0.0))
         for r in repository.read("questions/customer_interests_of", ids=[customer])),
        key=lambda t: -t[1],
    )[:first]  # fmt: skip
    complaints = [
        Complaint(
            r["id"],
            r.get("status"),
            r.get("severity"),
            from_db_time(r["raisedAt"]) if r.get("raisedAt") else None,
            r.get("text"),
        )
        for r in repository.read("questions/customer_alerts", id=customer, limit=first)
    ]
    return HandoffBrief(
        customer=profile,
        purchases=purchases,
        interests=interests,
        complaints=complaints,
        trusts=warmest_employees(repository, customer, first=first),
        influenced_by=influence_links(repository, customer, inbound=True, first=first),
        influences=influence_links(repository, customer, inbound=False, first=first),
    )
