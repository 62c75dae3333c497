"""Start, share and stop a database server Rapport runs itself (embedded ArcadeDB, local Neo4j).

The first Rapport process that needs the server starts its process and takes a lease; later
processes on the same data dir find the port file, check the server is really alive, and take a
lease of their own. When the last lease is released the server is stopped, unless it was pinned
(``rapport db start``, ``rapport neo4j start``). A port file left by a killed server is detected
(its process is gone or its port is dead) and replaced.
"""

from __future__ import annotations

import atexit
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import ServerProcessError
from graph.store.servers.datadir import DataDir, ServerInfo, is_alive

log = logging.getLogger(__name__)
_PROJECT_ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class ServerKind:
    """What differs between the servers: how to name, start and wait for one.

    ``module`` runs as ``python -m module --data-dir DIR *args``; it must publish the port file
    and follow the leases (see :mod:`graph.store.embedded.server`).
    """

    title: str  # "embedded ArcadeDB", "local Neo4j"
    module: str
    args: tuple[str, ...]
    start_timeout: float
    error: type[ServerProcessError]
    timeout_hint: str
    prepare: Callable[[], None] | None = None  # runs before the first start (resolving jars)


def _answers(port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def running_server(data: DataDir) -> ServerInfo | None:
    """The live server of ``data``, or None; a stale port file is removed on the way."""
    info = data.read_server_info()
    if info is None:
        return None
    if is_alive(info.pid, info.token) and _answers(info.bolt_port):
        return info
    if is_alive(info.pid, info.token):
        return None  # alive but not (yet or any more) listening: starting up or shutting down
    log.warning("removing the stale port file of server pid %s (process is gone)", info.pid)
    data.port_path.unlink(missing_ok=True)
    return None


def _spawn(data: DataDir, kind: ServerKind) -> ServerInfo:
    if kind.prepare is not None:
        kind.prepare()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PROJECT_ROOT), env.get("PYTHONPATH")]))
    fd = os.open(data.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "ab") as logfile:
        child = subprocess.Popen(
            [sys.executable, "-m", kind.module, "--data-dir", str(data.root), *kind.args],
            stdin=subprocess.DEVNULL,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            cwd=data.server_root,
            env=env,
            start_new_session=True,  # a ^C in the terminal reaches us, and we stop it cleanly
        )
    # Reap the child whenever it exits so it never lingers as a zombie of this process.
    threading.Thread(target=child.wait, daemon=True, name="rapport-server-reaper").start()
    deadline = time.monotonic() + kind.start_timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise kind.error(
                f"the {kind.title} exited during start-up (code {child.returncode}); "
                f"its log {data.log_path} ends with:\n{data.log_tail()}",
                hint="check the log above; a full disk, a port in use or a corrupt data dir are "
                "common causes",
            )
        info = data.read_server_info()
        if info is not None and info.pid == child.pid and _answers(info.bolt_port):
            return info
        time.sleep(0.1)
    child.terminate()
    raise kind.error(
        f"the {kind.title} did not answer within {kind.start_timeout:.0f} s",
        hint=f"{kind.timeout_hint}, or read {data.log_path}",
    )


def stop_server(data: DataDir, *, timeout: float = 60.0) -> ServerInfo | None:
    """Ask the running server to stop and wait until its process is gone.

    Returns what was stopped, or None if nothing ran. The caller holds ``data.locked()``.
    """
    info = data.read_server_info()
    if info is None or not is_alive(info.pid, info.token):
        data.port_path.unlink(missing_ok=True)
        return None
    os.kill(info.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while is_alive(info.pid, info.token):
        if time.monotonic() > deadline:
            log.warning("server pid %s ignored SIGTERM for %.0f s: killing", info.pid, timeout)
            os.kill(info.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    data.port_path.unlink(missing_ok=True)
    return info


@dataclass
class Lease:
    """This process's claim on a managed server; release it (or exit) when done."""

    data: DataDir
    info: ServerInfo
    password: str
    started: bool
    path: Path
    _released: bool = field(default=False, repr=False)

    def release(self) -> None:
        """Drop the lease; the last one out stops an unpinned server and waits for it."""
        if self._released:
            return
        self._released = True
        atexit.unregister(self.release)
        if not self.data.root.is_dir():
            return  # the data dir was removed under us (a temporary dir): nothing to release
        with self.data.locked():
            self.path.unlink(missing_ok=True)
            if not self.data.pinned and not self.data.live_leases():
                stop_server(self.data)


def acquire(data: DataDir, kind: ServerKind) -> Lease:
    """Join the data dir's running server, or start one; either way hold a lease on it."""
    password = data.password()
    with data.locked():
        lease_path = data.add_lease()
        try:
            info = running_server(data)
            started = info is None
            if info is None:
                # A server that is alive but not answering is shutting down: let it finish.
                stop_server(data)
                info = _spawn(data, kind)
        except BaseException:
            lease_path.unlink(missing_ok=True)
            raise
    lease = Lease(data=data, info=info, password=password, started=started, path=lease_path)
    atexit.register(lease.release)
    return lease


def pin(data: DataDir, kind: ServerKind) -> Lease:
    """Start (or join) the server and keep it running without clients."""
    data.pin_path.touch()
    return acquire(data, kind)


def unpin_and_stop(data: DataDir, kind: ServerKind, *, force: bool = False) -> ServerInfo | None:
    """Stop the server; refuses while other processes use it unless forced."""
    with data.locked():
        others = [pid for pid in data.live_leases() if pid != os.getpid()]
        if others and not force:
            raise kind.error(
                f"{len(others)} rapport process(es) still use the {kind.title} "
                f"(pid {', '.join(map(str, others))})",
                hint="stop them first, or pass --force to stop the database under them",
            )
        data.pin_path.unlink(missing_ok=True)
        return stop_server(data)
