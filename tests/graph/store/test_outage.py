"""The database dies under load: it is said at once, then survived, and nothing acknowledged
is lost. Runs on the engine under test, with a server of its own (a few tens of seconds)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from graph.settings import Settings, load_settings
from graph.store import reads
from graph.store.connection import connect
from graph.store.repository import Repository
from tests.conftest import ON_NEO4J, PROJECT_ROOT, _clean_env

pytestmark = [pytest.mark.slow, pytest.mark.integration]
Run = Callable[..., subprocess.CompletedProcess[str]]


def _env(data_dir: Path) -> dict[str, str]:
    env = {"RAPPORT_DATA_DIR": str(data_dir), "RAPPORT_EMBEDDED_HEAP": "1g"}
    if ON_NEO4J:
        env.update(RAPPORT_DB_URI="local-neo4j", RAPPORT_NEO4J_BOLT_PORT="0",
                   RAPPORT_NEO4J_HTTP_PORT="0")  # fmt: skip
    return env


@pytest.fixture
def pinned(tmp_path: Path, run_rapport: Run) -> Iterator[None]:
    """The test's server started and kept up between its commands (each would start and stop
    one of its own: seconds each), as an operator runs it; a server started after a kill is
    kept up too. Stopped after the test."""
    command = "neo4j" if ON_NEO4J else "db"
    started = run_rapport(command, "start", env=_env(tmp_path))
    assert started.returncode == 0, started.stderr
    yield
    run_rapport(command, "stop", "--force", env=_env(tmp_path))


def _kill_database(data_dir: Path) -> int:
    """kill -9 the database server's process (the local Neo4j's JVM dies with its supervisor)."""
    port_file = data_dir / ("neo4j" if ON_NEO4J else "") / "server.json"
    pid = int(json.loads(port_file.read_text())["pid"])
    os.kill(pid, signal.SIGKILL)
    return pid


def _settings(data_dir: Path) -> Settings:
    overrides: dict[str, object] = {"data_dir": data_dir}
    if ON_NEO4J:
        overrides.update(db_uri="local-neo4j", neo4j_bolt_port=0, neo4j_http_port=0)
    return load_settings(**overrides)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_an_import_says_the_database_stopped_and_resumes_to_the_same_graph(
    tmp_path: Path, run_rapport: Run, pinned: None
) -> None:
    source = tmp_path / "customers.csv"
    rows = ["id,name,email"] + [f"k{i},Customer {i},k{i}@example.com" for i in range(40_000)]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    env = {
        **_clean_env(),
        **_env(tmp_path),
        "RAPPORT_BATCH_SIZE": "500",
        "RAPPORT_IMPORT_CHECKPOINT_SECONDS": "0",
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "import", str(source)],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    state = tmp_path / "imports"
    assert _wait(lambda: state.exists() and any(state.glob("*.json")), 120)
    _kill_database(tmp_path)
    _, err = child.communicate(timeout=120)
    assert child.returncode == 2, err
    assert "DATABASE_UNAVAILABLE" in err
    assert "resumes from its last checkpoint" in err
    assert "Traceback" not in err
    again = run_rapport("import", str(source), env=_env(tmp_path))
    assert again.returncode == 0, again.stderr
    assert "resumed" in again.stdout
    with connect(_settings(tmp_path)) as conn:
        assert reads.counts(Repository(conn)).nodes["Customer"] == 40_000


def test_the_api_fails_fast_while_the_database_is_away_and_loses_no_acknowledged_write(
    tmp_path: Path, run_rapport: Run, pinned: None
) -> None:
    assert run_rapport("init", env=_env(tmp_path)).returncode == 0
    key = run_rapport("keys", "create", "--role", "writer", env=_env(tmp_path)).stdout
    key = next(w for w in key.split() if w.startswith("rk_"))
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port)],
        cwd=PROJECT_ROOT, env={**_clean_env(), **_env(tmp_path)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    acknowledged: list[str] = []
    refused: list[str] = []
    stop = threading.Event()

    def writer() -> None:
        with httpx.Client(headers={"X-API-Key": key}, timeout=60) as http:
            n = 0
            while not stop.is_set():
                n += 1
                query = 'mutation { upsertCustomer(customer: {id: "w%s", name: "W"}) { created } }'
                body = {"query": query.replace("%s", str(n))}
                try:
                    answer = http.post(f"{base}/graphql", json=body)
                except httpx.HTTPError:
                    continue
                data = answer.json()
                if answer.status_code == 200 and not data.get("errors"):
                    acknowledged.append(f"w{n}")
                else:
                    refused.append(json.dumps(data))

    try:
        assert _wait(lambda: _ready(base), 180), "the API did not come up"
        thread = threading.Thread(target=writer)
        thread.start()
        assert _wait(lambda: len(acknowledged) >= 20, 60)
        _kill_database(tmp_path)
        assert _wait(lambda: not _ready(base), 30), "/readyz did not notice the outage"
        readyz = httpx.get(f"{base}/readyz", timeout=10)
        assert readyz.status_code == 503
        assert readyz.json()["code"] == "DATABASE_UNAVAILABLE"
        assert _wait(lambda: _ready(base), 180), "the API did not reconnect"
        before = len(acknowledged)
        assert _wait(lambda: len(acknowledged) > before + 10, 60), "writes did not resume"
        stop.set()
        thread.join(timeout=60)
    finally:
        stop.set()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert any("DATABASE_UNAVAILABLE" in r for r in refused)
    with connect(_settings(tmp_path)) as conn:
        stored = reads.nodes_by_ids(Repository(conn), "Customer", acknowledged)
    assert sorted(set(acknowledged) - set(stored)) == []


def _ready(base: str) -> bool:
    try:
        return httpx.get(f"{base}/readyz", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False
