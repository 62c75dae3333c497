"""Moving a whole graph: dump -> restore and copy give the same graph, property by property.

On the embedded pass the other database is a second embedded database; on the Neo4j pass it is
the embedded engine, so the copy goes from Neo4j to ArcadeDB and back.
"""

from __future__ import annotations

import gzip
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli.app import app
from graph.answers import alert_queue
from graph.errors import ConfigError
from graph.jobs.analyze import analyze
from graph.settings import Settings, load_settings
from graph.store import transfer
from graph.store.connection import connect
from graph.store.repository import Repository
from importers.generate import generate
from importers.identity.store import decide, list_candidates
from importers.run.files import import_path
from tests.conftest import ON_NEO4J, cli_args, wipe

Make = Callable[..., Settings]


@pytest.fixture(scope="module")
def source(repo: Repository, tmp_path_factory: pytest.TempPathFactory) -> transfer.Fingerprint:
    """A generated, imported and analysed graph with alert and identity decisions taken."""
    folder = tmp_path_factory.mktemp("transfer")
    generate(folder, customers=150, seed=3)
    import_path(repo, folder, live_progress=False)
    analyze(repo)
    first, second, *_ = alert_queue.list_alerts(repo, status="open")
    alert_queue.acknowledge(repo, first.id)
    alert_queue.resolve(repo, second.id, resolution="called them back")
    candidates = list_candidates(repo)
    if candidates:
        decide(repo, account=candidates[0].account, person=candidates[0].person, confirm=False)
    return transfer.fingerprint(repo)


@pytest.fixture
def other(data_dir: Path, make_settings: Make) -> Iterator[Repository]:
    """An empty database on the other engine (embedded pass: another embedded database)."""
    name = f"t_other_{secrets.token_hex(3)}"
    settings = (
        load_settings(data_dir=data_dir, db_name=name, embedded_heap="2g")
        if ON_NEO4J
        else make_settings(db_name=name)
    )
    with connect(settings) as conn:
        yield Repository(conn)


def test_the_graph_holds_what_must_survive(source: transfer.Fingerprint) -> None:
    counts = source.counts()
    assert counts["Alert"] > 2
    assert counts["(Customer)-[:INFLUENCES]->(Customer)"] > 0
    assert counts["(Employee)-[:RAPPORT]->(Customer)"] > 0


def test_copy_to_the_other_engine_and_back_gives_the_same_graph(
    repo: Repository, source: transfer.Fingerprint, other: Repository
) -> None:
    there = transfer.copy(repo, other)
    assert there.skipped == {}
    assert transfer.fingerprint(other) == source
    # Back into the original database, emptied.
    wipe(repo)
    back = transfer.copy(other, repo)
    assert back.total == there.total
    assert transfer.fingerprint(repo) == source


def test_an_interrupted_copy_run_again_gives_the_same_graph(
    repo: Repository, source: transfer.Fingerprint, other: Repository
) -> None:
    class Stop(Exception):
        pass

    seen: list[str] = []

    def stop_midway(what: str, rows: int) -> None:
        seen.append(what)
        if len(seen) == 6:
            raise Stop

    with pytest.raises(Stop):
        transfer.copy(repo, other, progress=stop_midway)
    partial = transfer.fingerprint(other)
    assert 0 < sum(partial.counts().values()) < sum(source.counts().values())
    transfer.copy(repo, other)
    assert transfer.fingerprint(other) == source


def test_dump_then_restore_gives_the_same_graph_and_twice_changes_nothing(
    repo: Repository, source: transfer.Fingerprint, other: Repository, tmp_path: Path
) -> None:
    file = tmp_path / "graph.rapport.gz"
    written = transfer.dump(repo, file)
    assert written.total == sum(source.counts().values())
    assert not file.with_name(file.name + ".partial").exists()
    restored = transfer.restore(other, file)
    assert restored.total == written.total
    assert transfer.fingerprint(other) == source
    transfer.restore(other, file)
    assert transfer.fingerprint(other) == source


def test_a_truncated_dump_is_refused_after_restoring_what_it_holds(
    repo: Repository, source: transfer.Fingerprint, other: Repository, tmp_path: Path
) -> None:
    file = tmp_path / "graph.rapport.gz"
    transfer.dump(repo, file)
    with gzip.open(file, "rt", encoding="utf-8") as fh:
        lines = fh.readlines()
    cut = tmp_path / "cut.rapport.gz"
    with gzip.open(cut, "wt", encoding="utf-8") as fh:
        fh.writelines(lines[: len(lines) // 2])
    with pytest.raises(ConfigError, match="ends early") as caught:
        transfer.restore(other, cut)
    assert "dump the source again" in (caught.value.hint or "")


def test_a_file_that_is_not_a_dump_is_refused(other: Repository, tmp_path: Path) -> None:
    file = tmp_path / "notes.gz"
    with gzip.open(file, "wt", encoding="utf-8") as fh:
        fh.write('{"hello": "world"}\n')
    with pytest.raises(ConfigError, match="not a Rapport dump"):
        transfer.restore(other, file)


def test_the_cli_dumps_and_restores(
    repo: Repository, source: transfer.Fingerprint, make_settings: Make, tmp_path: Path
) -> None:
    runner = CliRunner()
    args = cli_args(make_settings(db_name=repo.connection.database))
    file = tmp_path / "cli.rapport.gz"
    dumped = runner.invoke(app, [*args, "db", "dump", str(file)])
    assert dumped.exit_code == 0, dumped.output
    assert f"{sum(v for k, v in source.counts().items() if '[' not in k):,} nodes" in dumped.output
    restored = runner.invoke(app, [*args, "db", "restore", str(file)])
    assert restored.exit_code == 0, restored.output
    assert transfer.fingerprint(repo) == source
