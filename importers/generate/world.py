"""The shared state every writer reads: people, catalog, accounts and the plan."""

from __future__ import annotations

import random
from dataclasses import dataclass

from importers.generate.catalog import GREEN_SHIRT, Catalog, Product
from importers.generate.network import Accounts
from importers.generate.people import Customer, Employee, Store
from importers.generate.plant import Plan


def rng_for(seed: int, stage: str) -> random.Random:
    """An independent, reproducible random stream per stage (string seeds hash with SHA-512)."""
    return random.Random(f"rapport:{seed}:{stage}")  # noqa: S311 - simulation, not secrets


@dataclass(slots=True)
class World:
    """Everything generated before the files are written; times are UTC epoch seconds."""

    seed: int
    now: int
    start: int
    stores: list[Store]
    customers: list[Customer]
    employees: list[Employee]
    catalog: Catalog
    accounts: Accounts
    plan: Plan

    def employee_store(self, employee: int) -> Store | None:
        """The store an employee works in, if any."""
        idx = self.employees[employee].store
        return self.stores[idx] if idx >= 0 else None


def everyday_product(world: World, rng: random.Random) -> Product:
    """A product drawn by popularity, never the green shirt (only the influencer praises it)."""
    products = world.catalog.products
    p = world.catalog.draw(rng)
    return products[world.catalog.popular[0] if products[p].sku == GREEN_SHIRT else p]
