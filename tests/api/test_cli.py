"""The `rapport` command: help, init, status and error output."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli.app import app
from graph import model
from graph.errors import ConfigError
from graph.settings import Settings
from graph.store.connection import Connection
from tests.conftest import ON_NEO4J, cli_args, cli_env

Run = Callable[..., subprocess.CompletedProcess[str]]
Make = Callable[..., Settings]
runner = CliRunner()


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("init", "db"):
        assert command in result.output
    db_help = runner.invoke(app, ["db", "--help"])
    for command in ("status", "start", "stop"):
        assert command in db_help.output


def test_init_twice_creates_nothing_the_second_time(
    fresh_settings: Callable[..., Settings],
) -> None:
    args = cli_args(fresh_settings("cli_init"))
    first = runner.invoke(app, [*args, "init"])
    assert first.exit_code == 0, first.output
    assert f"{len(model.NODE_LABELS)} constraints" in first.output
    second = runner.invoke(app, [*args, "init"])
    assert second.exit_code == 0, second.output
    assert "(0 created now" in second.output


def test_status_shows_backend_version_and_counts(server: Connection, make_settings: Make) -> None:
    result = runner.invoke(app, [*cli_args(make_settings(db_name="cli_status")), "db", "status"])
    assert result.exit_code == 0, result.output
    assert server.backend in result.output
    assert ("Neo4j" if ON_NEO4J else "ArcadeDB") in result.output
    assert "Customer" in result.output
    assert "KNOWS" in result.output


def test_bad_uri_is_an_error_with_a_hint_not_a_traceback(run_rapport: Run) -> None:
    result = run_rapport("db", "status", env={"RAPPORT_DB_URI": "http://localhost:7474"})
    assert result.returncode == 2
    assert "DB_URI_SCHEME" in result.stderr
    assert "neo4j://" in result.stderr
    assert "hint" in result.stderr
    assert "Traceback" not in result.stderr


def test_incremental_analysis_needs_an_earlier_run(fresh_settings: Make) -> None:
    args = cli_args(fresh_settings("cli_incremental"))
    first = runner.invoke(app, [*args, "analyze", "--incremental"])
    assert isinstance(first.exception, ConfigError)
    assert "no earlier analysis" in str(first.exception)
    assert "--since" in str(first.exception)
    full = runner.invoke(app, [*args, "analyze"])
    assert full.exit_code == 0, full.output
    assert "alerts" in full.output
    again = runner.invoke(app, [*args, "analyze", "--incremental"])
    assert again.exit_code == 0, again.output
    assert "touched" in again.output
    assert "influence" not in again.output  # global stages wait for the next full run


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["nosuchcmd"], "No such command 'nosuchcmd'"),
        (["influencers", "--first", "abc"], "Invalid value for '--first'"),
        (["import"], "Missing argument"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    run_rapport: Callable[..., subprocess.CompletedProcess[str]], args: list[str], says: str
) -> None:
    done = run_rapport(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("error (USAGE): ")
    assert says in lines[0]
    assert lines[1].startswith("hint: see `rapport")
    assert len(lines) == 2


def test_an_import_that_rejects_everything_fails(
    fresh_settings: Callable[..., Settings],
    run_rapport: Callable[..., subprocess.CompletedProcess[str]],
    tmp_path: Path,
) -> None:
    """A wrong --format once exited 0 with the whole file as one reject line."""
    bad = tmp_path / "customers.csv"
    bad.write_text("id,name,email\n" + "".join(f",Nobody {i},\n" for i in range(3000)), "utf-8")
    done = run_rapport("import", str(bad), "--format", "customers",
                       env=cli_env(fresh_settings("cli_rejected")))  # fmt: skip
    assert done.returncode == 1
    assert "3,000 of 3,000 records rejected" in done.stderr
    wrong = tmp_path / "big.json"
    wrong.write_text('{"a": "' + "x" * 200_000 + '"}\n', "utf-8")
    done = run_rapport("import", str(wrong), "--format", "customers",
                       env=cli_env(fresh_settings("cli_wrong")))  # fmt: skip
    assert done.returncode == 1
    rejects = (tmp_path / "big.json.rejects.jsonl").read_text("utf-8")
    assert len(rejects) < 5_000
    assert "more characters: lines 1-1 of the source" in rejects


def test_browser_on_a_taken_port_says_how_to_pick_another(
    run_rapport: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_rapport("browser", "--port", str(port))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"port {port} is already in use" in done.stderr
    assert "RAPPORT_BROWSER_PORT" in done.stderr
