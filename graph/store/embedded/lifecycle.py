"""Start, share and stop the embedded database.

The first Rapport process that needs the database starts the server process and takes a lease;
later processes on the same data dir find the port file, check the server is really alive, and
take a lease of their own. When the last lease is released the server is stopped, unless
``rapport db start`` pinned it. A port file left by a killed server is detected (its process is
gone or its port is dead) and replaced.
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
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import EmbeddedServerError
from graph.settings import Settings
from graph.store.embedded.datadir import DataDir, ServerInfo, is_alive

log = logging.getLogger(__name__)
_PROJECT_ROOT = Path(__file__).resolve().parents[3]


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


def _spawn(data: DataDir, settings: Settings) -> ServerInfo:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PROJECT_ROOT), env.get("PYTHONPATH")]))
    with open(data.log_path, "ab") as logfile:
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "graph.store.embedded.server",
                "--data-dir",
                str(data.root),
                "--heap",
                settings.embedded_heap,
                "--idle-grace",
                str(settings.embedded_idle_grace),
            ],
            stdin=subprocess.DEVNULL,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            cwd=data.server_root,
            env=env,
            start_new_session=True,  # a ^C in the terminal reaches us, and we stop it cleanly
        )
    # Reap the child whenever it exits so it never lingers as a zombie of this process.
    threading.Thread(target=child.wait, daemon=True, name="rapport-embedded-reaper").start()
    deadline = time.monotonic() + settings.embedded_start_timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise EmbeddedServerError(
                f"the embedded database exited during start-up (code {child.returncode}); "
                f"its log {data.log_path} ends with:\n{data.log_tail()}",
                hint="check the log above; a full disk or a corrupt data dir are common causes",
            )
        info = data.read_server_info()
        if info is not None and info.pid == child.pid and _answers(info.bolt_port):
            return info
        time.sleep(0.1)
    child.terminate()
    raise EmbeddedServerError(
        f"the embedded database did not answer within {settings.embedded_start_timeout:.0f} s",
        hint="raise RAPPORT_EMBEDDED_START_TIMEOUT on a slow machine, or read "
        + str(data.log_path),
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
            log.warning(
                "embedded server pid %s ignored SIGTERM for %.0f s: killing", info.pid, timeout
            )
            os.kill(info.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    data.port_path.unlink(missing_ok=True)
    return info


@dataclass
class Lease:
    """This process's claim on the embedded server; release it (or exit) when done."""

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


def acquire(settings: Settings) -> Lease:
    """Join the data dir's running server, or start one; either way hold a lease on it."""
    data = DataDir.prepare(settings.data_dir)
    password = data.password()
    with data.locked():
        lease_path = data.add_lease()
        try:
            info = running_server(data)
            started = info is None
            if info is None:
                # A server that is alive but not answering is shutting down: let it finish.
                stop_server(data)
                info = _spawn(data, settings)
        except BaseException:
            lease_path.unlink(missing_ok=True)
            raise
    lease = Lease(data=data, info=info, password=password, started=started, path=lease_path)
    atexit.register(lease.release)
    return lease


def pin(settings: Settings) -> Lease:
    """Start (or join) the server and keep it running without clients (`rapport db start`)."""
    data = DataDir.prepare(settings.data_dir)
    data.pin_path.touch()
    return acquire(settings)


def unpin_and_stop(settings: Settings, *, force: bool = False) -> ServerInfo | None:
    """Stop the server (`rapport db stop`); refuses while other processes use it unless forced."""
    data = DataDir.prepare(settings.data_dir)
    with data.locked():
        others = [pid for pid in data.live_leases() if pid != os.getpid()]
        if others and not force:
            raise EmbeddedServerError(
                f"{len(others)} rapport process(es) still use the embedded database "
                f"(pid {', '.join(map(str, others))})",
                hint="stop them first, or pass --force to stop the database under them",
            )
        data.pin_path.unlink(missing_ok=True)
        return stop_server(data)
