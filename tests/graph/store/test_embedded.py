"""The embedded server's life: shared by processes, recovered when stale, stopped cleanly.

Each test runs `rapport` in child processes on a data dir of its own, so these start their own
servers (a few seconds each).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.store.servers.datadir import DataDir, process_token
from tests.conftest import PROJECT_ROOT, _clean_env

pytestmark = [pytest.mark.slow, pytest.mark.embedded_only]

Run = Callable[..., subprocess.CompletedProcess[str]]

HOLD_CONNECTION = """
import sys, time
from graph.store.connection import connect
from graph.settings import load_settings
from graph import model
from graph.store import writes
from graph.store.repository import Repository
conn = connect(load_settings(data_dir=sys.argv[1]))
writes.upsert(Repository(conn), [model.Customer(id="held", name="from the holder")])
print(conn.lease.info.pid, flush=True)
time.sleep(float(sys.argv[2]))
conn.close()
"""


def _env(data_dir: Path) -> dict[str, str]:
    return {"RAPPORT_DATA_DIR": str(data_dir), "RAPPORT_EMBEDDED_HEAP": "1g"}


def _wait_gone(pid: int, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process_token(pid) is None:
            return True
        time.sleep(0.1)
    return False


def _finish(proc: subprocess.Popen[str], *, kill: bool = False) -> None:
    if kill:
        proc.kill()
    elif proc.poll() is None:
        proc.terminate()
    proc.wait(timeout=60)
    if proc.stdout is not None:
        proc.stdout.close()


def _holder(data_dir: Path, seconds: float) -> tuple[subprocess.Popen[str], int]:
    env = {**_clean_env(), **_env(data_dir)}
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_CONNECTION, str(data_dir), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=PROJECT_ROOT,
        env=env,
    )
    assert proc.stdout is not None
    server_pid = int(proc.stdout.readline())
    return proc, server_pid


def test_a_command_leaves_no_server_behind(tmp_path: Path, run_rapport: Run) -> None:
    result = run_rapport("init", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    data = DataDir(tmp_path)
    assert not data.port_path.exists(), "port file left behind"
    assert data.live_leases() == []
    assert "stopped cleanly" in data.log_path.read_text()
    # The password was generated once, readable by its owner only.
    assert data.password_path.stat().st_mode & 0o777 == 0o600


def test_second_process_joins_the_running_server(tmp_path: Path, run_rapport: Run) -> None:
    holder, server_pid = _holder(tmp_path, seconds=60)
    try:
        status = run_rapport("db", "status", env=_env(tmp_path))
        assert status.returncode == 0, status.stderr
        assert f"server pid  {server_pid}" in status.stdout
        assert "Customer" in status.stdout
        assert "clients     2" in status.stdout
        # The joiner left; the holder's server keeps running.
        assert process_token(server_pid) is not None
    finally:
        _finish(holder)
    assert _wait_gone(server_pid), "server outlived its last client"


def test_killed_client_does_not_leave_an_orphan_server(tmp_path: Path) -> None:
    holder, server_pid = _holder(tmp_path, seconds=600)
    _finish(holder, kill=True)  # no chance to release its lease
    assert _wait_gone(server_pid), "orphan JVM: the server kept running without clients"
    assert not DataDir(tmp_path).port_path.exists()


def test_stale_lock_of_a_killed_server_is_recovered(tmp_path: Path, run_rapport: Run) -> None:
    assert run_rapport("db", "start", env=_env(tmp_path)).returncode == 0
    data = DataDir(tmp_path)
    old = json.loads(data.port_path.read_text())
    holder, _ = _holder(tmp_path, seconds=0)  # commits a node, then leaves
    holder.wait(timeout=60)
    _finish(holder)
    os.kill(old["pid"], signal.SIGKILL)
    assert _wait_gone(old["pid"])
    assert data.port_path.exists(), "the killed server's port file should be left (stale)"

    status = run_rapport("db", "status", env=_env(tmp_path))
    assert status.returncode == 0, status.stderr
    assert f"server pid  {old['pid']}" not in status.stdout
    assert re.search(r"Customer\s*│\s*1\s*│", status.stdout), status.stdout  # data survived
    assert run_rapport("db", "stop", env=_env(tmp_path)).returncode == 0
    assert not data.port_path.exists()


def test_db_start_pins_and_db_stop_stops(tmp_path: Path, run_rapport: Run) -> None:
    started = run_rapport("db", "start", env=_env(tmp_path))
    assert started.returncode == 0, started.stderr
    assert "bolt://127.0.0.1:" in started.stdout
    data = DataDir(tmp_path)
    pid = json.loads(data.port_path.read_text())["pid"]
    time.sleep(1.5)  # longer than nothing, shorter than the test: still up without clients
    assert process_token(pid) is not None
    again = run_rapport("db", "start", env=_env(tmp_path))
    assert "already running" in again.stdout

    holder, _ = _holder(tmp_path, seconds=60)
    try:
        refused = run_rapport("db", "stop", env=_env(tmp_path))
        assert refused.returncode == 2
        assert "still use the embedded ArcadeDB" in refused.stderr
        assert "--force" in refused.stderr
    finally:
        _finish(holder)
    stopped = run_rapport("db", "stop", env=_env(tmp_path))
    assert stopped.returncode == 0, stopped.stderr
    assert f"pid {pid}" in stopped.stdout
    assert _wait_gone(pid, timeout=5)
    assert not data.port_path.exists()
    assert "no embedded server was running" in run_rapport("db", "stop", env=_env(tmp_path)).stdout


def test_unwritable_data_dir_is_reported(tmp_path: Path, run_rapport: Run) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_rapport("db", "status", env=_env(blocker / "data"))
    assert result.returncode == 2
    assert "not writable" in result.stderr
    assert "RAPPORT_DATA_DIR" in result.stderr
    assert "Traceback" not in result.stderr


def _open_to_others(root: Path) -> list[str]:
    return sorted(
        str(p.relative_to(root))
        for p in [root, *root.rglob("*")]
        if not p.is_symlink() and p.stat().st_mode & 0o077
    )


def test_the_data_dir_is_private_to_its_owner(tmp_path: Path, run_rapport: Run) -> None:
    data = tmp_path / "data"
    done = run_rapport("init", env=_env(data))
    assert done.returncode == 0, done.stderr
    assert _open_to_others(data) == []
