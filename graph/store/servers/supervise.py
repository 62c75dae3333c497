"""The loop a managed server process runs: publish itself, then serve until told to stop or,
when unpinned, until no client holds a lease (so a killed client never leaves a JVM behind).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable

from graph.errors import ServerProcessError
from graph.store.servers.datadir import DataDir

POLL_SECONDS = 0.25


def stop_on_signals() -> threading.Event:
    """An event set by SIGTERM or SIGINT."""
    stop = threading.Event()

    def _on_signal(signum: int, _frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    return stop


def serve_until_idle(
    data: DataDir,
    stop: threading.Event,
    *,
    idle_grace: float,
    shutdown: Callable[[], None],
    died: Callable[[], bool] = lambda: False,
) -> int:
    """Wait for ``stop``, for ``died()`` (the database process exited), or for no client left
    (unpinned, after ``idle_grace`` seconds); then call ``shutdown`` once. Returns the exit code.
    """
    idle_since: float | None = None
    while not stop.wait(POLL_SECONDS):
        if died():
            print("\nrapport: the database process exited", flush=True)
            shutdown()
            return 1
        if data.pinned or data.live_leases():
            idle_since = None
            continue
        idle_since = idle_since or time.monotonic()
        if time.monotonic() - idle_since < idle_grace:
            continue
        # Decide under the start lock, and keep it until stopped: a client joining now
        # either sees us gone or has already taken its lease and keeps us alive.
        try:
            with data.locked(timeout=POLL_SECONDS):
                if data.pinned or data.live_leases():
                    idle_since = None
                    continue
                print("\nrapport: no clients left, stopping", flush=True)
                shutdown()
                return 0
        except ServerProcessError:
            continue  # someone holds the lock (joining, or stopping us): look again
    shutdown()
    return 0
