"""Shopify orders export (CSV): one row per line item, grouped into one Purchase per order.

Rows of an order share ``Name`` (``#1043``); order-level fields come from the order's first
non-blank value (they are blank on later rows). Order names are per store, so a purchase is keyed
by store and name: ``shopify:<store>:#1043`` with ``--store NAME`` (or a ``Store`` column), else
``shopify:#1043`` (the one default store).

The customer is found by the best key the order has: its ``Email``; else its phone (``Phone`` or
``Billing Phone``, in E.164, read in the billing country); else the billing name, per store. A
phone-only customer who later orders with an e-mail is the same customer (the e-mail is added to
them). An optional ``Employee`` column (POS staff, by id, e-mail or name) gives the ``SOLD`` edge.

Kept on the purchase: financial and fulfillment status, refunded amount, discount code and the
UTM source/medium/campaign found in ``Note Attributes``; on the customer, ``Accepts Marketing``.
Refunded and voided orders stay in the graph but are not purchases for recommendations.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import groupby
from pathlib import Path
from typing import Any, ClassVar

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
    missing_columns,
)
from importers.readers.csv_rows import CsvRow, read_header, read_rows
from importers.readers.fields import Fields

REQUIRED = ("Name", "Email", "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price")
UTM = ("utm_source", "utm_medium", "utm_campaign")


def _first(rows: list[CsvRow], column: str) -> str | None:
    for row in rows:
        value = (row.values.get(column) or "").strip()
        if value:
            return value
    return None


def note_attributes(text: str | None) -> dict[str, str]:
    """Shopify's ``Note Attributes``: one ``name: value`` a line.

    >>> note_attributes("utm_source: instagram\\nutm_medium: social\\ngift: yes")
    {'utm_source': 'instagram', 'utm_medium': 'social', 'gift': 'yes'}
    """
    found: dict[str, str] = {}
    for line in (text or "").splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip() and value.strip():
            found[name.strip().lower()] = value.strip()
    return found


class _OrderValues(Mapping[str, str]):
    """An order's fields: each column's first non-blank value over the order's rows (read when
    asked: an export has some 80 columns, an order needs a few)."""

    def __init__(self, rows: list[CsvRow]) -> None:
        self.rows = rows

    def __getitem__(self, column: str) -> str:
        if column not in self.rows[0].values:
            raise KeyError(column)
        return self.get(column) or ""

    def get(self, column: str, default: str | None = None) -> str | None:  # type: ignore[override]
        """The column's first non-blank value over the order's rows (``default`` if none)."""
        if len(self.rows) == 1:  # most orders are one line
            return self.rows[0].values.get(column) or default
        return _first(self.rows, column) or default

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows[0].values)

    def __len__(self) -> int:
        return len(self.rows[0].values)


@dataclass
class _Customers:
    """Who ordered: the graph's directory, plus the customers this file has made so far."""

    directory: Directory
    by_email: dict[str, str] = field(default_factory=dict)
    by_phone: dict[str, str] = field(default_factory=dict)
    said: dict[str, model.Customer] = field(default_factory=dict)

    def find(self, email: str | None, phone: str | None) -> str | None:
        if email:
            found = self.by_email.get(email) or self.directory.customer(email)
            if found:
                return found
        if phone:
            return self.by_phone.get(phone) or self.directory.customers_by_phone.get(phone)
        return None

    def once(self, customer: model.Customer) -> model.Customer | None:
        """``customer``, unless this file already said the same about them."""
        if self.said.get(customer.id) == customer:
            return None
        self.said[customer.id] = customer
        return customer

    def remember(self, customer_id: str, email: str | None, phone: str | None) -> None:
        if email:
            self.by_email.setdefault(email, customer_id)
        if phone:
            self.by_phone.setdefault(phone, customer_id)


class ShopifyOrders(DirectoryFormat):
    """Orders exported from Shopify."""

    SPECS: ClassVar[tuple[FormatSpec, ...]] = (
        FormatSpec(
            "shopify",
            "Shopify orders export (CSV, one row per line item)",
            provides=frozenset({PURCHASES}),
            needs=frozenset({PEOPLE, PRODUCTS}),
            identities=True,  # it brings customers the CRM did not have
        ),
    )

    def sniff(self, path: Path, head: str) -> bool:
        """True for a CSV with Shopify's line-item columns."""
        first = head.splitlines()[0] if head else ""
        return "Lineitem quantity" in first and "Name" in first

    def read(self, path: Path) -> Iterator[SourceItem]:
        """One item per order."""
        why = "(is this a Shopify orders export? Orders > Export, 'Plain CSV file')"
        missing = missing_columns(path, read_header(path), REQUIRED, why)
        if missing is not None:
            yield missing
            return
        customers = _Customers(self.context.directory())
        for name, group in groupby(
            read_rows(path), key=lambda r: (r.values.get("Name") or "").strip()
        ):
            order_rows = list(group)
            origin = Origin(str(path), order_rows[0].line, "\n".join(r.raw for r in order_rows))
            broken = next((r for r in order_rows if r.problem), None)
            if broken is not None:
                yield Reject(origin, f"line {broken.line}: {broken.problem}")
                continue
            source = f"shopify:{path.name}"
            yield from guarded(
                origin, self._order_item, origin, name, order_rows, customers, source
            )

    def order_item(self, origin: Origin, rows: list[CsvRow], source: str) -> Item:
        """One order's item from its export rows (an order webhook's, see :func:`webhook_rows`);
        ``ValueError`` saying why when it cannot be read."""
        name = (rows[0].values.get("Name") or "").strip()
        return self._order_item(origin, name, rows, _Customers(self.context.directory()), source)

    def _order_item(
        self, origin: Origin, name: str, rows: list[CsvRow], customers: _Customers, source: str
    ) -> Item:
        order = Fields(
            _OrderValues(rows),
            date_format=lambda _: self.context.date_format,
            day_first=self.context.day_first,
            region=_first(rows, "Billing Country") or self.context.repository.settings.phone_region,
        )
        records = self._order(name, order, rows, customers, source)
        return Item(origin, records, warnings=order.warnings)

    def _order(
        self, name: str, order: Fields, rows: list[CsvRow], customers: _Customers, source: str
    ) -> list[Record]:
        if not name:
            raise ValueError("order without Name")
        store = self.context.store or order.get("Store")
        notes = note_attributes(order.get("Note Attributes"))
        purchase = model.Purchase(
            id=f"shopify:{store}:{name}" if store else f"shopify:{name}",
            order_name=name,
            at=order.when("Created at", required=True),
            total=order.number("Total"),
            currency=order.get("Currency"),
            channel=order.get("Source"),
            store=store or order.get("Location"),
            financial_status=(order.get("Financial Status") or "").lower() or None,
            fulfillment_status=(order.get("Fulfillment Status") or "").lower() or None,
            refunded_amount=order.number("Refunded Amount"),
            discount_code=order.get("Discount Code"),
            utm_source=notes.get("utm_source"),
            utm_medium=notes.get("utm_medium"),
            utm_campaign=notes.get("utm_campaign"),
            source=source,
        )
        customer_id, customer = self._customer(order, customers, store, source)
        records: list[Record] = [purchase] if customer is None else [purchase, customer]
        records.append(model.Made(start_id=customer_id, end_id=purchase.id, source=source))
        seller = order.get("Employee")
        if seller:
            seller_id = customers.directory.employee(seller) or seller
            records.append(model.Sold(start_id=seller_id, end_id=purchase.id, source=source))
        return records + self._lines(purchase.id, rows, customers.directory, source, order)

    def _customer(
        self, order: Fields, customers: _Customers, store: str | None, source: str
    ) -> tuple[str, model.Customer | None]:
        """Whose order it is, by the best key it has, and what the order says about them (None:
        nothing new since an earlier order of this file)."""
        email = (order.get("Email") or "").lower() or None
        phone = order.phone("Phone") or order.phone("Billing Phone")
        name = order.get("Billing Name") or order.get("Shipping Name")
        known = customers.find(email, phone)
        if known is not None:
            customer_id = known
        elif email:
            customer_id = f"email:{email}"
        elif phone:
            customer_id = f"phone:{phone}"
        elif name:
            customer_id = (
                f"shopify:{store + ':' if store else ''}name:{' '.join(name.lower().split())}"
            )
        else:
            raise ValueError(f"order {order['Name']} has no Email, phone or billing name: "
                             "cannot tell whose it is")  # fmt: skip
        customers.remember(customer_id, email, phone)
        consent = order.flag("Accepts Marketing")
        if not customer_id.startswith(("email:", "phone:", "shopify:")):
            # The CRM's own customers keep what the CRM says; the order adds their consent.
            if consent is None or customers.directory.consent.get(customer_id) == consent:
                return customer_id, None
            return customer_id, customers.once(
                model.Customer(id=customer_id, accepts_marketing=consent, source=source)
            )
        # Orders describe the customers they made, whatever order the files come in.
        return customer_id, customers.once(model.Customer(
            id=customer_id,
            email=email,  # a phone-only customer now known by e-mail too
            phone=phone,
            name=name,
            city=order.get("Billing City") or order.get("Shipping City"),
            country=order.get("Billing Country") or order.get("Shipping Country"),
            accepts_marketing=consent,
            source=source,
        ))  # fmt: skip

    def _lines(
        self, purchase_id: str, rows: list[CsvRow], directory: Directory, source: str, order: Fields
    ) -> list[Record]:
        """The products and one CONTAINS per SKU (a SKU on several rows is added up)."""
        records: list[Record] = []
        lines: dict[str, model.Contains] = {}
        for row in rows:
            item = Fields(row.values)
            item_name = item.get("Lineitem name")
            sku = item.get("Lineitem sku") or (f"name:{item_name}" if item_name else None)
            if sku is None:
                raise ValueError(f"line {row.line}: line item without Lineitem sku or name")
            quantity = item.integer("Lineitem quantity")
            price = item.number("Lineitem price")
            if quantity == 0:  # an item taken off the order
                item.warnings.append("Lineitem quantity: 0 (line left out)")
            order.warnings.extend(f"line {row.line}: {w}" for w in item.warnings)
            if quantity == 0:
                continue
            if sku not in directory.product_ids:
                records.append(model.Product(id=sku, name=item_name, brand=item.get("Vendor"),
                                             price=price, source=source))  # fmt: skip
            line = model.Contains(start_id=purchase_id, end_id=sku, quantity=quantity or 1,
                                  unit_price=price, source=source)  # fmt: skip
            if sku in lines:  # one SKU on several rows (variants, discounts)
                seen = lines[sku]
                line = replace(seen, quantity=(seen.quantity or 0) + (line.quantity or 0))
            lines[sku] = line
        return records + list(lines.values())


# ---------------------------------------------------------------- order webhooks (orders/create, …)


def _text(value: object) -> str:
    return "" if value is None or isinstance(value, dict | list) else str(value)


def _address(order: Mapping[str, Any], which: str) -> dict[str, str]:
    found = order.get(f"{which}_address")
    address = found if isinstance(found, dict) else {}
    name = _text(address.get("name")) or " ".join(
        p for p in (_text(address.get("first_name")), _text(address.get("last_name"))) if p
    )
    title = which.capitalize()
    return {
        f"{title} Name": name,
        f"{title} City": _text(address.get("city")),
        # The export writes the country's code: phones are read in it.
        f"{title} Country": _text(address.get("country_code") or address.get("country")),
        f"{title} Phone": _text(address.get("phone")),
    }


def _refunded(order: Mapping[str, Any]) -> str:
    total = 0.0
    for refund in order.get("refunds") or []:
        for move in (refund or {}).get("transactions") or []:
            if move.get("kind") == "refund" and move.get("status", "success") == "success":
                total += float(move.get("amount") or 0)
    return f"{total:.2f}" if total else ""


def webhook_rows(order: Mapping[str, Any]) -> list[CsvRow]:
    """The rows a Shopify orders export holds for the order of an order webhook body
    (``orders/create``, ``orders/updated``, ``orders/paid``, …), so a pushed order is read by the
    same code as an exported one.

    >>> rows = webhook_rows({"name": "#1001", "email": "Ann@Example.com",
    ...     "created_at": "2026-12-04T10:00:00-05:00", "total_price": "30.00",
    ...     "line_items": [{"sku": "SKU-1", "name": "Shirt", "quantity": 2, "price": "15.00"}]})
    >>> [(r.values["Name"], r.values["Lineitem sku"], r.values["Lineitem quantity"]) for r in rows]
    [('#1001', 'SKU-1', '2')]
    """
    if not isinstance(order.get("name"), str) or not isinstance(order.get("line_items"), list):
        raise ValueError("an order body needs name and line_items (is this an orders/* webhook?)")
    found = order.get("customer")
    customer: dict[str, Any] = found if isinstance(found, dict) else {}
    notes = "\n".join(
        f"{a.get('name')}: {a.get('value')}"
        for a in order.get("note_attributes") or []
        if isinstance(a, dict) and a.get("name")
    )
    codes = [c.get("code") for c in order.get("discount_codes") or [] if isinstance(c, dict)]
    consent = order.get("buyer_accepts_marketing", customer.get("accepts_marketing"))
    values = {
        "Name": _text(order.get("name")),
        "Id": _text(order.get("id")),
        "Email": _text(order.get("email") or order.get("contact_email") or customer.get("email")),
        "Phone": _text(order.get("phone") or customer.get("phone")),
        "Created at": _text(order.get("created_at")),
        "Cancelled at": _text(order.get("cancelled_at")),
        "Currency": _text(order.get("currency")),
        "Total": _text(order.get("total_price")),
        "Financial Status": _text(order.get("financial_status")),
        "Fulfillment Status": _text(order.get("fulfillment_status")),
        "Refunded Amount": _refunded(order),
        "Discount Code": _text(next((c for c in codes if c), "")),
        "Source": _text(order.get("source_name")),
        "Accepts Marketing": "" if consent is None else ("yes" if consent else "no"),
        "Note Attributes": notes,
        **_address(order, "billing"),
        **_address(order, "shipping"),
    }
    rows = []
    for n, line in enumerate(order["line_items"], start=1):
        if not isinstance(line, dict):
            raise ValueError(f"line_items[{n - 1}] is not an object")
        first = values if n == 1 else {k: "" for k in values} | {"Name": values["Name"]}
        rows.append(CsvRow(line=n, raw="", values={
            **first,
            "Lineitem quantity": _text(line.get("quantity")),
            "Lineitem name": _text(line.get("name") or line.get("title")),
            "Lineitem price": _text(line.get("price")),
            "Lineitem sku": _text(line.get("sku")),
            "Vendor": _text(line.get("vendor")),
        }))  # fmt: skip
    if not rows:
        raise ValueError("the order has no line_items")
    return rows
