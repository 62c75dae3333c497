"""The API's view of its database: up, or away and being reconnected.

A watch pings the database every few seconds in a worker thread. When a ping or a request finds
it gone (:class:`~graph.errors.DatabaseUnavailable`), the API says so at once: ``/readyz``
answers 503 with JSON, and every request fails fast with ``DATABASE_UNAVAILABLE`` instead of
waiting on a dead server. Meanwhile the watch reconnects (on the embedded database that starts
a new server, as any ``rapport`` command would); the first success puts the API back in service.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

from graph.errors import DatabaseUnavailable, RapportError
from graph.settings import Settings
from graph.store.connection import connect
from graph.store.repository import Repository

log = logging.getLogger(__name__)
PING_SECONDS = 2.0


@dataclass
class DatabaseHealth:
    """Whether the database answers, since when it does not, and the last reason."""

    repository: Repository
    settings: Settings
    available: bool = True
    down_since: float | None = None
    reason: str = ""
    reconnects: int = field(default=0)

    def unavailable(self, reason: str) -> DatabaseUnavailable:
        """Mark the database as gone (the watch will reconnect); the error to give clients."""
        if self.available:
            log.warning("database unavailable: %s", reason)
            self.available, self.down_since, self.reason = False, time.monotonic(), reason
        return self.error()

    def error(self) -> DatabaseUnavailable:
        """What a request gets while the database is away."""
        return DatabaseUnavailable(
            f"the database is unavailable ({self.reason})",
            hint="retry in a few seconds: the API reconnects by itself",
        )

    def check(self) -> None:
        """One ping, and a reconnection when the database was away (runs in a worker thread)."""
        if not self.available:
            self._reconnect()
            return
        try:
            # On a repository of its own: a ping is no request's statement (the shared one's
            # count is what tests and benchmarks read per request).
            ping = Repository(self.repository.connection, tx_timeout=self.repository.tx_timeout)
            ping.read("read/ping")
        except DatabaseUnavailable as exc:
            self.unavailable(exc.message)
        except RapportError as exc:  # a timeout under load is not an outage
            log.info("database ping: %s", exc)
        except Exception as exc:  # the driver's own errors: the connection is unusable
            self.unavailable(str(exc))

    def _reconnect(self) -> None:
        try:
            fresh = connect(self.settings)
        except RapportError as exc:
            self.reason = exc.message
            return
        old = self.repository.connection
        self.repository.connection = fresh
        self.repository.embedded = fresh.backend == "embedded"
        try:
            old.close()
        except Exception:  # the old driver talked to a dead server: nothing to close cleanly
            log.debug("closing the old connection failed", exc_info=True)
        down = time.monotonic() - (self.down_since or time.monotonic())
        log.warning("database back after %.1f s", down)
        self.available, self.down_since, self.reason = True, None, ""
        self.reconnects += 1


async def watch(health: DatabaseHealth) -> None:
    """Check the database every :data:`PING_SECONDS` until cancelled."""
    while True:
        await asyncio.sleep(PING_SECONDS)
        await asyncio.to_thread(health.check)
