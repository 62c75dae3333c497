"""Shared fixtures: one embedded server for the session, one fresh database per test module."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph.settings import Settings, load_settings
from graph.store.connection import Connection, connect
from graph.store.embedded import admin
from graph.store.repository import Repository

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _clean_env() -> dict[str, str]:
    """The environment without RAPPORT_* variables, so a developer's settings never leak in."""
    return {k: v for k, v in os.environ.items() if not k.startswith("RAPPORT_")}


@pytest.fixture(autouse=True)
def _no_rapport_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith("RAPPORT_"):
            monkeypatch.delenv(key)


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data dir of the session's embedded server."""
    return tmp_path_factory.mktemp("rapport-data")


@pytest.fixture(scope="session")
def make_settings(data_dir: Path) -> Callable[..., Settings]:
    """Settings on the session's data dir, with overrides."""

    def factory(**overrides: object) -> Settings:
        values: dict[str, object] = {"data_dir": data_dir, "embedded_heap": "2g"}
        values.update(overrides)
        return load_settings(**values)

    return factory


@pytest.fixture(scope="session")
def server(make_settings: Callable[..., Settings]) -> Iterator[Connection]:
    """Keeps the session's embedded server up from the first test that needs it to the end."""
    connection = connect(make_settings(db_name="session"))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def db_name(request: pytest.FixtureRequest) -> str:
    """A database name unique to the test module."""
    module = request.module.__name__.rsplit(".", 1)[-1]
    return f"t_{module}_{secrets.token_hex(3)}"[:60]


@pytest.fixture(scope="module")
def connection(
    server: Connection, make_settings: Callable[..., Settings], db_name: str
) -> Iterator[Connection]:
    """A connection to this module's fresh database on the session's server."""
    conn = connect(make_settings(db_name=db_name))
    yield conn
    assert conn.lease is not None
    conn.close()
    admin.drop_database(server.lease.info, server.lease.password, db_name)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def repo(connection: Connection) -> Repository:
    """A repository on this module's database."""
    return Repository(connection)


@pytest.fixture
def run_rapport() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the `rapport` command in a child process with a clean RAPPORT_* environment."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 180):
        full_env = _clean_env()
        full_env.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "api.cli", *args],
            capture_output=True,
            text=True,
            env=full_env,
            cwd=PROJECT_ROOT,
            timeout=timeout,
            check=False,
        )

    return run
