"""The embedded database: ArcadeDB with its Bolt plugin, started and shared by Rapport itself.

``server`` is the process that hosts the JVM; ``admin`` creates databases through the server's
HTTP API. Starting, sharing and stopping it is :mod:`graph.store.servers.lifecycle`'s job, with
the :class:`~graph.store.servers.lifecycle.ServerKind` below.
"""

from __future__ import annotations

from graph.errors import EmbeddedServerError
from graph.settings import Settings
from graph.store.servers import lifecycle
from graph.store.servers.datadir import DataDir, ServerInfo


def data_dir(settings: Settings) -> DataDir:
    """The embedded server's data dir (``RAPPORT_DATA_DIR``), created if needed."""
    return DataDir.prepare(settings.data_dir)


def kind(settings: Settings) -> lifecycle.ServerKind:
    """How to run the embedded server with ``settings``."""
    return lifecycle.ServerKind(
        title="embedded ArcadeDB",
        module="graph.store.embedded.server",
        args=(
            *("--heap", settings.embedded_heap),
            *("--idle-grace", str(settings.embedded_idle_grace)),
            *("--command-timeout", str(settings.tx_timeout)),
            *("--bolt-port", str(settings.embedded_bolt_port)),
        ),
        start_timeout=settings.embedded_start_timeout,
        error=EmbeddedServerError,
        timeout_hint="raise RAPPORT_EMBEDDED_START_TIMEOUT on a slow machine",
    )


def acquire(settings: Settings) -> lifecycle.Lease:
    """Join the embedded server of ``settings``' data dir, or start it; hold a lease on it."""
    return lifecycle.acquire(data_dir(settings), kind(settings))


def pin(settings: Settings) -> lifecycle.Lease:
    """Start (or join) the embedded server and keep it running (`rapport db start`)."""
    return lifecycle.pin(data_dir(settings), kind(settings))


def unpin_and_stop(settings: Settings, *, force: bool = False) -> ServerInfo | None:
    """Stop the embedded server (`rapport db stop`); what was stopped, or None."""
    return lifecycle.unpin_and_stop(data_dir(settings), kind(settings), force=force)
