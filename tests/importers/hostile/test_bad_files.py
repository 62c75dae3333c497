"""No bad file stops an import: each probe of the corpus ends with its rejects counted, the good
records around it imported, and no traceback (see ``probes.py``)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.settings import Settings
from graph.store import schema
from graph.store.repository import Repository
from importers.run.files import ImportReport, import_path
from tests.conftest import cli_env
from tests.importers.conftest import rejects_of
from tests.importers.hostile.probes import PROBES, Probe

Run = Callable[..., subprocess.CompletedProcess[str]]
SUFFIX = {"twitter": ".jsonl", "yelp_review": ".json", "yelp_user": ".json", "mbox": ".mbox"}


@pytest.fixture(scope="module")
def shop(repo: Repository, tmp_path_factory: pytest.TempPathFactory) -> Repository:
    """A customer (Ann), an employee (Eve), a hat, a Yelp reviewer and business."""
    schema.apply(repo)
    folder = tmp_path_factory.mktemp("shop")
    files = {
        "customers.csv": "id,name,email\nc1,Ann Lee,ann@example.com\n",
        "employees.csv": "id,name,email,role\ne1,Eve Stone,eve@shop.example,care\n",
        "products.csv": "sku,name,price\nSKU-HAT,Hat,10\n",
        "business.json": '{"business_id": "b1", "name": "Shop", "categories": "Fashion"}\n',
        "user.json": '{"user_id": "u1", "name": "Ann", "yelping_since": "2020-01-01"}\n',
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    import_path(repo, folder, live_progress=False)
    return repo


def _import(repo: Repository, probe: Probe, folder: Path) -> tuple[ImportReport, Path]:
    path = folder / f"probe{SUFFIX.get(probe.format, '.csv')}"
    path.write_bytes(probe.content())
    return import_path(repo, path, format_name=probe.format, live_progress=False), path


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.name)
def test_a_bad_file_never_stops_an_import(shop: Repository, probe: Probe, tmp_path: Path) -> None:
    report, path = _import(shop, probe, tmp_path)
    summary = report.summaries[0]
    rejects = rejects_of(path)
    assert (summary.read, summary.rejected) == (probe.read, probe.rejected), rejects[:3]
    assert summary.warnings == probe.warned, rejects[:3]
    assert len([r for r in rejects if r["kind"] == "reject"]) == summary.rejected
    assert len(rejects) == summary.rejected + summary.skipped + summary.warnings
    if probe.reason:
        assert probe.reason in rejects[0]["reason"]
    for reject in rejects:
        assert reject["line"] >= 1
        assert "Traceback" not in reject["reason"]


def test_the_corpus_covers_every_format() -> None:
    formats = {p.format for p in PROBES}
    assert formats >= {"customers", "products", "shopify", "twitter", "yelp_review", "yelp_user",
                       "interactions", "mbox"}  # fmt: skip
    assert len(PROBES) >= 50


def test_the_cli_reports_bad_files_without_a_traceback(
    shop: Repository, run_rapport: Run, tmp_path: Path, make_settings: Callable[..., Settings]
) -> None:
    """A sample of the probes through the real command: an exit status, never a traceback."""
    env = cli_env(make_settings(db_name=shop.connection.database))
    sample = [p for p in PROBES if p.format in ("twitter", "customers")][::3]
    for n, probe in enumerate(sample):
        path = tmp_path / f"p{n}{SUFFIX.get(probe.format, '.csv')}"
        path.write_bytes(probe.content())
        done = run_rapport("import", str(path), "--format", probe.format, env=env)
        assert "Traceback" not in done.stderr, (probe.name, done.stderr[-2000:])
        assert done.returncode in (0, 1, 2), probe.name


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ('kind = "customers"\nencoding = "klingon"\n', "not an encoding"),
        ('kind = "customers"\ndelimiter = "ab"\n', "one character"),
        ('kind = "customers"\n[columns]\nemail = 42\n', "not a column name"),
        ('kind = "customers"\ncolumns = "Email"\n', "must be a table"),
        ('kind = "customers"\n[columns]\nshoe_size = "Size"\n', "no field 'shoe_size'"),
        ('kind = "planets"\n', "kind must be one of"),
        ("kind = \n", "not valid TOML"),
    ],
)
def test_a_bad_mapping_stops_with_what_to_fix(toml: str, says: str, tmp_path: Path) -> None:
    from graph.errors import ConfigError
    from importers.formats.mapping import load_mapping

    path = tmp_path / "mapping.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=says):
        load_mapping(path)


def test_a_bad_mapping_on_the_command_line_exits_2(run_rapport: Run, tmp_path: Path) -> None:
    (tmp_path / "m.toml").write_text('kind = "customers"\nencoding = "klingon"\n')
    (tmp_path / "c.csv").write_text("id\nc1\n")
    done = run_rapport("import", str(tmp_path / "c.csv"), "--mapping", str(tmp_path / "m.toml"))
    assert done.returncode == 2
    assert "klingon" in done.stderr
    assert "Traceback" not in done.stderr


def test_rows_that_would_make_a_batch_over_16_mib_are_split_by_bytes(
    shop: Repository, tmp_path: Path
) -> None:
    """5,000 rows of about 5.7 KB: one 5,000-row batch would be a 28 MB Bolt message, which
    ArcadeDB drops without an answer; batches are cut at RAPPORT_BATCH_BYTES instead."""
    long = "x" * 1900
    rows = ["id,name,email,city,country"]
    rows += [f"big{i},{long},b{i}@example.com,{long},{long}" for i in range(5000)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert path.stat().st_size > 16 * 1024 * 1024 * 1.5
    summary = import_path(shop, path, format_name="customers", live_progress=False).summaries[0]
    assert (summary.read, summary.rejected, summary.created) == (5000, 0, 5000)
