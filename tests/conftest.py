"""Shared fixtures: one database server for the session, a clean database per test module.

The integration tests run on the engine ``RAPPORT_TEST_BACKEND`` names:

- ``embedded`` (default): the embedded ArcadeDB; each module gets a database of its own.
- ``neo4j``: a local Neo4j Community server Rapport starts for the session (or the server named
  by ``RAPPORT_TEST_NEO4J_URI``, with ``RAPPORT_TEST_NEO4J_USER``/``_PASSWORD``). Neo4j
  Community has one user database, so each module empties it first.

Tests that use the database are marked ``integration`` automatically; ``embedded_only`` and
``neo4j_only`` mark tests of one engine's own machinery (its server's lifecycle). ``make test``
runs everything on the embedded engine, then the integration tests on Neo4j.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph.settings import Settings, load_settings
from graph.store.connection import Connection, connect
from graph.store.embedded import admin
from graph.store.repository import Repository
from importers.generate import Truth

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BACKEND = os.environ.get("RAPPORT_TEST_BACKEND", "embedded")
EXTERNAL_NEO4J = os.environ.get("RAPPORT_TEST_NEO4J_URI")
if BACKEND not in ("embedded", "neo4j"):
    raise pytest.UsageError(f"RAPPORT_TEST_BACKEND must be embedded or neo4j, not {BACKEND!r}")
ON_NEO4J = BACKEND == "neo4j"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that reaches a database server as ``integration``."""
    for item in items:
        if "server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.integration)


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
    """The data dir of the session's server."""
    return tmp_path_factory.mktemp("rapport-data")


def _engine_settings() -> dict[str, object]:
    """The settings that point at the engine under test."""
    if not ON_NEO4J:
        return {"embedded_heap": "2g"}
    if EXTERNAL_NEO4J:
        return {
            "db_uri": EXTERNAL_NEO4J,
            "db_user": os.environ.get("RAPPORT_TEST_NEO4J_USER", "neo4j"),
            "db_password": os.environ.get("RAPPORT_TEST_NEO4J_PASSWORD", ""),
            "db_name": os.environ.get("RAPPORT_TEST_NEO4J_DATABASE", "neo4j"),
        }
    # With Graph Data Science: the in-database analyses are tested on it.
    return {"db_uri": "local-neo4j", "neo4j_bolt_port": 0, "neo4j_http_port": 0, "neo4j_gds": True}


@pytest.fixture(scope="session")
def make_settings(data_dir: Path) -> Callable[..., Settings]:
    """Settings on the session's data dir and engine, with overrides.

    On Neo4j a ``db_name`` override is ignored: there is one user database (see
    :func:`fresh_settings` for a test that needs an empty one).
    """

    def factory(**overrides: object) -> Settings:
        values: dict[str, object] = {"data_dir": data_dir, **_engine_settings()}
        if ON_NEO4J:
            overrides.pop("db_name", None)
        values.update(overrides)
        return load_settings(**values)

    return factory


def cli_args(settings: Settings) -> list[str]:
    """The global options that point a `rapport` command at ``settings``' database."""
    return [
        "--data-dir", str(settings.data_dir), "--db-uri", settings.db_uri,
        "--db-name", settings.database,
    ]  # fmt: skip


def cli_env(settings: Settings) -> dict[str, str]:
    """The environment that points a `rapport` child process at ``settings``' database."""
    env = {
        "RAPPORT_DATA_DIR": str(settings.data_dir),
        "RAPPORT_DB_URI": settings.db_uri,
        "RAPPORT_DB_NAME": settings.database,
        "RAPPORT_BATCH_SIZE": str(settings.batch_size),
        "RAPPORT_IMPORT_CHECKPOINT_SECONDS": str(settings.import_checkpoint_seconds),
        "RAPPORT_NEO4J_GDS": str(settings.neo4j_gds).lower(),
    }
    if settings.db_password is not None:
        env["RAPPORT_DB_PASSWORD"] = settings.db_password.get_secret_value()
    if settings.db_user:
        env["RAPPORT_DB_USER"] = settings.db_user
    return env


def wipe(repo: Repository) -> None:
    """Empty the database (and forget its analysis runs): Neo4j's one database between uses."""
    while repo.write("bench/delete_nodes_chunk", limit=20_000)[0]["n"]:
        pass
    shutil.rmtree(repo.settings.data_dir / "analysis", ignore_errors=True)


@pytest.fixture(scope="session")
def server(make_settings: Callable[..., Settings]) -> Iterator[Connection]:
    """Keeps the session's server up from the first test that needs it to the end."""
    connection = connect(make_settings(db_name="session"))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def db_name(request: pytest.FixtureRequest) -> str:
    """A database name unique to the test module (embedded; Neo4j has one: ``neo4j``)."""
    module = request.module.__name__.rsplit(".", 1)[-1]
    return f"t_{module}_{secrets.token_hex(3)}"[:60]


@pytest.fixture(scope="module")
def connection(
    server: Connection, make_settings: Callable[..., Settings], db_name: str
) -> Iterator[Connection]:
    """A connection to an empty database for this module, on the session's server."""
    conn = connect(make_settings(db_name=db_name))
    if ON_NEO4J:
        wipe(Repository(conn))
    yield conn
    conn.close()
    if not ON_NEO4J:
        assert server.lease is not None
        admin.drop_database(server.lease.info, server.lease.password, db_name)


@pytest.fixture(scope="module")
def repo(connection: Connection) -> Repository:
    """A repository on this module's database."""
    return Repository(connection)


@pytest.fixture(scope="module")
def planted(repo: Repository, tmp_path_factory: pytest.TempPathFactory) -> Truth:
    """A generated graph (150 customers, seed 5) imported and analysed in this module's database;
    what it planted."""
    from graph.jobs.analyze import analyze
    from importers.generate import generate
    from importers.run.files import import_path

    folder = tmp_path_factory.mktemp("planted")
    truth = generate(folder, customers=150, seed=5)
    import_path(repo, folder, live_progress=False)
    analyze(repo)
    return truth


@pytest.fixture
def fresh_settings(
    server: Connection, make_settings: Callable[..., Settings]
) -> Callable[..., Settings]:
    """Settings of an empty database: a new one on embedded, the emptied one on Neo4j.

    On Neo4j this empties the module's database too: use it in modules whose other tests do not
    rely on what an earlier test wrote.
    """

    def fresh(name: str, **overrides: object) -> Settings:
        settings = make_settings(db_name=f"{name}_{secrets.token_hex(3)}", **overrides)
        if ON_NEO4J:
            with connect(settings) as conn:
                wipe(Repository(conn))
        return settings

    return fresh


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
