"""Observed relationship records: one frozen dataclass per relationship type (DESIGN.md §4)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Literal

from graph.model.derived import DERIVED_TYPES
from graph.model.records import Relationship


@dataclass(frozen=True, slots=True, kw_only=True)
class Made(Relationship):
    """(Customer)-[:MADE]->(Purchase)."""

    TYPE: ClassVar[str] = "MADE"
    START: ClassVar[tuple[str, ...]] = ("Customer",)
    END: ClassVar[str] = "Purchase"
    NARROW: ClassVar[Literal["start", "end"]] = "end"


@dataclass(frozen=True, slots=True, kw_only=True)
class Contains(Relationship):
    """(Purchase)-[:CONTAINS {quantity, unitPrice}]->(Product)."""

    TYPE: ClassVar[str] = "CONTAINS"
    START: ClassVar[tuple[str, ...]] = ("Purchase",)
    END: ClassVar[str] = "Product"
    quantity: int | None = None
    unit_price: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Sold(Relationship):
    """(Employee)-[:SOLD]->(Purchase)."""

    TYPE: ClassVar[str] = "SOLD"
    START: ClassVar[tuple[str, ...]] = ("Employee",)
    END: ClassVar[str] = "Purchase"
    NARROW: ClassVar[Literal["start", "end"]] = "end"


@dataclass(frozen=True, slots=True, kw_only=True)
class InCategory(Relationship):
    """(Product)-[:IN_CATEGORY]->(Category)."""

    TYPE: ClassVar[str] = "IN_CATEGORY"
    START: ClassVar[tuple[str, ...]] = ("Product",)
    END: ClassVar[str] = "Category"


@dataclass(frozen=True, slots=True, kw_only=True)
class Owns(Relationship):
    """(Customer|Employee)-[:OWNS {confidence, method}]->(SocialAccount)."""

    TYPE: ClassVar[str] = "OWNS"
    START: ClassVar[tuple[str, ...]] = ("Customer", "Employee")
    END: ClassVar[str] = "SocialAccount"
    confidence: float | None = None
    method: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MaybeOwns(Relationship):
    """(Customer|Employee)-[:MAYBE_OWNS {confidence, method, status}]->(SocialAccount).

    A weak identity match, kept as a candidate until a person confirms it (it becomes
    ``OWNS``) or rejects it (status ``rejected``, never proposed again).
    """

    TYPE: ClassVar[str] = "MAYBE_OWNS"
    START: ClassVar[tuple[str, ...]] = ("Customer", "Employee")
    END: ClassVar[str] = "SocialAccount"
    confidence: float | None = None
    method: str | None = None
    status: Literal["candidate", "rejected"] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Posted(Relationship):
    """(SocialAccount)-[:POSTED]->(Post)."""

    TYPE: ClassVar[str] = "POSTED"
    START: ClassVar[tuple[str, ...]] = ("SocialAccount",)
    END: ClassVar[str] = "Post"
    NARROW: ClassVar[Literal["start", "end"]] = "end"


@dataclass(frozen=True, slots=True, kw_only=True)
class RepliesTo(Relationship):
    """(Post)-[:REPLIES_TO]->(Post)."""

    TYPE: ClassVar[str] = "REPLIES_TO"
    START: ClassVar[tuple[str, ...]] = ("Post",)
    END: ClassVar[str] = "Post"


@dataclass(frozen=True, slots=True, kw_only=True)
class Reshares(Relationship):
    """(Post)-[:RESHARES]->(Post)."""

    TYPE: ClassVar[str] = "RESHARES"
    START: ClassVar[tuple[str, ...]] = ("Post",)
    END: ClassVar[str] = "Post"


@dataclass(frozen=True, slots=True, kw_only=True)
class Quotes(Relationship):
    """(Post)-[:QUOTES]->(Post)."""

    TYPE: ClassVar[str] = "QUOTES"
    START: ClassVar[tuple[str, ...]] = ("Post",)
    END: ClassVar[str] = "Post"


@dataclass(frozen=True, slots=True, kw_only=True)
class Mentions(Relationship):
    """(Post)-[:MENTIONS]->(SocialAccount)."""

    TYPE: ClassVar[str] = "MENTIONS"
    START: ClassVar[tuple[str, ...]] = ("Post",)
    END: ClassVar[str] = "SocialAccount"


@dataclass(frozen=True, slots=True, kw_only=True)
class About(Relationship):
    """(Post)-[:ABOUT]->(Product)."""

    TYPE: ClassVar[str] = "ABOUT"
    START: ClassVar[tuple[str, ...]] = ("Post",)
    END: ClassVar[str] = "Product"


@dataclass(frozen=True, slots=True, kw_only=True)
class Tagged(Relationship):
    """(Post)-[:TAGGED]->(Topic)."""

    TYPE: ClassVar[str] = "TAGGED"
    START: ClassVar[tuple[str, ...]] = ("Post",)
    END: ClassVar[str] = "Topic"


@dataclass(frozen=True, slots=True, kw_only=True)
class Wrote(Relationship):
    """(Employee)-[:WROTE]->(Post): a brand reply attributed to the person who wrote it."""

    TYPE: ClassVar[str] = "WROTE"
    START: ClassVar[tuple[str, ...]] = ("Employee",)
    END: ClassVar[str] = "Post"
    NARROW: ClassVar[Literal["start", "end"]] = "end"


@dataclass(frozen=True, slots=True, kw_only=True)
class Follows(Relationship):
    """(SocialAccount)-[:FOLLOWS]->(SocialAccount)."""

    TYPE: ClassVar[str] = "FOLLOWS"
    START: ClassVar[tuple[str, ...]] = ("SocialAccount",)
    END: ClassVar[str] = "SocialAccount"


@dataclass(frozen=True, slots=True, kw_only=True)
class Knows(Relationship):
    """(Customer)-[:KNOWS]->(Customer)."""

    TYPE: ClassVar[str] = "KNOWS"
    START: ClassVar[tuple[str, ...]] = ("Customer",)
    END: ClassVar[str] = "Customer"


@dataclass(frozen=True, slots=True, kw_only=True)
class Shared(Relationship):
    """(SocialAccount)-[:SHARED {at}]->(Post): a plain reshare (a retweet), which is not a post
    of its own: the original keeps its text and its metrics."""

    TYPE: ClassVar[str] = "SHARED"
    START: ClassVar[tuple[str, ...]] = ("SocialAccount",)
    END: ClassVar[str] = "Post"
    at: datetime | None = None
    platform_id: str | None = None  # the reshare's own id on the platform


@dataclass(frozen=True, slots=True, kw_only=True)
class WorksAt(Relationship):
    """(Customer|Employee)-[:WORKS_AT]->(Company)."""

    TYPE: ClassVar[str] = "WORKS_AT"
    START: ClassVar[tuple[str, ...]] = ("Customer", "Employee")
    END: ClassVar[str] = "Company"


@dataclass(frozen=True, slots=True, kw_only=True)
class Manages(Relationship):
    """(Employee)-[:MANAGES]->(Customer): the employee who owns the relationship in the CRM
    (the contact owner); it counts in warmth."""

    TYPE: ClassVar[str] = "MANAGES"
    START: ClassVar[tuple[str, ...]] = ("Employee",)
    END: ClassVar[str] = "Customer"
    NARROW: ClassVar[Literal["start", "end"]] = "end"


@dataclass(frozen=True, slots=True, kw_only=True)
class Referred(Relationship):
    """(Customer)-[:REFERRED {at}]->(Customer)."""

    TYPE: ClassVar[str] = "REFERRED"
    START: ClassVar[tuple[str, ...]] = ("Customer",)
    END: ClassVar[str] = "Customer"
    NARROW: ClassVar[Literal["start", "end"]] = "end"
    at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Had(Relationship):
    """(Customer)-[:HAD]->(Interaction)."""

    TYPE: ClassVar[str] = "HAD"
    START: ClassVar[tuple[str, ...]] = ("Customer",)
    END: ClassVar[str] = "Interaction"
    NARROW: ClassVar[Literal["start", "end"]] = "end"


@dataclass(frozen=True, slots=True, kw_only=True)
class Handled(Relationship):
    """(Employee)-[:HANDLED]->(Interaction)."""

    TYPE: ClassVar[str] = "HANDLED"
    START: ClassVar[tuple[str, ...]] = ("Employee",)
    END: ClassVar[str] = "Interaction"
    NARROW: ClassVar[Literal["start", "end"]] = "end"


@dataclass(frozen=True, slots=True, kw_only=True)
class Complements(Relationship):
    """(Product)-[:COMPLEMENTS]->(Product): curated."""

    TYPE: ClassVar[str] = "COMPLEMENTS"
    START: ClassVar[tuple[str, ...]] = ("Product",)
    END: ClassVar[str] = "Product"


@dataclass(frozen=True, slots=True, kw_only=True)
class On(Relationship):
    """(Alert)-[:ON]->(Post)."""

    TYPE: ClassVar[str] = "ON"
    START: ClassVar[tuple[str, ...]] = ("Alert",)
    END: ClassVar[str] = "Post"


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignedTo(Relationship):
    """(Alert)-[:ASSIGNED_TO]->(Employee)."""

    TYPE: ClassVar[str] = "ASSIGNED_TO"
    START: ClassVar[tuple[str, ...]] = ("Alert",)
    END: ClassVar[str] = "Employee"


RELATIONSHIP_TYPES: tuple[type[Relationship], ...] = (
    Made,
    Contains,
    Sold,
    InCategory,
    Owns,
    MaybeOwns,
    Posted,
    RepliesTo,
    Reshares,
    Quotes,
    Mentions,
    About,
    Tagged,
    Wrote,
    Follows,
    Knows,
    Referred,
    Shared,
    WorksAt,
    Manages,
    Had,
    Handled,
    Complements,
    On,
    AssignedTo,
    *DERIVED_TYPES,
)


def relationship_patterns() -> Iterator[tuple[str, str, str]]:
    """Every ``(start label, type, end label)`` the model can write."""
    for rel in RELATIONSHIP_TYPES:
        for start in rel.START:
            yield (start, rel.TYPE, rel.END)
