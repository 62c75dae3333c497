"""Node records: one frozen dataclass per label (DESIGN.md §4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Literal

from graph.errors import InvalidRecord
from graph.model.records import Node, _search_text


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
    # Consent, as the source recorded it: exports and outgoing messages honour it.
    accepts_marketing: bool | None = None
    email_opt_out: bool | None = None
    do_not_call: bool | None = None

    def _derived(self) -> dict[str, Any]:
        search = _search_text(self.name, self.email, self.phone)
        return {"search": search} if search else {}


@dataclass(frozen=True, slots=True, kw_only=True)
class Company(Node):
    """An organisation people work at (from CRM contacts); ``id`` is its lower-cased name."""

    LABEL: ClassVar[str] = "Company"
    name: str | None = None

    @classmethod
    def key(cls, name: str) -> str:
        """The id of a company: its name, lower-cased, spaces folded.

        >>> Company.key("  Lee   Textiles ")
        'lee textiles'
        """
        return " ".join(name.split()).lower()


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
    order_name: str | None = None  # the shop's own name for it (#1001), unique per store
    financial_status: str | None = None  # paid, pending, partially_refunded, refunded, voided
    fulfillment_status: str | None = None
    refunded_amount: float | None = None
    discount_code: str | None = None
    utm_source: str | None = None
    utm_medium: str | None = None
    utm_campaign: str | None = None


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
    description: str | None = None
    verified: bool | None = None
    created_at: datetime | None = None
    platform_id: str | None = None  # the platform's own id of the account (X: the user id)

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
    lang: str | None = None
    conversation_id: str | None = None  # the thread it belongs to (the first post's id)
    stars: float | None = None  # a review's rating (1-5): it decides the label
    text_sentiment: float | None = None  # the words' own score, kept beside the rating's

    def __post_init__(self) -> None:
        Node.__post_init__(self)
        if self.sentiment is not None and not -1.0 <= self.sentiment <= 1.0:
            raise InvalidRecord(
                f"Post {self.id}: sentiment {self.sentiment} is outside -1..1",
                hint="scale sentiment to -1 (negative) .. 1 (positive)",
                field="sentiment",
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
    thread: str | None = None  # e-mail: the id of the interaction that started the thread
    in_reply_to: str | None = None  # e-mail: the id of the interaction it answers


@dataclass(frozen=True, slots=True, kw_only=True)
class PendingEdge(Node):
    """A relationship whose other end is not in the graph yet, kept until it arrives.

    When an import brings the missing node, the relationship is written and this node removed
    (:mod:`graph.store.pending`); ``rapport db status`` counts the ones still waiting.
    """

    LABEL: ClassVar[str] = "PendingEdge"
    pattern: str | None = None  # "(Customer)-[:KNOWS]->(Customer)"
    from_label: str | None = None  # (not start_label/start_id: those name a relationship's ends)
    from_id: str | None = None
    rel_type: str | None = None
    to_label: str | None = None
    to_id: str | None = None
    props_json: str | None = None  # the relationship's properties (JSON, times tagged)
    origin: str | None = None  # the source record it came from: "file:line"


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


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertEvent(Node):
    """An entry of the alert outbox: an alert was raised or changed, by any process.

    Every path that raises or changes an alert (imports, ``analyze``, the CLI, the API) writes
    one; every running API server reads them by ``seq`` and tells its subscribers
    (:mod:`graph.store.outbox`).
    """

    LABEL: ClassVar[str] = "AlertEvent"
    seq: int | None = None  # microseconds since the epoch when written: read in this order
    kind: Literal["raised", "updated"] | None = None
    alert: str | None = None  # the Alert's id
    at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OutboxEvent(Node):
    """An entry of the event outbox: something an analysis found that other systems hear of
    through webhooks (``analysis.finished``, ``warmth.crossed``, ``influencer.entered``).

    Written by whichever process ran the analysis; every running API server reads them by ``seq``
    (:mod:`graph.store.outbox`), as it reads :class:`AlertEvent`.
    """

    LABEL: ClassVar[str] = "OutboxEvent"
    seq: int | None = None  # microseconds since the epoch when written: read in this order
    kind: str | None = None  # the event's name, as webhooks name it
    data: str | None = None  # the event's data, JSON
    at: datetime | None = None


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
    Company,
    PendingEdge,
    AlertEvent,
    OutboxEvent,
)


NODE_LABELS: tuple[str, ...] = tuple(t.LABEL for t in NODE_TYPES)
