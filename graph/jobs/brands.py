"""Which social accounts are ours: the ones the settings name, whatever was imported first.

An import, a live post or an API call may create an account before anyone says it is ours (a
complaint that @-mentions our handle arrives before any post of our own); and a handle may leave
``RAPPORT_BRAND_HANDLES``. :func:`mark_brands` makes the graph agree with the settings; imports,
single-post ingestion and ``rapport analyze`` (stage ``brands``) run it before alerts are raised.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.store.repository import Repository


@dataclass(frozen=True, slots=True)
class BrandMarks:
    """How many accounts became ours, and how many stopped being ours."""

    flagged: int
    unflagged: int


def mark_brands(repository: Repository) -> BrandMarks:
    """Flag the configured brand accounts (``isBrand``) and unflag any other."""
    ids = list(repository.settings.brand_accounts)
    flagged = repository.write("brands/flag", ids=ids)
    unflagged = repository.write("brands/unflag", ids=ids)
    return BrandMarks(_changed(flagged), _changed(unflagged))


def _changed(rows: list[dict[str, object]]) -> int:
    return int(str(rows[0]["changed"])) if rows else 0
