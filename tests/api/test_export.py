"""`rapport export` on a generated, analysed graph, on this engine: every file read back with
pyarrow (no Rapport code) against the graph and the manifest; CSV and JSON Lines too; `--since`
writes only what changed; and every customer, a new one too, gets recommendations."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from api.export.files import sha256
from graph.answers import export
from graph.settings import Settings
from graph.store import reads
from graph.store.repository import Repository
from importers.generate import Truth
from tests.conftest import cli_args

Run = Callable[..., object]


def _export(run_rapport: Callable[..., object], settings: Settings, *args: str) -> object:
    done = run_rapport(*cli_args(settings), "export", *args)
    assert done.returncode == 0, done.stderr  # type: ignore[attr-defined]
    return done


@pytest.fixture(scope="module")
def settings(repo: Repository, planted: Truth, make_settings: Callable[..., Settings]) -> Settings:
    return make_settings(db_name=repo.connection.database)


@pytest.fixture(scope="module")
def parquet(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import subprocess
    import sys

    from tests.conftest import PROJECT_ROOT, _clean_env, cli_env

    out = tmp_path_factory.mktemp("export") / "full"
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "export", "--out", str(out)],
        cwd=PROJECT_ROOT, env={**_clean_env(), **cli_env(settings)}, capture_output=True,
        text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "exported" in done.stdout
    return out


def test_every_table_reads_back_with_its_manifest_columns_types_and_checksums(
    parquet: Path,
) -> None:
    manifest = json.loads((parquet / "manifest.json").read_text())
    assert manifest["schemaVersion"] == export.SCHEMA_VERSION
    assert manifest["analysisRun"] is not None  # the analysis the derived tables come from
    assert set(manifest["tables"]) == {t.name for t in export.TABLES}
    for name, entry in manifest["tables"].items():
        path = parquet / entry["file"]
        assert sha256(path) == entry["sha256"], name
        table = pq.read_table(path)
        assert table.num_rows == entry["rows"], name
        assert table.schema.names == [c["name"] for c in entry["columns"]], name
        types = {c["name"]: c["type"] for c in entry["columns"]}
        for field in table.schema:
            expected = {"string": "string", "float64": "double", "int64": "int64", "bool": "bool",
                        "timestamp": "timestamp[us, tz=UTC]", "list<string>": "list<item: string>",
                        "list<float64>": "list<item: double>"}[types[field.name]]  # fmt: skip
            assert str(field.type).replace("element", "item") == expected, (name, field.name)


def test_row_counts_match_the_graph(parquet: Path, repo: Repository) -> None:
    counts = reads.counts(repo)
    rows = {n: pq.read_table(parquet / f"{n}.parquet").num_rows for n in
            ("customers", "products", "related_products", "influence", "warmth", "interests")}  # fmt: skip
    assert rows == {
        "customers": counts.nodes["Customer"], "products": counts.nodes["Product"],
        "related_products": counts.relationships["BOUGHT_WITH"],
        "influence": counts.relationships["INFLUENCES"],
        "warmth": counts.relationships["RAPPORT"],
        "interests": counts.relationships["INTERESTED_IN"],
    }  # fmt: skip


def test_the_planted_truths_are_in_the_files(parquet: Path, planted: Truth) -> None:
    related = pq.read_table(parquet / "related_products.parquet").to_pylist()
    shirt = sorted((r for r in related if r["product"] == planted.complements.product),
                   key=lambda r: r["rank"])  # fmt: skip
    assert [r["related"] for r in shirt[:2]] == list(planted.complements.top_two)
    warmth = [r for r in pq.read_table(parquet / "warmth.parquet").to_pylist()
              if r["customer"] == planted.warmest_employee.customer]  # fmt: skip
    assert max(warmth, key=lambda r: r["warmth"])["employee"] == planted.warmest_employee.employee
    customers = {r["id"]: r for r in pq.read_table(parquet / "customers.parquet").to_pylist()}
    assert customers[planted.top_influencer.customer]["influenceRank"] == 1
    assert "email" not in pq.read_table(parquet / "customers.parquet").schema.names


def test_every_customer_gets_at_least_three_recommendations_with_reasons(parquet: Path) -> None:
    recs = pq.read_table(parquet / "recommendations.parquet").to_pylist()
    customers = pq.read_table(parquet / "customers.parquet").column("id").to_pylist()
    per = Counter(r["customer"] for r in recs)
    assert all(per[c] >= 3 for c in customers), [c for c in customers if per[c] < 3][:5]
    assert all(r["reasons"] and len(r["reasons"]) == len(r["reasonKinds"]) for r in recs)
    for customer in customers[:20]:  # ranks 1..n, scores never rising
        mine = sorted((r for r in recs if r["customer"] == customer), key=lambda r: r["rank"])
        assert [r["rank"] for r in mine] == list(range(1, len(mine) + 1))
        assert [r["score"] for r in mine] == sorted((r["score"] for r in mine), reverse=True)


def test_csv_and_json_lines_hold_the_same_rows(
    settings: Settings, run_rapport: Callable[..., object], parquet: Path, tmp_path: Path
) -> None:
    _export(run_rapport, settings, "--format", "csv", "--out", str(tmp_path / "csv"),
            "--table", "warmth", "--table", "customers")  # fmt: skip
    _export(run_rapport, settings, "--format", "jsonl", "--out", str(tmp_path / "jsonl"),
            "--table", "warmth")  # fmt: skip
    reference = pq.read_table(parquet / "warmth.parquet").to_pylist()
    with (tmp_path / "csv" / "warmth.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(reference)
    assert list(rows[0]) == [c.name for c in export.table("warmth").columns]
    assert json.loads(rows[0]["breakdownKeys"]) == reference[0]["breakdownKeys"]  # lists: JSON
    assert rows[0]["computedAt"].endswith("Z")  # RFC 3339, UTC
    assert (tmp_path / "csv" / "warmth.csv").read_bytes().count(b"\r\n") == len(rows) + 1
    lines = (tmp_path / "jsonl" / "warmth.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["digest"] for line in lines] == [r["digest"] for r in reference]
    one = run_rapport(*cli_args(settings), "export", "--format", "csv", "--out", "-",
                      "--table", "related_products")  # fmt: skip
    assert one.stdout.splitlines()[0].startswith("product,related,")  # type: ignore[attr-defined]


def test_since_an_earlier_export_only_what_changed_goes_out(
    settings: Settings, run_rapport: Callable[..., object], parquet: Path, tmp_path: Path,
    client: TestClient, planted: Truth,
) -> None:  # fmt: skip
    renamed = planted.warmest_employee.customer
    mutation = """mutation($c: CustomerInput!) { upsertCustomer(customer: $c) { userErrors { message } } }"""
    for customer in (
        {"id": renamed, "name": "Renamed For Export"},
        {"id": "c-new-export", "name": "New"},
    ):
        answer = client.post("/graphql", json={"query": mutation, "variables": {"c": customer}})
        assert answer.json()["data"]["upsertCustomer"]["userErrors"] == []
    later = tmp_path / "later"
    _export(run_rapport, settings, "--since", str(parquet), "--out", str(later))
    manifest = json.loads((later / "manifest.json").read_text())
    assert manifest["since"]["folder"] == str(parquet)
    changed = pq.read_table(later / "customers.parquet").to_pylist()
    assert sorted(r["id"] for r in changed) == sorted([renamed, "c-new-export"])
    assert pq.read_table(later / "related_products.parquet").num_rows == 0  # nothing re-analysed
    recs = pq.read_table(later / "recommendations.parquet").to_pylist()
    new = [r for r in recs if r["customer"] == "c-new-export"]
    assert len(new) >= 3  # a new customer gets best sellers, saying so
    assert all(r["reasonKinds"] == ["best_seller"] for r in new)
    assert manifest["tables"]["customers"]["deleted"]["rows"] == 0
