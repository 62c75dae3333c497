"""Helpers every answer shares: how many items a list may ask, names and existence of nodes."""

from __future__ import annotations

from typing import Any

from graph.answers import paging
from graph.errors import NotFound
from graph.store import reads
from graph.store.repository import Repository

PRAISE_SENTIMENT = 0.3


CUSTOMER_HINT = "give the id of a Customer node"


MAX_FIRST = 1000


def check_first(first: int) -> None:
    """:class:`ConfigError` unless ``first`` is 1..MAX_FIRST (how many items a list may ask)."""
    paging.check_first(first, MAX_FIRST)


def display_names(repository: Repository, ids: list[str]) -> dict[str, str]:
    """Names of products and customers by id (ids without a name are left out)."""
    return names_and_categories(repository, ids)[0]


def names_and_categories(
    repository: Repository, ids: list[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Names of products and customers, and categories of products, by id (one read; ids
    without one are left out)."""
    rows = repository.read("questions/display_names", ids=sorted(set(ids))) if ids else []
    names = {row["id"]: row["name"] for row in rows if row.get("name")}
    return names, {row["id"]: row["category"] for row in rows if row.get("category")}


def node_props(repository: Repository, label: str, node_id: str, hint: str) -> dict[str, Any]:
    """The stored properties of one node, or :class:`NotFound` (with ``hint``)."""
    found = reads.nodes_by_ids(repository, label, [node_id]).get(node_id)
    if found is None:
        raise NotFound(f"no {label.lower()} {node_id!r}", hint=hint)
    return found


def customer_exists(repository: Repository, customer: str) -> None:
    node_props(repository, "Customer", customer, CUSTOMER_HINT)
