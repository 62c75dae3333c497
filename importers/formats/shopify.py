"""Shopify orders export (CSV): one row per line item, grouped into one Purchase per order.

Rows of an order share ``Name`` (``#1043``); order-level fields come from the order's first
non-blank value (they are blank on later rows). The customer is found by ``Email``; a customer
we do not know yet is created from the billing details. An optional ``Employee`` column (POS
staff, by id or e-mail) gives the ``SOLD`` edge.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import groupby
from pathlib import Path
from typing import ClassVar

from graph import model
from graph.model import Record
from importers.directory import Directory
from importers.formats.base import (
    PEOPLE,
    PRODUCTS,
    PURCHASES,
    DirectoryFormat,
    FormatSpec,
    Item,
    Origin,
    Reject,
    SourceItem,
    guarded,
)
from importers.readers import values as v
from importers.readers.csv_rows import CsvRow, read_rows

REQUIRED = ("Name", "Email", "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price")


def _first(rows: list[CsvRow], column: str) -> str | None:
    for row in rows:
        value = (row.values.get(column) or "").strip()
        if value:
            return value
    return None


class ShopifyOrders(DirectoryFormat):
    """Orders exported from Shopify."""

    SPECS: ClassVar[tuple[FormatSpec, ...]] = (
        FormatSpec(
            "shopify",
            "Shopify orders export (CSV, one row per line item)",
            provides=frozenset({PURCHASES}),
            needs=frozenset({PEOPLE, PRODUCTS}),
        ),
    )

    def sniff(self, path: Path, head: str) -> bool:
        """True for a CSV with Shopify's line-item columns."""
        first = head.splitlines()[0] if head else ""
        return "Lineitem quantity" in first and "Name" in first

    def read(self, path: Path) -> Iterator[SourceItem]:
        """One item per order."""
        directory = self._directory()
        rows = read_rows(path)
        for name, group in groupby(rows, key=lambda r: (r.values.get("Name") or "").strip()):
            order_rows = list(group)
            origin = Origin(str(path), order_rows[0].line, "\n".join(r.raw for r in order_rows))
            broken = next((r for r in order_rows if r.problem), None)
            if broken is not None:
                yield Reject(origin, f"line {broken.line}: {broken.problem}")
                continue
            yield from guarded(origin, self._order_item, origin, name, order_rows, directory, path)

    def _order_item(
        self, origin: Origin, name: str, rows: list[CsvRow], directory: Directory, path: Path
    ) -> Item:
        return Item(origin, self._order(name, rows, directory, path))

    def _order(
        self, name: str, rows: list[CsvRow], directory: Directory, path: Path
    ) -> list[Record]:
        absent = [c for c in REQUIRED if c not in rows[0].values]
        if absent:
            raise ValueError(f"missing Shopify column(s): {', '.join(absent)}")
        if not name:
            raise ValueError("order without Name")
        email = (_first(rows, "Email") or "").lower()
        if not email:
            raise ValueError(f"order {name} has no Email: cannot tell whose it is")
        source = f"shopify:{path.name}"
        purchase = model.Purchase(
            id=f"shopify:{name}",
            at=v.when("Created at", _first(rows, "Created at") or _first(rows, "Paid at")),
            total=v.number("Total", _first(rows, "Total")),
            currency=_first(rows, "Currency"),
            channel=_first(rows, "Source"),
            store=_first(rows, "Location"),
            source=source,
        )
        records: list[Record] = [purchase]
        customer_id = directory.customer(email)
        if customer_id is None:
            customer_id = f"email:{email}"
            records.append(self._new_customer(customer_id, email, rows, source))
        records.append(model.Made(start_id=customer_id, end_id=purchase.id, source=source))
        seller = _first(rows, "Employee")
        if seller:
            seller_id = directory.employee(seller) or seller
            records.append(model.Sold(start_id=seller_id, end_id=purchase.id, source=source))
        lines: dict[str, model.Contains] = {}
        for row in rows:
            for record in self._line_item(purchase.id, row, directory, source):
                if not isinstance(record, model.Contains):
                    records.append(record)
                elif record.end_id in lines:  # one SKU on several rows (variants, discounts)
                    seen = lines[record.end_id]
                    total = (seen.quantity or 0) + (record.quantity or 0)
                    lines[record.end_id] = replace(seen, quantity=total)
                else:
                    lines[record.end_id] = record
        return records + list(lines.values())

    def _new_customer(
        self, customer_id: str, email: str, rows: list[CsvRow], source: str
    ) -> model.Customer:
        return model.Customer(
            id=customer_id,
            email=email,
            name=_first(rows, "Billing Name"),
            phone=_first(rows, "Billing Phone") or _first(rows, "Phone"),
            city=_first(rows, "Billing City"),
            country=_first(rows, "Billing Country"),
            source=source,
        )

    def _line_item(
        self, purchase_id: str, row: CsvRow, directory: Directory, source: str
    ) -> list[Record]:
        values = row.values
        item_name = (values.get("Lineitem name") or "").strip()
        sku = (values.get("Lineitem sku") or "").strip() or (
            f"name:{item_name}" if item_name else ""
        )
        if not sku:
            raise ValueError(f"line {row.line}: line item without Lineitem sku or name")
        quantity = v.integer("Lineitem quantity", values.get("Lineitem quantity"))
        if quantity is None:
            quantity = 1  # a blank quantity is one item; 0 or less is refused by the model
        price = v.number("Lineitem price", values.get("Lineitem price"))
        records: list[Record] = []
        if sku not in directory.product_ids:
            vendor = (values.get("Vendor") or "").strip() or None
            records.append(
                model.Product(
                    id=sku, name=item_name or None, brand=vendor, price=price, source=source
                )
            )
        records.append(
            model.Contains(
                start_id=purchase_id, end_id=sku, quantity=quantity, unit_price=price, source=source
            )
        )
        return records
