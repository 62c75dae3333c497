"""Customers, employees and products found by a text search and filters, a page at a time.

The text is matched, lower-cased, against each node's ``search`` property (names, e-mails,
handles, SKUs; a TEXT index on Neo4j). Filters are typed per label and sent as parameters;
the order is one of an allow-listed few.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.answers.paging import Page, Window, cursor_params
from graph.errors import ConfigError
from graph.store.repository import Repository


@dataclass(frozen=True, slots=True)
class CustomerFilter:
    """Which customers: all filters given must hold."""

    tier: str | None = None
    city: str | None = None
    community: int | None = None
    min_sentiment: float | None = None
    max_sentiment: float | None = None


@dataclass(frozen=True, slots=True)
class EmployeeFilter:
    """Which employees: all filters given must hold."""

    team: str | None = None
    store: str | None = None


@dataclass(frozen=True, slots=True)
class ProductFilter:
    """Which products: all filters given must hold."""

    category: str | None = None
    brand: str | None = None


Filter = CustomerFilter | EmployeeFilter | ProductFilter
_STATEMENTS = {CustomerFilter: "customers", EmployeeFilter: "employees", ProductFilter: "products"}
ORDERS = {
    CustomerFilter: ("influence", "name"),
    EmployeeFilter: ("name",),
    ProductFilter: ("name", "price"),
}


MAX_SEARCH = 200  # characters of a text search: longer is not a search, but a payload


def _params(search: str | None, where: Filter) -> dict[str, Any]:
    text = search.strip().lower() if search else None
    if text and len(text) > MAX_SEARCH:
        raise ConfigError(
            f"search: {len(text):,} characters (at most {MAX_SEARCH})",
            hint="search by a name, an e-mail address, a handle or a SKU",
        )
    # The fields by their slots: asdict() copies deeply, a cost on every page asked for.
    given = {name: getattr(where, name) for name in where.__slots__}
    for name, value in given.items():
        if isinstance(value, str) and len(value) > MAX_SEARCH:
            raise ConfigError(f"filter {name}: {len(value):,} characters (at most {MAX_SEARCH})")
    return {"search": text or None, **given}


#: The natural direction of each order (most influential first; names and prices ascending).
DESCENDING = {"influence": True, "name": False, "price": False}


def find(
    repository: Repository, where: Filter, *, search: str | None, order: str, w: Window,
    keys: Sequence[str],
) -> Page[tuple[str, dict[str, Any]]]:  # fmt: skip
    """One keyset page of ``(id, properties)`` of the matching nodes, in ``order``: only the
    properties ``keys`` are read (absent ones are left out)."""
    allowed = ORDERS[type(where)]
    if order not in allowed:
        raise ConfigError(f"cannot order by {order!r}", hint=f"use one of: {', '.join(allowed)}")
    params = {**_params(search, where), "order": order, "keys": list(keys), **cursor_params(w)}
    rows = None
    if isinstance(where, CustomerFilter) and order == "influence" and w.reads_descending:
        # Most pages by influence hold scored customers only: read from the index, and sort all
        # only for the page that reaches the unscored ones.
        rows = _collected(repository.read("search/customers_by_influence", **params))
        rows = rows if len(rows) == w.limit else None
    if rows is None:
        rows = _collected(repository.read(f"search/{_STATEMENTS[type(where)]}", **params))
    found = [
        ((id_, {k: v for k, v in zip(keys, values, strict=True) if v is not None}),
         (float(num), str(txt), str(id_)))
        for id_, values, num, txt in rows
    ]  # fmt: skip
    page = w.page(found, key=lambda pair: pair[1])
    return Page([item for item, _ in page.items], page.keys, page.has_next, page.has_previous)


def _collected(rows: list[dict[str, Any]]) -> list[list[Any]]:
    """The page a search statement collected into its one row (none when it returned no row)."""
    return list(rows[0]["rows"]) if rows else []


def count(repository: Repository, where: Filter, *, search: str | None) -> int:
    """How many nodes match (a connection's ``totalCount``)."""
    rows = repository.read(f"search/{_STATEMENTS[type(where)]}_count", **_params(search, where))
    return int(rows[0]["total"]) if rows else 0


@dataclass(frozen=True, slots=True)
class TopicCount:
    """A topic and how much it is talked about."""

    topic: str
    posts: int
    interested: int


def topics(repository: Repository, *, search: str | None, first: int) -> list[TopicCount]:
    """Topics whose name contains ``search`` (a leading ``#`` is ignored), most posts first."""
    text = search.lstrip("#") if search else None
    params = _params(text, ProductFilter())
    rows = repository.read("search/topics", search=params["search"], limit=first)
    return [TopicCount(str(r["topic"]), int(r["posts"]), int(r["interested"])) for r in rows]
