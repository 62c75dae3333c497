"""The plain CSV tables: customers, employees, products, follows, friendships."""

from __future__ import annotations

from pathlib import Path

from importers.generate.world import World
from importers.generate.writer import csv_file, iso_z, money

CUSTOMER_COLUMNS = (
    "id",
    "name",
    "email",
    "phone",
    "city",
    "country",
    "joined_at",
    "tier",
    "twitter",
    "referred_by",
)
EMPLOYEE_COLUMNS = ("id", "name", "email", "role", "team", "store", "twitter", "signature")
PRODUCT_COLUMNS = ("sku", "name", "category", "brand", "price", "tags", "complements")
FOLLOW_COLUMNS = ("platform", "follower", "followed")
FRIEND_COLUMNS = ("customer_a", "customer_b")


def write_customers(path: Path, world: World) -> int:
    """customers.csv, one row per customer in id order."""
    customers = world.customers
    with csv_file(path, CUSTOMER_COLUMNS) as writer:
        for c in customers:
            referrer = customers[c.referred_by].id if c.referred_by >= 0 else ""
            writer.writerow(
                (
                    c.id,
                    c.name,
                    c.email,
                    c.phone,
                    c.city.name,
                    c.city.country,
                    iso_z(c.joined),
                    c.tier,
                    c.handle,
                    referrer,
                )
            )
    return len(customers)


def write_employees(path: Path, world: World) -> int:
    """employees.csv; ``store`` is the store's city, or ``Online``."""
    with csv_file(path, EMPLOYEE_COLUMNS) as writer:
        for e in world.employees:
            store = world.employee_store(e.idx)
            writer.writerow(
                (
                    e.id,
                    e.name,
                    e.email,
                    e.role,
                    e.team,
                    store.city.name if store else "Online",
                    e.handle,
                    e.signature,
                )
            )
    return len(world.employees)


def write_products(path: Path, world: World) -> int:
    """products.csv; tags and complements ``;``-separated."""
    products = world.catalog.products
    with csv_file(path, PRODUCT_COLUMNS) as writer:
        for p in products:
            writer.writerow(
                (
                    p.sku,
                    p.name,
                    p.category,
                    p.brand,
                    money(p.price),
                    ";".join(p.tags),
                    ";".join(p.complements),
                )
            )
    return len(products)


def write_follows(path: Path, world: World) -> int:
    """follows.csv: every follow edge between twitter handles."""
    acc = world.accounts
    count = 0
    with csv_file(path, FOLLOW_COLUMNS) as writer:
        for a, targets in enumerate(acc.out):
            follower = acc.handles[a]
            writer.writerows(("twitter", follower, acc.handles[t]) for t in targets)
            count += len(targets)
    return count


def write_friendships(path: Path, world: World, pairs: list[tuple[int, int]]) -> int:
    """friendships.csv: customer id pairs who know each other."""
    customers = world.customers
    with csv_file(path, FRIEND_COLUMNS) as writer:
        writer.writerows((customers[a].id, customers[b].id) for a, b in pairs)
    return len(pairs)
