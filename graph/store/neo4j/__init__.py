"""The local Neo4j: Neo4j Community resolved from Maven Central and run by Rapport on 127.0.0.1.

``RAPPORT_DB_URI=local-neo4j`` connects to it (starting it if needed, like the embedded
server), ``rapport neo4j start|stop|status`` manages it. ``distribution`` finds Java, resolves
the jars and writes the configuration; ``server`` is the supervisor process that runs the JVM.
Its data lives in ``RAPPORT_DATA_DIR/neo4j``; the password of user ``neo4j`` is generated on
first start and kept in ``neo4j_password`` (mode 0600). Neo4j Browser is served at
``http://127.0.0.1:<http port>/browser/``.
"""

from __future__ import annotations

from graph.errors import Neo4jServerError
from graph.settings import Settings
from graph.store.neo4j import distribution
from graph.store.servers import lifecycle
from graph.store.servers.datadir import DataDir, ServerInfo

USER = "neo4j"


def data_dir(settings: Settings) -> DataDir:
    """The local Neo4j's data dir (``RAPPORT_DATA_DIR/neo4j``), created if needed."""
    return DataDir.prepare(settings.data_dir / "neo4j", home="home", auth_file="neo4j_password")


def kind(settings: Settings) -> lifecycle.ServerKind:
    """How to run the local Neo4j with ``settings``."""
    root = settings.data_dir / "neo4j"

    def prepare() -> None:
        # In the client, before spawning: a missing java or mvn is said here, with its hint.
        distribution.find_java()
        distribution.classpath(
            root.expanduser().resolve(), settings.neo4j_version, apoc=settings.neo4j_apoc,
            gds=settings.neo4j_gds,
        )  # fmt: skip

    return lifecycle.ServerKind(
        title="local Neo4j",
        module="graph.store.neo4j.server",
        args=(
            "--version",
            settings.neo4j_version,
            "--heap",
            settings.neo4j_heap,
            "--idle-grace",
            str(settings.embedded_idle_grace),
            "--bolt-port",
            str(settings.neo4j_bolt_port),
            "--http-port",
            str(settings.neo4j_http_port),
            *(["--apoc"] if settings.neo4j_apoc else []),
            *(["--gds"] if settings.neo4j_gds else []),
        ),
        start_timeout=settings.neo4j_start_timeout,
        error=Neo4jServerError,
        timeout_hint="raise RAPPORT_NEO4J_START_TIMEOUT on a slow machine",
        prepare=prepare,
    )


def acquire(settings: Settings) -> lifecycle.Lease:
    """Join the local Neo4j of ``settings``' data dir, or start it; hold a lease on it."""
    return lifecycle.acquire(data_dir(settings), kind(settings))


def pin(settings: Settings) -> lifecycle.Lease:
    """Start (or join) the local Neo4j and keep it running (`rapport neo4j start`)."""
    return lifecycle.pin(data_dir(settings), kind(settings))


def unpin_and_stop(settings: Settings, *, force: bool = False) -> ServerInfo | None:
    """Stop the local Neo4j (`rapport neo4j stop`); what was stopped, or None."""
    return lifecycle.unpin_and_stop(data_dir(settings), kind(settings), force=force)


def browser_url(info: ServerInfo) -> str:
    """Where Neo4j Browser opens, with the connection filled in."""
    return (
        f"http://127.0.0.1:{info.http_port}/browser/?dbms=neo4j://{USER}@127.0.0.1:"
        f"{info.bolt_port}&db=neo4j"
    )
