"""The local Neo4j's life: started on request, shared, stopped cleanly, no JVM left behind.

The lifecycle tests start servers of their own on free ports (about 10 s each) and run only on
the Neo4j pass; the set-up errors need no server and run on both.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from graph import model
from graph.errors import Neo4jServerError
from graph.settings import load_settings
from graph.store.connection import connect
from graph.store.neo4j import distribution
from graph.store.servers.datadir import process_token

Run = Callable[..., subprocess.CompletedProcess[str]]


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    return {
        "RAPPORT_DATA_DIR": str(data_dir),
        "RAPPORT_NEO4J_BOLT_PORT": "0",
        "RAPPORT_NEO4J_HTTP_PORT": "0",
        **extra,
    }


def _jvms_of(data_dir: Path) -> list[int]:
    """Pids of Java processes whose command line names this data dir."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "CommunityEntryPoint" in cmdline and str(data_dir) in cmdline:
            found.append(int(proc.name))
    return found


def _wait(predicate: Callable[[], bool], timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.neo4j_only
@pytest.mark.slow
def test_start_serves_bolt_and_browser_survives_a_killed_supervisor_and_stop_leaves_nothing(
    tmp_path: Path, run_rapport: Run
) -> None:
    # One server's whole life, since each start costs tens of seconds.
    env = _env(tmp_path, RAPPORT_NEO4J_APOC="true")  # APOC Core too (make bench-peer needs it)
    started = run_rapport("neo4j", "start", env=env)
    assert started.returncode == 0, started.stderr
    assert "bolt://127.0.0.1:" in started.stdout
    browser = next(line for line in started.stdout.splitlines() if "browser" in line).split()[-1]
    with urllib.request.urlopen(browser.split("?")[0], timeout=10) as page:
        assert b"Neo4j Browser" in page.read()
    status = run_rapport("neo4j", "status", env=env)
    assert "running" in status.stdout
    assert "pinned" in status.stdout
    data = run_rapport("db", "status", env={**env, "RAPPORT_DB_URI": "local-neo4j"})
    assert data.returncode == 0, data.stderr
    assert "Neo4j/5" in data.stdout
    settings = load_settings(data_dir=tmp_path, db_uri="local-neo4j", neo4j_apoc=True,
                             neo4j_bolt_port=0, neo4j_http_port=0)  # fmt: skip
    with connect(settings) as conn:
        found = conn.driver.execute_query("RETURN apoc.version() AS v", database_=conn.database)
        assert found.records[0]["v"].startswith("5.26")
    assert sorted(
        p.name.split("-5")[0] for p in (tmp_path / "neo4j" / "home" / "plugins").iterdir()
    ) == ["apoc-common", "apoc-core"]
    password = tmp_path / "neo4j" / "neo4j_password"
    assert password.stat().st_mode & 0o777 == 0o600

    # A killed supervisor takes its JVM along, and the next start recovers.
    found_pid = re.search(r"running \(pid (\d+)\)", status.stdout)
    assert found_pid is not None, status.stdout
    jvms = _jvms_of(tmp_path)
    assert len(jvms) == 1
    os.kill(int(found_pid.group(1)), signal.SIGKILL)
    assert _wait(lambda: process_token(jvms[0]) is None), "the JVM outlived its supervisor"
    again = run_rapport("neo4j", "start", env=env)
    assert again.returncode == 0, again.stderr
    assert "started" in again.stdout

    stopped = run_rapport("neo4j", "stop", env=env)
    assert "stopped the local Neo4j" in stopped.stdout
    assert _jvms_of(tmp_path) == []
    assert not (tmp_path / "neo4j" / "server.json").exists()


def test_without_maven_the_error_says_what_to_install(tmp_path: Path, run_rapport: Run) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "java").symlink_to(shutil.which("java") or "/usr/bin/java")
    env = {**_env(tmp_path), "RAPPORT_DB_URI": "local-neo4j", "PATH": str(bare),
           "XDG_CACHE_HOME": str(tmp_path / "empty-cache")}  # fmt: skip
    result = run_rapport("db", "status", env=env)
    assert result.returncode == 2
    assert "NEO4J_SERVER" in result.stderr
    assert "apt install maven" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_new_data_dir_takes_the_classpath_resolved_for_another_without_maven(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jar = tmp_path / "m2" / "neo4j-5.26.30.jar"
    jar.parent.mkdir()
    jar.write_bytes(b"PK")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no mvn: it must not be needed
    listing = distribution.shared_cache() / "classpath-5.26.30.txt"
    listing.parent.mkdir(parents=True)
    listing.write_text(str(jar), encoding="utf-8")
    home = tmp_path / "data" / "neo4j" / "home"
    assert distribution.classpath(home, "5.26.30") == [str(jar)]
    assert (home / "classpath-5.26.30.txt").read_text(encoding="utf-8") == str(jar)
    jar.unlink()  # a cleaned Maven cache: resolved again, with Maven, which is missing here
    with pytest.raises(Neo4jServerError, match="no `mvn`"):
        distribution.classpath(tmp_path / "other" / "home", "5.26.30")


def test_without_java_the_error_says_what_to_install(tmp_path: Path, run_rapport: Run) -> None:
    env = {**_env(tmp_path), "RAPPORT_DB_URI": "local-neo4j", "PATH": str(tmp_path),
           "JAVA_HOME": str(tmp_path / "no-jdk")}  # fmt: skip
    result = run_rapport("neo4j", "start", env=env)
    assert result.returncode == 2
    assert "needs Java" in result.stderr
    assert "JDK 17" in result.stderr


@pytest.mark.neo4j_only
@pytest.mark.slow
def test_a_command_on_local_neo4j_leaves_no_server_behind_and_its_data_private(
    tmp_path: Path, run_rapport: Run
) -> None:
    result = run_rapport("init", env={**_env(tmp_path), "RAPPORT_DB_URI": "local-neo4j"})
    assert result.returncode == 0, result.stderr
    assert f"{len(model.NODE_LABELS)} constraints" in result.stdout
    assert _wait(lambda: not _jvms_of(tmp_path), timeout=60)
    home = tmp_path / "neo4j"
    open_files = [
        str(p.relative_to(home))
        for p in [home, *home.rglob("*")]
        if not p.is_symlink() and p.stat().st_mode & 0o077
    ]
    assert open_files == []
