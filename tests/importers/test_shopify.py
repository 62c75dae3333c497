"""Shopify orders: line items grouped into purchases, blank order fields, unknown customers."""

from __future__ import annotations

from pathlib import Path

from graph.store.repository import Repository
from graph.times import from_db_time
from tests import graphdata
from tests.importers.conftest import Importer, node, out, rejects_of

HEADER = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,"
    "Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,"
    "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,"
    "Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,"
    "Billing Name,Billing Street,Billing City,Billing Country,Billing Phone,Notes,"
    "Payment Method,Id,Tags,Risk Level,Source,Phone,Vendor,Employee"
)


def _row(name: str, email: str, total: str, created: str, qty: str, item: str, price: str,
         sku: str, billing: str = "", source: str = "", employee: str = "") -> str:  # fmt: skip
    order = [name, email, "paid", created, "fulfilled", "", "yes", "EUR", total, "0", "0", total]
    if not total:  # later rows of an order: order-level fields are blank
        order = [name, email] + [""] * 10
    middle = ["", "", "", created if total else "", qty, item, price, "", sku, "true", "true", ""]
    tail = [billing, "1 Rue", "Lyon" if billing else "", "FR" if billing else "", "", "", "card",
            "", "", "low", source, "", "Acme", employee]  # fmt: skip
    return ",".join(order + middle + tail)


ORDERS = "\n".join(
    [
        HEADER,
        _row("#1001", "ann@example.com", "58.50", "2025-10-07 09:50:26 +0200", "1",
             "Green Shirt", "39.50", "SKU-GRN-SHIRT", source="pos", employee="e1"),
        _row("#1001", "ann@example.com", "", "", "2", "Wool Socks", "9.50", "SKU-WOOL-SOCKS"),
        _row("#1002", "New@Customer.example", "25.00", "2025-10-08 10:00:00 +0000", "1",
             "Mystery Scarf", "25.00", "", billing="Nia New", source="web"),
        _row("#1003", "", "10.00", "2025-10-09 10:00:00 +0000", "1", "Socks", "10", "SKU-X"),
        _row("#1004", "ann@example.com", "12.00", "2025-10-10 10:00:00 +0000", "many",
             "Silk Tie", "12", "SKU-SILK-TIE"),
    ]
) + "\n"  # fmt: skip


def _people(import_file: Importer) -> None:
    import_file("customers.csv", "id,name,email\nc1,Ann Lee,ann@example.com\n")
    import_file("employees.csv", "id,name,email,role\ne1,Eve Stone,eve@shop.example,seller\n")
    import_file(
        "products.csv",
        "sku,name,price\nSKU-GRN-SHIRT,Green Shirt,39.5\nSKU-WOOL-SOCKS,Wool Socks,9.5\n",
    )


def test_orders_become_purchases_with_line_items(
    import_file: Importer, graph_repo: Repository, tmp_path: Path
) -> None:
    _people(import_file)
    summary = import_file("orders_export.csv", ORDERS).summaries[0]
    assert summary.format == "shopify"
    # #1003 has nobody to belong to; #1004's unreadable quantity counts as one (a warning).
    assert (summary.read, summary.rejected, summary.warnings) == (4, 1, 1)
    purchase = node(graph_repo, "Purchase", "shopify:#1001")
    assert (purchase["total"], purchase["currency"], purchase["channel"]) == (58.5, "EUR", "pos")
    assert from_db_time(purchase["at"]).isoformat().startswith("2025-10-07T07:50:26")
    assert out(graph_repo, ("Customer", "MADE", "Purchase"), "c1") == [
        "shopify:#1001",
        "shopify:#1004",
    ]
    assert out(graph_repo, ("Purchase", "CONTAINS", "Product"), "shopify:#1001") == [
        "SKU-GRN-SHIRT", "SKU-WOOL-SOCKS",
    ]  # fmt: skip
    assert out(graph_repo, ("Employee", "SOLD", "Purchase"), "e1") == ["shopify:#1001"]
    # The catalog's product names are kept; the line item does not rename them.
    assert node(graph_repo, "Product", "SKU-GRN-SHIRT")["name"] == "Green Shirt"


def test_unknown_customer_and_product_are_created_from_the_order(
    import_file: Importer, graph_repo: Repository
) -> None:
    _people(import_file)
    import_file("orders_export.csv", ORDERS)
    newcomer = node(graph_repo, "Customer", "email:new@customer.example")
    assert (newcomer["name"], newcomer["city"]) == ("Nia New", "Lyon")
    assert node(graph_repo, "Product", "name:Mystery Scarf")["price"] == 25.0


def test_broken_orders_are_rejected_with_their_rows(
    import_file: Importer, graph_repo: Repository, tmp_path: Path
) -> None:
    _people(import_file)
    import_file("orders_export.csv", ORDERS)
    rejects = rejects_of(tmp_path / "orders_export.csv")
    assert [(r["kind"], r["reason"]) for r in rejects] == [
        ("reject", "order #1003 has no Email, phone or billing name: cannot tell whose it is"),
        ("warning", "line 6: Lineitem quantity: 'many' is not a number (left empty)"),
    ]
    rows = graphdata.relationships_from(
        graph_repo, ("Purchase", "CONTAINS", "Product"), ["shopify:#1004"]
    )
    assert [(r.end, r.props["quantity"]) for r in rows] == [("SKU-SILK-TIE", 1)]
    assert rejects[0]["line"] == 5
    assert rejects[0]["raw"].startswith("#1003,,paid")


def test_the_same_sku_on_two_rows_of_an_order_adds_up(
    import_file: Importer, graph_repo: Repository
) -> None:
    _people(import_file)
    orders = "\n".join(
        [
            HEADER,
            _row("#2001", "ann@example.com", "29.00", "2025-11-01 10:00:00 +0000", "2",
                 "Wool Socks", "9.50", "SKU-WOOL-SOCKS"),
            _row("#2001", "ann@example.com", "", "", "1", "Wool Socks (gift)", "10.00",
                 "SKU-WOOL-SOCKS"),
        ]
    ) + "\n"  # fmt: skip
    import_file("orders_dup.csv", orders)
    rows = graphdata.relationships_from(
        graph_repo, ("Purchase", "CONTAINS", "Product"), ["shopify:#2001"]
    )
    assert [(r.end, r.props["quantity"]) for r in rows] == [("SKU-WOOL-SOCKS", 3)]
