"""Open the one driver of this process: to the embedded ArcadeDB or to Neo4j, over Bolt.

There is exactly one code path (DESIGN.md §2): the official ``neo4j`` driver. With
``RAPPORT_DB_URI=embedded`` Rapport first starts (or joins) its embedded server; with
``local-neo4j`` the Neo4j Community server it runs itself (:mod:`graph.store.neo4j`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from types import TracebackType
from typing import Any, Literal

import neo4j
from neo4j import exceptions as neo4j_errors

from graph.errors import AuthenticationFailed, DatabaseNotFound, RapportError, ServerUnreachable
from graph.settings import Settings, get_settings
from graph.store import bolt_loop, bolt_reads, bolt_run, bolt_times, cypher, embedded, limits
from graph.store import neo4j as local_neo4j
from graph.store.embedded import admin
from graph.store.servers import lifecycle

log = logging.getLogger(__name__)
bolt_times.install()  # before any connection: each takes the packers when it is made
bolt_reads.install()

Backend = Literal["embedded", "neo4j"]


@dataclass
class Connection:
    """A verified driver, the database it talks to, and (embedded) the lease on the server."""

    driver: neo4j.Driver
    database: str
    backend: Backend
    uri: str
    settings: Settings
    lease: lifecycle.Lease | None = None
    _closed: bool = field(default=False, repr=False)

    @cached_property
    def reader(self) -> bolt_run.Reader | None:
        """Auto-commit reads straight over the driver's pool (:mod:`graph.store.bolt_run`), or
        None where the driver is laid out otherwise (then reads go through sessions)."""
        return bolt_run.reader(self.driver, self.database)

    @cached_property
    def loop_reader(self) -> bolt_loop.LoopReader | None:
        """Reads awaited on the asyncio event loop (:mod:`graph.store.bolt_loop`), or None."""
        return bolt_loop.loop_reader(self.driver, self.database)

    def close(self) -> None:
        """Close the driver and release the embedded server (stopping it if we were last)."""
        if self._closed:
            return
        self._closed = True
        self.driver.close()
        if self.lease is not None:
            self.lease.release()

    def __enter__(self) -> Connection:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# Neo4j tells a client that a label or type is not in the graph yet (GQL 01N51) on every query
# of a fresh database: noise for users, not a problem.
# The driver's own retries of a managed transaction: short, so a dead database is said quickly
# (the repository retries write conflicts itself).
_DRIVER_RETRY_SECONDS = 5.0


def _driver(uri: str, user: str, password: str, *, neo4j_server: bool) -> neo4j.Driver:
    extra: dict[str, Any] = {}
    if neo4j_server:
        extra["notifications_disabled_classifications"] = [
            neo4j.NotificationDisabledClassification.UNRECOGNIZED
        ]
    return neo4j.GraphDatabase.driver(
        uri,
        auth=(user, password),
        max_transaction_retry_time=_DRIVER_RETRY_SECONDS,
        connection_timeout=10.0,
        **extra,
    )


def _verify(
    driver: neo4j.Driver, *, uri: str, user: str, database: str, managed: str | None
) -> None:
    """``verify_connectivity`` plus one query on the database, as errors a user can act on.

    ``managed`` names the server when Rapport runs it itself (its password is in the data dir).
    """
    where = managed or uri
    embedded = managed is not None
    try:
        driver.verify_connectivity()
        driver.execute_query(cypher.load("read/ping").text, database_=database)
    except neo4j_errors.AuthError as exc:
        hint = (
            "unset RAPPORT_DB_PASSWORD: the generated password lives in the data dir"
            if embedded
            else "check RAPPORT_DB_USER and RAPPORT_DB_PASSWORD"
        )
        raise AuthenticationFailed(
            f"{where} refused user {user!r}: wrong user name or password", hint=hint
        ) from exc
    except (neo4j_errors.ServiceUnavailable, OSError) as exc:
        raise ServerUnreachable(
            f"nothing answers Bolt at {uri} ({exc})",
            hint="start the server or fix RAPPORT_DB_URI (host and port); "
            "unset it to use the embedded database",
        ) from exc
    except neo4j_errors.ClientError as exc:
        if exc.code and "DatabaseNotFound" in exc.code:
            raise DatabaseNotFound(
                f"database {database!r} does not exist on {where}",
                hint="create it on the server (CREATE DATABASE) or set RAPPORT_DB_NAME",
            ) from exc
        raise


def connect(settings: Settings | None = None) -> Connection:
    """Open a verified connection as configured; close it (or use ``with``) when done."""
    settings = settings or get_settings()
    limits.install_read_timeout(
        max(settings.tx_timeout, settings.api_tx_timeout) + limits.READ_TIMEOUT_MARGIN
    )
    if settings.is_embedded:
        return _connect_embedded(settings)
    if settings.is_local_neo4j:
        return _connect_local_neo4j(settings)
    return _connect_neo4j(settings)


def _connect_neo4j(settings: Settings) -> Connection:
    password = settings.db_password.get_secret_value() if settings.db_password else ""
    try:
        driver = _driver(settings.db_uri, settings.user, password, neo4j_server=True)
    except (ValueError, neo4j_errors.ConfigurationError) as exc:
        raise RapportError(
            f"the driver cannot use RAPPORT_DB_URI={settings.db_uri!r}: {exc}",
            hint="use neo4j://host:7687 or bolt://host:7687",
        ) from exc
    try:
        _verify(
            driver,
            uri=settings.db_uri,
            user=settings.user,
            database=settings.database,
            managed=None,
        )
    except BaseException:
        driver.close()
        raise
    return Connection(driver, settings.database, "neo4j", settings.db_uri, settings)


def _connect_embedded(settings: Settings) -> Connection:
    lease = embedded.acquire(settings)
    try:
        password = (
            settings.db_password.get_secret_value() if settings.db_password else lease.password
        )
        uri = lease.info.bolt_uri
        if password == lease.password:
            admin.ensure_database(lease.info, password, settings.database)
        driver = _driver(uri, settings.user, password, neo4j_server=False)
        try:
            _verify(
                driver,
                uri=uri,
                user=settings.user,
                database=settings.database,
                managed="the embedded database",
            )
        except BaseException:
            driver.close()
            raise
    except BaseException:
        lease.release()
        raise
    log.info("connected to embedded ArcadeDB %s at %s", lease.info.version, uri)
    return Connection(driver, settings.database, "embedded", uri, settings, lease)


def _connect_local_neo4j(settings: Settings) -> Connection:
    lease = local_neo4j.acquire(settings)
    try:
        secret = settings.db_password.get_secret_value() if settings.db_password else None
        uri = lease.info.bolt_uri
        user = settings.db_user or local_neo4j.USER
        driver = _driver(uri, user, secret or lease.password, neo4j_server=True)
        try:
            _verify(
                driver,
                uri=uri,
                user=user,
                database=settings.database,
                managed="the local Neo4j",
            )
        except BaseException:
            driver.close()
            raise
    except BaseException:
        lease.release()
        raise
    log.info("connected to the local Neo4j %s at %s", lease.info.version, uri)
    return Connection(driver, settings.database, "neo4j", uri, settings, lease)
