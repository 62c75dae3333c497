"""What customers did, read for many customers at once: accounts, purchases, posts, interactions.

Each reader takes a list of ids and answers for all of them in one round trip (the API's
DataLoaders batch the customers of a request through here). One customer's lists are short, so
they are read whole; :mod:`graph.answers.timeline` filters, orders and merges them and
:mod:`graph.answers.paging` pages them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph.store.repository import Repository, Row
from graph.times import from_db_time


@dataclass(frozen=True, slots=True)
class AccountView:
    """A social account and how its owner was linked to it."""

    id: str
    platform: str | None
    handle: str | None
    display_name: str | None
    followers: int | None
    is_brand: bool
    confidence: float | None
    method: str | None


@dataclass(frozen=True, slots=True)
class PurchaseView:
    """A purchase (its lines are read by :func:`purchase_lines_of`)."""

    id: str
    at: datetime | None
    total: float | None
    currency: str | None
    channel: str | None
    store: str | None
    seller: str | None
    order_name: str | None = None
    financial_status: str | None = None
    fulfillment_status: str | None = None
    refunded_amount: float | None = None
    discount_code: str | None = None


@dataclass(frozen=True, slots=True)
class LineView:
    """One line of a purchase."""

    product: str
    quantity: int
    unit_price: float | None
    name: str | None = None  # the product's


@dataclass(frozen=True, slots=True)
class PostView:
    """A post of one of the customer's accounts."""

    id: str
    account: str
    platform: str | None
    text: str | None
    at: datetime | None
    url: str | None
    likes: int | None
    shares: int | None
    sentiment: float | None
    sentiment_label: str | None
    intent: str | None
    category: str | None
    lang: str | None = None
    stars: float | None = None
    text_sentiment: float | None = None


@dataclass(frozen=True, slots=True)
class InteractionView:
    """A contact between the customer and an employee."""

    id: str
    channel: str | None
    at: datetime | None
    direction: str | None
    subject: str | None
    sentiment: float | None
    employee: str | None  # the first of ``employees`` (by id)
    employees: tuple[str, ...] = ()  # everyone who handled it


def _when(value: Any) -> datetime | None:
    return from_db_time(value) if value is not None else None


def _by(rows: list[Row], key: str, make: Any, item: str = "id") -> dict[str, list[Any]]:
    """Rows grouped by ``key`` into ``make(row)``: each id found has its list (empty when its
    one row has a null ``item``: it has none), an id the graph does not hold is left out; a
    row whose ``item`` its group already holds is left out (one thing is listed once)."""
    found: dict[str, list[Any]] = {}
    seen: set[tuple[str, str]] = set()
    for row in rows:
        group = found.setdefault(row[key], [])
        mark = (row[key], row.get(item) or "")
        if not mark[1] or mark in seen:
            continue
        seen.add(mark)
        group.append(make(row))
    return found


def _first(values: Any) -> str | None:
    """The smallest id of a list (the one shown where one is expected), or None."""
    return min(values) if values else None


def _account(r: Row) -> AccountView:
    return AccountView(
        r["id"], r.get("platform"), r.get("handle"), r.get("displayName"), r.get("followers"),
        bool(r.get("isBrand")), r.get("confidence"), r.get("method"),
    )  # fmt: skip


def _purchase(r: Row) -> PurchaseView:
    return PurchaseView(
        r["id"], _when(r.get("at")), r.get("total"), r.get("currency"), r.get("channel"),
        r.get("store"), _first(r.get("sellers")), r.get("orderName"), r.get("financialStatus"),
        r.get("fulfillmentStatus"), r.get("refundedAmount"), r.get("discountCode"),
    )  # fmt: skip


def _post(r: Row) -> PostView:
    return PostView(
        r["id"], r["account"], r.get("platform"), r.get("text"), _when(r.get("at")), r.get("url"),
        r.get("likes"), r.get("shares"), r.get("sentiment"), r.get("sentimentLabel"),
        r.get("intent"), r.get("category"), r.get("lang"), r.get("stars"), r.get("textSentiment"),
    )  # fmt: skip


def _interaction(r: Row) -> InteractionView:
    return InteractionView(
        r["id"], r.get("channel"), _when(r.get("at")), r.get("direction"), r.get("subject"),
        r.get("sentiment"), _first(r.get("employees")), tuple(sorted(r.get("employees") or ())),
    )  # fmt: skip


def accounts_of(repository: Repository, ids: Sequence[str]) -> dict[str, list[AccountView]]:
    """The social accounts each customer owns, by customer id (a customer not in the graph is
    left out)."""
    rows = repository.read("activity/accounts_of", ids=list(ids))
    return _by(rows, "owner", _account)


def purchases_of(repository: Repository, ids: Sequence[str]) -> dict[str, list[PurchaseView]]:
    """Each customer's purchases (unordered), by customer id (a customer not in the graph is left
    out)."""
    rows = repository.read("activity/purchases_of", ids=list(ids))
    return _by(rows, "customer", _purchase)


_BY_IDS: dict[str, tuple[str, Any]] = {
    "SocialAccount": ("activity/accounts_by_ids", _account),
    "Purchase": ("activity/purchases_by_ids", _purchase),
    "Post": ("activity/posts_by_ids", _post),
    "Interaction": ("activity/interactions_by_ids", _interaction),
}


def by_ids(repository: Repository, label: str, ids: Sequence[str]) -> dict[str, Any]:
    """Accounts, purchases, posts or interactions (``label``) by their own ids; an id not found
    is left out. One read."""
    statement, make = _BY_IDS[label]
    rows = repository.read(statement, ids=list(ids))
    return {r["id"]: make(r) for r in rows}


def _line(product: str, name: str | None, quantity: Any, unit_price: float | None) -> LineView:
    return LineView(product, int(quantity or 1), unit_price, name)


def purchase_lines_of(repository: Repository, ids: Sequence[str]) -> dict[str, list[LineView]]:
    """Each purchase's lines, by purchase id (a purchase not in the graph is left out)."""
    rows = repository.read("activity/purchase_lines_of", ids=list(ids))
    return _by(rows, "purchase", lambda r: _line(
        r["product"], r.get("name"), r.get("quantity"), r.get("unitPrice")
    ), item="product")  # fmt: skip


def purchases_with_lines_of(
    repository: Repository, ids: Sequence[str]
) -> tuple[dict[str, list[PurchaseView]], dict[str, list[LineView]]]:
    """Each customer's purchases as :func:`purchases_of` gives them, and each of those purchases'
    lines as :func:`purchase_lines_of` gives them: one read for both."""
    rows = repository.read("activity/purchases_with_lines_of", ids=list(ids))
    lines: dict[str, list[LineView]] = {}
    for row in rows:
        if row.get("id") is not None and row["id"] not in lines:
            held = {item[0]: item for item in row.get("lines") or () if item[0] is not None}
            lines[row["id"]] = [_line(*held[k]) for k in sorted(held)]
    return _by(rows, "customer", _purchase), lines


def posts_of(repository: Repository, ids: Sequence[str]) -> dict[str, list[PostView]]:
    """Each customer's posts (unordered), by customer id (a customer not in the graph is left
    out)."""
    rows = repository.read("activity/posts_of", ids=list(ids))
    return _by(rows, "customer", _post)


def interactions_of(repository: Repository, ids: Sequence[str]) -> dict[str, list[InteractionView]]:
    """Each customer's interactions (unordered), by customer id (a customer not in the graph is
    left out)."""
    rows = repository.read("activity/interactions_of", ids=list(ids))
    return _by(rows, "customer", _interaction)
