"""Typed records for every node and observed relationship of the graph (DESIGN.md §4).

A record is a frozen dataclass. ``props()`` turns it into the primitive property map the
database stores: camelCase names, datetimes in UTC, ``None`` left out so that an upsert from
one source never erases what another source knew. ``source`` says which importer, file or
record made it; ``updatedAt`` is stamped by the database on every write.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import Any, ClassVar, Literal

from graph.errors import InvalidRecord

Primitive = str | int | float | bool | datetime | date | list[str] | list[int] | list[float]


def to_utc(value: datetime) -> datetime:
    """Return ``value`` in UTC; a naive datetime is taken to be UTC already (DESIGN §3).

    >>> to_utc(datetime(2025, 1, 1, 12)).isoformat()
    '2025-01-01T12:00:00+00:00'
    """
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def from_db_time(value: Any) -> datetime:
    """A datetime read from the database as an aware UTC ``datetime``.

    The driver returns ``neo4j.time.DateTime``; ArcadeDB stores datetimes without a zone,
    normalised to UTC (DESIGN §3), so a naive value is UTC.

    >>> from_db_time(datetime(2025, 1, 1, 12)).isoformat()
    '2025-01-01T12:00:00+00:00'
    """
    to_native = getattr(value, "to_native", None)
    native = to_native() if to_native is not None else value
    if not isinstance(native, datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    return to_utc(native)


_FRACTION = re.compile(r"(\.\d{6})\d+")


def parse_db_time(text: str) -> datetime:
    """A datetime the database printed with ``toString()`` as an aware UTC ``datetime``.

    Projections return times as text: decoding a driver ``DateTime`` costs ten times more. Both
    engines' forms are read: ArcadeDB drops zero seconds and the zone of stored values and adds a
    zone id to ``datetime()``; Neo4j writes ``Z`` or an offset.

    >>> for text in ("2025-09-28T18:32", "2025-09-28T18:32:05Z", "2025-09-28T20:32:05+02:00",
    ...              "2026-11-22T10:20:37.595723234Z[Etc/UTC]"):
    ...     print(parse_db_time(text).isoformat())
    2025-09-28T18:32:00+00:00
    2025-09-28T18:32:05+00:00
    2025-09-28T18:32:05+00:00
    2026-11-22T10:20:37.595723+00:00
    """
    cleaned = _FRACTION.sub(r"\1", text.split("[", 1)[0])
    return to_utc(datetime.fromisoformat(cleaned))


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _search_text(*parts: str | None) -> str | None:
    text = " ".join(p.strip().lower() for p in parts if p and p.strip())
    return text or None


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """Fields shared by every record: provenance."""

    source: str = "unknown"

    def props(self) -> dict[str, Any]:
        """The property map to store: camelCase keys, UTC datetimes, no ``None`` values."""
        out: dict[str, Any] = {}
        for attr, key in _property_names(type(self)):
            value = getattr(self, attr)
            if value is None:
                continue
            if isinstance(value, datetime):
                value = to_utc(value)
            elif isinstance(value, tuple):
                value = list(value)
            out[key] = value
        out.update(self._derived())
        return out

    def _derived(self) -> dict[str, Any]:
        return {}


_NOT_PROPS = frozenset({"id", "start_id", "end_id", "start_label"})


_PROPERTY_NAMES: dict[type, tuple[tuple[str, str], ...]] = {}


def _property_names(cls: type[Record]) -> tuple[tuple[str, str], ...]:
    """(attribute, property name) of every stored field of a record class; computed once."""
    names = _PROPERTY_NAMES.get(cls)
    if names is None:
        names = tuple((f.name, _camel(f.name)) for f in fields(cls) if f.name not in _NOT_PROPS)
        _PROPERTY_NAMES[cls] = names
    return names


# --------------------------------------------------------------------------- nodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Node(Record):
    """A node: a unique string ``id`` under a uniqueness constraint."""

    LABEL: ClassVar[str] = ""
    id: str

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise InvalidRecord(
                f"{self.LABEL} needs a non-empty string id, got {self.id!r}",
                hint="every node is keyed by a string id; check the source's id column",
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class Customer(Node):
    """A person who buys from us."""

    LABEL: ClassVar[str] = "Customer"
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    city: str | None = None
    country: str | None = None
    joined_at: datetime | None = None
    tier: str | None = None

    def _derived(self) -> dict[str, Any]:
        search = _search_text(self.name, self.email)
        return {"search": search} if search else {}


@dataclass(frozen=True, slots=True, kw_only=True)
class Employee(Node):
    """One of our people."""

    LABEL: ClassVar[str] = "Employee"
    name: str | None = None
    email: str | None = None
    role: str | None = None
    team: str | None = None
    store: str | None = None
    signature: str | None = None  # how they sign brand replies, e.g. "^EA"

    def _derived(self) -> dict[str, Any]:
        search = _search_text(self.name, self.email)
        return {"search": search} if search else {}


@dataclass(frozen=True, slots=True, kw_only=True)
class Product(Node):
    """A product; its ``id`` is the SKU."""

    LABEL: ClassVar[str] = "Product"
    name: str | None = None
    category: str | None = None
    brand: str | None = None
    price: float | None = None
    tags: tuple[str, ...] | None = None

    def _derived(self) -> dict[str, Any]:
        search = _search_text(self.id, self.name, self.brand)
        return {"sku": self.id, "search": search} if search else {"sku": self.id}


@dataclass(frozen=True, slots=True, kw_only=True)
class Category(Node):
    """A product category."""

    LABEL: ClassVar[str] = "Category"
    name: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Topic(Node):
    """A hashtag or interest."""

    LABEL: ClassVar[str] = "Topic"
    name: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Purchase(Node):
    """One order."""

    LABEL: ClassVar[str] = "Purchase"
    at: datetime | None = None
    total: float | None = None
    currency: str | None = None
    channel: str | None = None
    store: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SocialAccount(Node):
    """An account on a social platform; ``id`` is ``platform:handle``."""

    LABEL: ClassVar[str] = "SocialAccount"
    platform: str | None = None
    handle: str | None = None
    display_name: str | None = None
    followers: int | None = None
    is_brand: bool | None = None
    location: str | None = None
    email: str | None = None  # an address the profile shows (identity resolution uses it)

    @classmethod
    def key(cls, platform: str, handle: str) -> str:
        """The id of an account: lower-cased platform and handle, without ``@``.

        >>> SocialAccount.key("Twitter", "@GreenShirtFan")
        'twitter:greenshirtfan'
        """
        return f"{platform.strip().lower()}:{handle.strip().lstrip('@').lower()}"

    def _derived(self) -> dict[str, Any]:
        search = _search_text(self.handle, self.display_name)
        return {"search": search} if search else {}


@dataclass(frozen=True, slots=True, kw_only=True)
class Post(Node):
    """Something said in public; ``id`` is ``platform:postId``."""

    LABEL: ClassVar[str] = "Post"
    platform: str | None = None
    text: str | None = None
    at: datetime | None = None
    url: str | None = None
    likes: int | None = None
    shares: int | None = None
    sentiment: float | None = None
    sentiment_label: str | None = None
    intent: str | None = None
    category: str | None = None

    def __post_init__(self) -> None:
        Node.__post_init__(self)
        if self.sentiment is not None and not -1.0 <= self.sentiment <= 1.0:
            raise InvalidRecord(
                f"Post {self.id}: sentiment {self.sentiment} is outside -1..1",
                hint="scale sentiment to -1 (negative) .. 1 (positive)",
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class Interaction(Node):
    """A contact between an employee and a customer: e-mail, call, meeting, chat, visit."""

    LABEL: ClassVar[str] = "Interaction"
    channel: str | None = None
    at: datetime | None = None
    direction: str | None = None
    subject: str | None = None
    sentiment: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Alert(Node):
    """Damage control: a negative post that someone must answer."""

    LABEL: ClassVar[str] = "Alert"
    kind: str | None = None
    severity: float | None = None
    raised_at: datetime | None = None
    due_by: datetime | None = None
    status: Literal["open", "acknowledged", "resolved"] | None = None
    # Who answers when no employee knows the author: the team on duty.
    team: str | None = None
    reasons: tuple[str, ...] | None = None
    responded_at: datetime | None = None
    response_minutes: float | None = None
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None
    resolution: str | None = None


NODE_TYPES: tuple[type[Node], ...] = (
    Customer,
    Employee,
    Product,
    Category,
    Topic,
    Purchase,
    SocialAccount,
    Post,
    Interaction,
    Alert,
)
NODE_LABELS: tuple[str, ...] = tuple(t.LABEL for t in NODE_TYPES)

# --------------------------------------------------------------------------- relationships


@dataclass(frozen=True, slots=True, kw_only=True)
class Relationship(Record):
    """A directed relationship, merged once per (start, type, end)."""

    TYPE: ClassVar[str] = ""
    START: ClassVar[tuple[str, ...]] = ()
    END: ClassVar[str] = ""
    start_id: str
    end_id: str
    start_label: str = ""

    def __post_init__(self) -> None:
        if not self.start_label:
            object.__setattr__(self, "start_label", self.START[0])
        if self.start_label not in self.START:
            raise InvalidRecord(
                f"{self.TYPE} cannot start at a {self.start_label}",
                hint=f"{self.TYPE} starts at one of: {', '.join(self.START)}",
            )
        for side in (self.start_id, self.end_id):
            if not isinstance(side, str) or not side.strip():
                raise InvalidRecord(
                    f"{self.TYPE} needs non-empty start and end ids, got "
                    f"{self.start_id!r} -> {self.end_id!r}",
                    hint="check the source's id columns",
                )

    @property
    def pattern(self) -> tuple[str, str, str]:
        """``(start label, type, end label)``: which Cypher file writes it."""
        return (self.start_label, self.TYPE, self.END)


@dataclass(frozen=True, slots=True, kw_only=True)
class Made(Relationship):
    """(Customer)-[:MADE]->(Purchase)."""

    TYPE: ClassVar[str] = "MADE"
    START: ClassVar[tuple[str, ...]] = ("Customer",)
    END: ClassVar[str] = "Purchase"


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
class Referred(Relationship):
    """(Customer)-[:REFERRED {at}]->(Customer)."""

    TYPE: ClassVar[str] = "REFERRED"
    START: ClassVar[tuple[str, ...]] = ("Customer",)
    END: ClassVar[str] = "Customer"
    at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Had(Relationship):
    """(Customer)-[:HAD]->(Interaction)."""

    TYPE: ClassVar[str] = "HAD"
    START: ClassVar[tuple[str, ...]] = ("Customer",)
    END: ClassVar[str] = "Interaction"


@dataclass(frozen=True, slots=True, kw_only=True)
class Handled(Relationship):
    """(Employee)-[:HANDLED]->(Interaction)."""

    TYPE: ClassVar[str] = "HANDLED"
    START: ClassVar[tuple[str, ...]] = ("Employee",)
    END: ClassVar[str] = "Interaction"


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


# --------------------------------------------------------------------------- derived
# Written by `rapport analyze`, each with the evidence that produced it and the run's time.


@dataclass(frozen=True, slots=True, kw_only=True)
class Derived(Relationship):
    """A relationship computed by ``rapport analyze``.

    ``computedAt`` is when its values last changed; ``digest`` fingerprints those values, so a
    run rewrites only the edges whose evidence changed.
    """

    computed_at: datetime | None = None

    def digest(self) -> str:
        """A short fingerprint of the stored values (not of ``computedAt`` or ``source``).

        >>> a = InterestedIn(start_id="c1", end_id="style", weight=2.0, computed_at=None)
        >>> a.digest() == InterestedIn(start_id="c1", end_id="style", weight=2.0).digest()
        True
        >>> a.digest() == InterestedIn(start_id="c1", end_id="style", weight=2.5).digest()
        False
        """
        values = [
            (key, getattr(self, attr))
            for attr, key in _property_names(type(self))
            if key not in _NOT_DIGESTED
        ]
        # repr, not json: several times faster, and stable for str, int, float, datetime, tuple.
        return hashlib.blake2b(repr(values).encode(), digest_size=8).hexdigest()

    def _derived(self) -> dict[str, Any]:
        return {"digest": self.digest()}


_NOT_DIGESTED = frozenset({"computedAt", "source", "digest"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Influences(Derived):
    """(Customer)-[:INFLUENCES {weight, evidence counts}]->(Customer): start influences end."""

    TYPE: ClassVar[str] = "INFLUENCES"
    START: ClassVar[tuple[str, ...]] = ("Customer",)
    END: ClassVar[str] = "Customer"
    weight: float | None = None
    follows: int | None = None
    replies: int | None = None
    reshares: int | None = None
    quotes: int | None = None
    mentions: int | None = None
    referrals: int | None = None
    conversions: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Rapport(Derived):
    """(Employee)-[:RAPPORT {warmth, …}]->(Customer): how warm their relationship is (0-100)."""

    TYPE: ClassVar[str] = "RAPPORT"
    START: ClassVar[tuple[str, ...]] = ("Employee",)
    END: ClassVar[str] = "Customer"
    warmth: float | None = None
    interactions: int | None = None
    last_contact_at: datetime | None = None
    sentiment: float | None = None
    sales: int | None = None
    breakdown_keys: tuple[str, ...] | None = None
    breakdown_values: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BoughtWith(Derived):
    """(Product)-[:BOUGHT_WITH {support, confidence, lift, count}]->(Product)."""

    TYPE: ClassVar[str] = "BOUGHT_WITH"
    START: ClassVar[tuple[str, ...]] = ("Product",)
    END: ClassVar[str] = "Product"
    support: float | None = None
    confidence: float | None = None
    lift: float | None = None
    count: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class InterestedIn(Derived):
    """(Customer)-[:INTERESTED_IN {weight}]->(Topic)."""

    TYPE: ClassVar[str] = "INTERESTED_IN"
    START: ClassVar[tuple[str, ...]] = ("Customer",)
    END: ClassVar[str] = "Topic"
    weight: float | None = None


DERIVED_TYPES: tuple[type[Derived], ...] = (Influences, Rapport, BoughtWith, InterestedIn)


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
