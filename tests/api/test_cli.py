"""The `rapport` command: help, init, status and error output."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

from typer.testing import CliRunner

from api.cli.app import app
from graph.errors import ConfigError
from graph.settings import Settings
from graph.store.connection import Connection
from tests.conftest import ON_NEO4J, cli_args

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
    assert "12 constraints" in first.output
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
