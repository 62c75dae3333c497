"""CRM CSV imports: native columns, a HubSpot mapping, broken rows to the rejects file."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import ConfigError
from graph.store import pending, reads
from graph.store.repository import Repository
from graph.times import from_db_time
from importers.formats.mapping import load_mapping
from tests.importers.conftest import Importer, node, out, rejects_of

CUSTOMERS = """id,name,email,phone,city,country,joined_at,tier,twitter,referred_by
c1,Ann Lee,Ann@Example.com,+33 1,Lyon,FR,2024-03-01T10:00:00Z,gold,ann_lee,c3
c2,Bob Ray,bob@example.com,,Paris,FR,2024-03-02 09:00:00 +0200,silver,,
c3,Zoë Brandt,zoe@example.com,,Berlin,DE,2024-01-15,bronze,@Zoe_B,
c4,Bad Date,bad@example.com,,Rome,IT,yesterday,gold,,
,No Id,noid@example.com,,Rome,IT,,,,
c5,Too,many,columns,here,x,y,z,w,v,extra
"""

PRODUCTS = """sku,name,category,brand,price,tags,complements
SKU-GRN-SHIRT,Green Shirt,Shirts,Acme,39.50,cotton;green,SKU-WOOL-SOCKS;SKU-SILK-TIE
SKU-WOOL-SOCKS,Wool Socks,Socks,Acme,9,,
SKU-SILK-TIE,Silk Tie,Ties,Acme,"1,020.00",silk,
SKU-BAD,Bad Price,Ties,Acme,cheap,,
"""


def test_customers_are_imported_with_accounts_referrals_and_rejects(
    import_file: Importer, graph_repo: Repository, tmp_path: Path
) -> None:
    report = import_file("customers.csv", CUSTOMERS)
    summary = report.summaries[0]
    assert summary.format == "customers"
    # A date nobody can read in an optional field leaves it empty (a warning), not the contact lost.
    assert (summary.read, summary.imported, summary.rejected, summary.warnings) == (6, 4, 2, 2)
    assert "joinedAt" not in node(graph_repo, "Customer", "c4")
    ann = node(graph_repo, "Customer", "c1")
    assert (ann["email"], ann["tier"], ann["source"]) == (
        "ann@example.com",
        "gold",
        "customers:customers.csv",
    )
    # Several date formats, all stored in UTC.
    bob = node(graph_repo, "Customer", "c2")
    assert from_db_time(bob["joinedAt"]).isoformat().startswith("2024-03-02T07:00:00")
    assert out(graph_repo, ("Customer", "OWNS", "SocialAccount"), "c3") == ["twitter:zoe_b"]
    # c1 was referred by c3, who comes later in the file: written in the second pass.
    assert out(graph_repo, ("Customer", "REFERRED", "Customer"), "c3") == ["c1"]
    rejects = rejects_of(tmp_path / "customers.csv")
    assert [(r["line"], r["kind"], r["reason"]) for r in rejects] == [
        (2, "warning", "phone: '+33 1' is not a phone number (left empty)"),
        (5, "warning", "joined_at: unrecognised date 'yesterday' (left empty)"),
        (6, "reject", "empty required field(s): id"),
        (7, "reject", "expected 10 columns, found 11"),
    ]  # fmt: skip
    assert rejects[3]["raw"] == "c5,Too,many,columns,here,x,y,z,w,v,extra"


def test_reimport_changes_nothing(import_file: Importer, graph_repo: Repository) -> None:
    import_file("customers.csv", CUSTOMERS)
    before = reads.counts(graph_repo)
    again = import_file("customers.csv", CUSTOMERS).summaries[0]
    assert again.created == 0
    assert reads.counts(graph_repo) == before


def test_products_with_categories_complements_and_number_formats(
    import_file: Importer, graph_repo: Repository, tmp_path: Path
) -> None:
    summary = import_file("products.csv", PRODUCTS).summaries[0]
    assert (summary.rejected, summary.warnings) == (0, 1)
    assert "price" not in node(graph_repo, "Product", "SKU-BAD")
    assert node(graph_repo, "Product", "SKU-SILK-TIE")["price"] == 1020.0
    assert node(graph_repo, "Product", "SKU-GRN-SHIRT")["tags"] == ["cotton", "green"]
    assert out(graph_repo, ("Product", "COMPLEMENTS", "Product"), "SKU-GRN-SHIRT") == [
        "SKU-SILK-TIE", "SKU-WOOL-SOCKS",
    ]  # fmt: skip
    assert out(graph_repo, ("Product", "IN_CATEGORY", "Category"), "SKU-WOOL-SOCKS") == ["socks"]
    warning = rejects_of(tmp_path / "products.csv")[0]
    assert (warning["kind"], warning["reason"]) == (
        "warning",
        "price: 'cheap' is not a number (left empty)",
    )


def test_bad_encoding_rejects_only_that_row(
    import_file: Importer, graph_repo: Repository, tmp_path: Path
) -> None:
    content = (
        b"id,name,email,phone,city,country,joined_at,tier,twitter,referred_by\n"
        b"enc1,Jos\xe9 Latin1,jose@example.com,,Lyon,FR,,,,\n"
        b"enc2,Jos\xc3\xa9 Utf8,jose2@example.com,,Lyon,FR,,,,\n"
    )
    summary = import_file("enc.csv", content, format_name="customers").summaries[0]
    assert (summary.read, summary.rejected) == (2, 1)
    assert node(graph_repo, "Customer", "enc2")["name"] == "José Utf8"
    reject = rejects_of(tmp_path / "enc.csv")[0]
    assert reject["line"] == 2
    assert "not valid utf-8" in reject["reason"]
    assert "Jos\\xe9 Latin1" in reject["raw"]


def test_missing_required_column_rejects_the_file_with_the_columns_it_needs(
    import_file: Importer, tmp_path: Path
) -> None:
    summary = import_file("people.csv", "name,email\nAnn,a@x.com\n", format_name="customers")
    assert summary.summaries[0].rejected == 1
    reason = rejects_of(tmp_path / "people.csv")[0]["reason"]
    assert "missing required column(s) for customers: id" in reason
    assert "--mapping" in reason


def test_hubspot_export_through_a_mapping(
    import_file: Importer, graph_repo: Repository, tmp_path: Path
) -> None:
    mapping_file = tmp_path / "hubspot.toml"
    mapping_file.write_text(
        'kind = "customers"\n[columns]\nid = "Record ID"\nname = ["First Name", "Last Name"]\n'
        'email = "Email"\ncity = "City"\njoined_at = "Create Date"\n',
        encoding="utf-8",
    )
    export = (
        '"Record ID","First Name","Last Name","Email","City","Create Date","Lifecycle Stage"\n'
        '"hs-901","Mia","Wong","mia@example.com","Leeds","2023-11-05 14:02","customer"\n'
    )
    import_file("contacts.csv", export, mapping=load_mapping(mapping_file))
    mia = node(graph_repo, "Customer", "hs-901")
    assert (mia["name"], mia["city"]) == ("Mia Wong", "Leeds")


def test_mapping_errors_name_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('kind = "customers"\n[columns]\nshoe_size = "Size"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="customers have no field 'shoe_size'"):
        load_mapping(bad)
    bad.write_text('kind = "planets"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="kind must be one of"):
        load_mapping(bad)


def test_follows_create_accounts_and_reject_self_follows(
    import_file: Importer, graph_repo: Repository, tmp_path: Path
) -> None:
    report = import_file(
        "follows.csv", "platform,follower,followed\ntwitter,@Ann,bob\ntwitter,bob,bob\n"
    )
    assert report.summaries[0].rejected == 1
    assert out(graph_repo, ("SocialAccount", "FOLLOWS", "SocialAccount"), "twitter:ann") == [
        "twitter:bob"
    ]
    assert "cannot follow itself" in rejects_of(tmp_path / "follows.csv")[0]["reason"]


def test_friendship_with_a_customer_not_imported_yet_waits_and_links_when_they_arrive(
    import_file: Importer, graph_repo: Repository
) -> None:
    import_file("customers.csv", CUSTOMERS)
    summary = import_file("friends.csv", "customer_a,customer_b\nc1,c2\nc1,ghost\n").summaries[0]
    # Not rejected and not invented: kept pending until 'ghost' is imported.
    assert (summary.rejected, summary.pending, summary.linked) == (0, 1, 0)
    assert out(graph_repo, ("Customer", "KNOWS", "Customer"), "c1") == ["c2"]
    assert pending.count(graph_repo) == 1
    later = import_file("more.csv", "id,name,email\nghost,Gus Host,gus@example.com\n")
    assert later.summaries[0].linked == 1
    assert out(graph_repo, ("Customer", "KNOWS", "Customer"), "c1") == ["c2", "ghost"]
    assert pending.count(graph_repo) == 0
