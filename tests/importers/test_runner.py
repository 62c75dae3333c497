"""The import runner: interrupted imports resume to the same graph, concurrent imports do not
duplicate, folders import in dependency order, progress shows on long imports."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.settings import Settings
from graph.store import reads, schema
from graph.store.connection import connect
from graph.store.repository import Repository
from importers.run import checkpoint
from importers.run.files import import_path
from tests import graphdata
from tests.conftest import PROJECT_ROOT, _clean_env, cli_env
from tests.importers.conftest import rejects_of

ROWS = 20_000


def _customers_csv(path: Path, rows: int = ROWS, *, bad_every: int = 0) -> Path:
    lines = ["id,name,email,city,twitter,referred_by"]
    for i in range(rows):
        referrer = f"k{i + 7}" if i % 10 == 0 and i + 7 < rows else ""
        if bad_every and i % bad_every == bad_every - 1:
            lines.append(f"k{i},Customer {i},extra,column,k{i}@example.com,Lyon,x,y")
            continue
        lines.append(f"k{i},Customer {i},k{i}@example.com,Lyon,handle_{i},{referrer}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _snapshot(repo: Repository, ids: list[str]) -> dict[str, object]:
    """Counts plus the stored properties (minus timestamps) of some nodes."""
    props = reads.nodes_by_ids(repo, "Customer", ids)
    return {
        "counts": reads.counts(repo),
        "props": {
            k: {p: v for p, v in sorted(d.items()) if p != "updatedAt"} for k, d in props.items()
        },
    }


def test_import_killed_mid_file_resumes_to_the_graph_of_a_clean_run(
    fresh_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    source = _customers_csv(tmp_path / "customers.csv", bad_every=501)
    sample = [f"k{i}" for i in range(0, ROWS, 997)]
    # The clean run, for comparison.
    with connect(fresh_settings("runner_clean")) as conn:
        clean_repo = Repository(conn)
        schema.apply(clean_repo)
        import_path(clean_repo, source, live_progress=False)
        expected = _snapshot(clean_repo, sample)
    clean_rejects = rejects_of(source)
    assert len(clean_rejects) >= ROWS // 501  # the bad rows, and referrals to them

    settings = fresh_settings("runner_killed", batch_size=500, import_checkpoint_seconds=0)
    env = {**_clean_env(), **cli_env(settings)}
    state = settings.data_dir / "imports"
    before = set(state.glob("*.json")) if state.exists() else set()
    child = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "import", str(source)],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (
        set(state.glob("*.json")) - before if state.exists() else set()
    ):
        time.sleep(0.05)
    time.sleep(0.3)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, "the import finished before it could be killed"

    with connect(settings) as conn:
        repo = Repository(conn)
        interrupted = reads.counts(repo).nodes.get("Customer", 0)
        assert 0 < interrupted < ROWS
        summary = import_path(repo, source, live_progress=False).summaries[0]
        assert summary.resumed_from > 0
        assert summary.read == ROWS
        assert _snapshot(repo, sample) == expected
    # Rejects written before the kill and after the checkpoint are not written twice.
    assert rejects_of(source) == clean_rejects


@pytest.mark.parametrize("seconds", [0.0, 3600.0])
def test_checkpoints_are_spaced_by_time_as_configured(
    fresh_settings: Callable[..., Settings], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    seconds: float,
) -> None:  # fmt: skip
    source = _customers_csv(tmp_path / "customers.csv", rows=2000)
    points: list[int] = []
    real_save = checkpoint.save

    def save(state_dir: Path, point: checkpoint.Checkpoint) -> None:
        points.append(point.items_done)
        real_save(state_dir, point)

    monkeypatch.setattr(checkpoint, "save", save)
    settings = fresh_settings("runner_spaced", batch_size=200, import_checkpoint_seconds=seconds)
    with connect(settings) as conn:
        summary = import_path(Repository(conn), source, live_progress=False).summaries[0]
        assert reads.counts(Repository(conn)).nodes["Customer"] == 2000
    assert summary.read == 2000
    if seconds:
        assert points == []  # none in the hour after the start
    else:  # due at once: every 200 items read (a batch's worth)
        assert len(points) >= 10
        assert points == [200 * n for n in range(1, len(points) + 1)]


def test_two_imports_of_the_same_file_at_once_do_not_duplicate(
    fresh_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    source = _customers_csv(tmp_path / "customers.csv", rows=3000)
    settings = fresh_settings("runner_concurrent", batch_size=400)
    failures: list[BaseException] = []

    def run() -> None:
        try:
            with connect(settings) as conn:
                import_path(Repository(conn), source, live_progress=False, resume=False)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with connect(settings) as conn:
        counts = reads.counts(Repository(conn))
    assert counts.nodes["Customer"] == 3000
    assert counts.nodes["SocialAccount"] == 3000
    assert counts.relationships["OWNS"] == 3000
    assert counts.relationships["REFERRED"] == 300


def test_progress_is_logged_on_a_non_terminal(
    graph_repo_runner: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _customers_csv(tmp_path / "customers.csv", rows=2000)
    import_path(graph_repo_runner, source, live_progress=False, progress_every=0.0)
    err = capsys.readouterr().err
    assert "customers.csv (customers): 2,000 records (" in err
    assert "/s), 0 rejected" in err


@pytest.fixture(scope="module")
def graph_repo_runner(repo: Repository) -> Repository:
    schema.apply(repo)
    return repo


def test_a_folder_is_imported_in_dependency_order(
    graph_repo_runner: Repository, tmp_path: Path
) -> None:
    (tmp_path / "a_orders.csv").write_text(
        "Name,Email,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Total\n"
        "#1,zed@example.com,2025-01-01 10:00:00 +0000,1,Hat,10,SKU-HAT,10\n",
        encoding="utf-8",
    )
    (tmp_path / "z_customers.csv").write_text(
        "id,name,email\nz1,Zed,zed@example.com\n", encoding="utf-8"
    )
    (tmp_path / "notes.txt").write_text("remember the milk\n", encoding="utf-8")
    report = import_path(graph_repo_runner, tmp_path, live_progress=False)
    assert [s.format for s in report.summaries] == ["customers", "shopify"]
    assert [p.name for p in report.skipped] == ["notes.txt"]
    # Customers came first, so the order found Zed by e-mail instead of inventing a customer.
    made = graphdata.relationships_from(graph_repo_runner, ("Customer", "MADE", "Purchase"), ["z1"])
    assert [r.end for r in made] == ["shopify:#1"]
