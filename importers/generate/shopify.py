"""orders.csv in the Shopify orders-export shape: one row per line item, grouped by ``Name``."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path

from importers.generate.catalog import Product
from importers.generate.orders import Order
from importers.generate.people import Customer
from importers.generate.sampling import Weighted, between
from importers.generate.world import World
from importers.generate.writer import DAY, HOUR, csv_file, money, shopify_time

COLUMNS = (
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Fulfilled at",
    "Accepts Marketing",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Shipping Method",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Billing Name",
    "Billing Street",
    "Billing City",
    "Billing Zip",
    "Billing Country",
    "Billing Phone",
    "Shipping Name",
    "Shipping Street",
    "Shipping City",
    "Shipping Zip",
    "Shipping Country",
    "Notes",
    "Payment Method",
    "Id",
    "Tags",
    "Risk Level",
    "Source",
    "Phone",
    "Vendor",
    "Employee",
)
LINE_COLUMNS = (
    "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem compare at price",
    "Lineitem sku", "Lineitem requires shipping", "Lineitem taxable",
    "Lineitem fulfillment status", "Vendor",
)  # fmt: skip
LINE_AT = tuple(COLUMNS.index(c) for c in LINE_COLUMNS)
WIDTH = len(COLUMNS)
# Order columns Shopify repeats on every line-item row; the others are on the first row only.
REPEATED_AT = frozenset(COLUMNS.index(c) for c in ("Name", "Email", "Created at"))
STATUS = Weighted([("paid", 96), ("refunded", 2), ("partially_refunded", 2)])
DISCOUNT_PERCENT = {"WELCOME10": 10, "SPRING15": 15, "RAPPORT20": 20}
NOTES = ("Gift wrap, please", "Please leave the parcel with the concierge", "Birthday present!")


def _offset(ts: int, rng: random.Random) -> int:
    """Mostly Paris time (summer/winter), sometimes London or New York."""
    roll = rng.random()
    if roll < 0.85:
        return 120 if 4 <= time.gmtime(ts).tm_mon <= 10 else 60
    return 0 if roll < 0.95 else -240


def _shipping(order: Order, subtotal: int, rng: random.Random) -> tuple[str, int]:
    if order.source == "pos":
        return "", 0
    roll = rng.random()
    if roll < 0.1:
        return "Click & Collect", 0
    if roll < 0.25:
        return "Express Shipping", 990
    return "Standard Shipping", 0 if subtotal >= 8000 else 490


def _order_fields(
    world: World, order: Order, number: int, subtotal: int, rng: random.Random
) -> dict[str, str]:
    """The order-level columns (first row)."""
    c = world.customers[order.customer]
    offset = _offset(order.ts, rng)
    discount = subtotal * DISCOUNT_PERCENT.get(order.discount, 0) // 100
    method, shipping = _shipping(order, subtotal - discount, rng)
    total = subtotal - discount + shipping
    paid = order.ts + between(rng, 1, 30)
    fulfilled = paid if order.source == "pos" else order.ts + between(rng, HOUR, 3 * DAY)
    done = fulfilled < world.now
    status = STATUS.draw(rng)
    fields = {
        "Financial Status": status,
        "Paid at": shopify_time(paid, offset),
        "Fulfillment Status": "fulfilled" if done else "unfulfilled",
        "Fulfilled at": shopify_time(fulfilled, offset) if done else "",
        "Accepts Marketing": "yes" if c.marketing else "no",
        "Currency": "EUR",
        "Subtotal": money(subtotal - discount),
        "Shipping": money(shipping),
        "Taxes": money(round((total) * 20 / 120)),
        "Total": money(total),
        "Discount Code": order.discount,
        "Discount Amount": money(discount) if order.discount else "0.00",
        "Shipping Method": method,
        "Created at": shopify_time(order.ts, offset),
        "Notes": rng.choice(NOTES) if rng.random() < 0.03 else "",
        "Payment Method": _payment(order, rng),
        "Id": str(5_800_000_000_000 + number * 1024 + between(rng, 0, 1023)),
        "Tags": "vip" if c.tier == "gold" else "",
        "Risk Level": "Low",
        "Source": order.source,
        "Phone": c.phone,
        "Employee": world.employees[order.employee].id if order.employee >= 0 else "",
    }
    return fields | _addresses(c, shipped=order.source == "web")


def _payment(order: Order, rng: random.Random) -> str:
    if order.source == "pos":
        return "Cash" if rng.random() < 0.15 else "Shopify Payments"
    return "PayPal Express Checkout" if rng.random() < 0.25 else "Shopify Payments"


def _addresses(c: Customer, *, shipped: bool) -> dict[str, str]:
    billing = {
        "Name": c.name,
        "Street": c.street,
        "City": c.city.name,
        "Zip": c.zip,
        "Country": c.city.country,
    }
    fields = {f"Billing {k}": v for k, v in billing.items()} | {"Billing Phone": c.phone}
    if shipped:
        fields |= {f"Shipping {k}": v for k, v in billing.items()}
    return fields


def _line(
    product: Product, quantity: int, shipped: bool, status: str, rng: random.Random
) -> tuple[str, ...]:
    """The line-item columns, in ``LINE_COLUMNS`` order."""
    compare = product.price * 5 // 4 // 100 * 100 + 90 if rng.random() < 0.1 else 0
    return (
        str(quantity),
        product.name,
        money(product.price),
        money(compare) if compare else "",
        product.sku,
        "true" if shipped else "false",
        "true",
        status,
        product.brand,
    )


def _rows(world: World, order: Order, number: int, rng: random.Random) -> Iterator[list[str]]:
    products = world.catalog.products
    subtotal = sum(products[p].price * q for p, q in order.items)
    head = _order_fields(world, order, number, subtotal, rng)
    head["Name"] = f"#{1001 + number}"
    head["Email"] = world.customers[order.customer].email
    first = [head.get(column, "") for column in COLUMNS]
    status = "fulfilled" if head["Fulfillment Status"] == "fulfilled" else "pending"
    for k, (p, quantity) in enumerate(order.items):
        row = first if k == 0 else [first[i] if i in REPEATED_AT else "" for i in range(WIDTH)]
        for i, value in zip(
            LINE_AT, _line(products[p], quantity, order.source == "web", status, rng), strict=True
        ):
            row[i] = value
        yield row


def write_orders(path: Path, world: World, orders: list[Order], rng: random.Random) -> int:
    """Write ``orders`` (already sorted) to ``path``; return the number of line-item rows."""
    count = 0
    with csv_file(path, COLUMNS) as writer:
        for number, order in enumerate(orders):
            for row in _rows(world, order, number, rng):
                writer.writerow(row)
                count += 1
    return count
