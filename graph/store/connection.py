"""Open the one driver of this process: to the embedded ArcadeDB or to Neo4j, over Bolt.

There is exactly one code path (DESIGN.md §2): the official ``neo4j`` driver. With
``RAPPORT_DB_URI=embedded`` Rapport first starts (or joins) its embedded server.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from types import TracebackType
from typing import Literal

import neo4j
from neo4j import exceptions as neo4j_errors

from graph.errors import AuthenticationFailed, DatabaseNotFound, RapportError, ServerUnreachable
from graph.settings import Settings, get_settings
from graph.store import cypher
from graph.store.embedded import admin, lifecycle

log = logging.getLogger(__name__)

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


def _verify(driver: neo4j.Driver, *, uri: str, user: str, database: str, embedded: bool) -> None:
    """``verify_connectivity`` plus one query on the database, as errors a user can act on."""
    where = "the embedded database" if embedded else uri
    try:
        driver.verify_connectivity()
        driver.execute_query(cypher.load("read/ping").text, database_=database)
    except neo4j_errors.AuthError as exc:
        hint = (
            "unset RAPPORT_DB_PASSWORD: the embedded password lives in the data dir"
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
    if settings.is_embedded:
        return _connect_embedded(settings)
    return _connect_neo4j(settings)


def _connect_neo4j(settings: Settings) -> Connection:
    password = settings.db_password.get_secret_value() if settings.db_password else ""
    try:
        driver = neo4j.GraphDatabase.driver(settings.db_uri, auth=(settings.user, password))
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
            database=settings.db_name,
            embedded=False,
        )
    except BaseException:
        driver.close()
        raise
    return Connection(driver, settings.db_name, "neo4j", settings.db_uri, settings)


def _connect_embedded(settings: Settings) -> Connection:
    lease = lifecycle.acquire(settings)
    try:
        password = (
            settings.db_password.get_secret_value() if settings.db_password else lease.password
        )
        uri = lease.info.bolt_uri
        if password == lease.password:
            admin.ensure_database(lease.info, password, settings.db_name)
        driver = neo4j.GraphDatabase.driver(uri, auth=(settings.user, password))
        try:
            _verify(driver, uri=uri, user=settings.user, database=settings.db_name, embedded=True)
        except BaseException:
            driver.close()
            raise
    except BaseException:
        lease.release()
        raise
    log.info("connected to embedded ArcadeDB %s at %s", lease.info.version, uri)
    return Connection(driver, settings.db_name, "embedded", uri, settings, lease)
