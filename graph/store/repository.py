"""The only code that runs Cypher: named statements from ``cypher/``.

Writes go through ``driver.execute_query`` (a managed transaction: the driver retries transient
errors); reads run as auto-commit transactions, retried here. On top of that a write is retried
when concurrent writers collide on a uniqueness constraint or exhaust the driver's retries,
which ArcadeDB's optimistic MVCC produces under load: every write here is an idempotent
``MERGE``, so running it again is safe.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import random
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors

from graph.bulk import collect_young
from graph.errors import DatabaseUnavailable, QueryTimeout, RapportError, WriteFailed
from graph.store import bolt_run, causes, cypher, together
from graph.store.connection import Connection
from graph.store.cypher import CypherStatement
from graph.store.limits import chunks
from graph.store.servers.datadir import is_alive

log = logging.getLogger(__name__)

Row = dict[str, Any]
T = TypeVar("T")
Read = tuple["str | CypherStatement", dict[str, Any]]
READ_ATTEMPTS = 3
# How long a look at the server's process holds: the API's small reads came to read /proc a few
# hundred times a second; a server dying meanwhile is still found by the failing statement.
ALIVE_SECONDS = 0.25


def _retryable(exc: Exception, *, embedded: bool) -> bool:
    if isinstance(exc, neo4j_errors.TransientError | neo4j_errors.ServiceUnavailable):
        return True
    if isinstance(exc, neo4j_errors.SessionExpired):
        return True
    code = getattr(exc, "code", "") or ""
    # Two writers MERGE-ing the same new key: one commit loses on the constraint. Re-running
    # the MERGE finds the node the winner created. ArcadeDB also reports some concurrent-commit
    # failures as a generic database error; every write here is idempotent, so trying again is
    # safe there (a statement that is wrong fails as a ClientError and is not retried). Neo4j
    # reports those as transient errors, and its DatabaseErrors are real failures: not retried.
    return (
        "ConstraintValidationFailed" in code
        or (embedded and code.startswith("Neo.DatabaseError"))
        or "ConcurrentModification" in str(exc)
    )


class _Shared:
    """What a repository and its per-request copies keep together."""

    __slots__ = ("looked", "trips")

    def __init__(self) -> None:
        self.trips = 0  # queries sent; tests use it to prove batching and DataLoaders
        self.looked = -ALIVE_SECONDS  # when the server's process was last seen alive


class Repository:
    """Runs named Cypher statements against one connection."""

    def __init__(self, connection: Connection, *, tx_timeout: float | None = None) -> None:
        self.connection = connection
        self.settings = connection.settings
        # Seconds a transaction may run; the API passes its own, shorter one.
        self.tx_timeout = tx_timeout or connection.settings.tx_timeout
        self._shared = _Shared()  # one for the repository and its copies (:meth:`for_request`)
        self._answers: dict[tuple[str, str], list[Row]] = {}  # reads answered ahead (a request's)
        self._recording: list[Read] | None = None  # set on the copy :meth:`first_read` runs
        self.embedded = connection.backend == "embedded"
        # Told when the database is found gone (the API marks itself unavailable at once).
        self.on_unavailable: Callable[[str], object] | None = None

    @property
    def round_trips(self) -> int:
        """Statements sent to the database by this repository and its copies."""
        return self._shared.trips

    @round_trips.setter
    def round_trips(self, value: int) -> None:
        self._shared.trips = value

    def for_request(self) -> Repository:
        """A copy for one API request: the same connection and counters, and reads it was given
        the answers of ahead (:meth:`answer_ahead`) answered from them."""
        twin = copy.copy(self)
        twin._answers = {}
        return twin

    def first_read(self, fn: Callable[..., object], *args: Any) -> Read | None:
        """The statement and parameters of the first read ``fn(repository, *args)`` makes that
        this repository has no answer for (it is run up to that read), or None when it reads
        nothing more or fails before."""
        try:
            return self.answered(fn, *args)[0]
        except Exception:  # it would fail the same when run: nothing to plan
            return None

    def answered(self, fn: Callable[..., T], *args: Any) -> tuple[Read | None, T | None]:
        """``fn(repository, *args)`` run on the answers given ahead only: (None, its result),
        or (the first read it needs an answer for, None) where it stopped."""
        twin = copy.copy(self)
        twin._recording = []
        try:
            return None, fn(twin, *args)
        except _Recorded:
            return twin._recording[0], None

    async def read_on_loop(self, read: Read) -> list[Row] | None:
        """:meth:`read` awaited on the running event loop, without a thread
        (:mod:`graph.store.bolt_loop`); None when it must be read through :meth:`read` in a
        thread instead (a transient failure is retried there)."""
        name, params = read
        direct = self.connection.loop_reader
        try:
            rows = (
                None if direct is None else await direct.read(_text(name), params, self.tx_timeout)
            )
        except (bolt_run.Unhandled, neo4j_errors.DriverError):  # said by read() if it lasts
            return None
        except neo4j_errors.Neo4jError as exc:
            typed = self._typed(exc, name if isinstance(name, str) else name.name)
            if typed is not None:
                raise typed from exc
            if isinstance(exc, neo4j_errors.TransientError):
                return None
            raise
        if rows is not None:
            self.round_trips += 1
        return rows

    def answering(self, read: Read, rows: list[Row]) -> Repository:
        """A copy answering ``read`` with ``rows`` too (read another way); this one unchanged."""
        twin = copy.copy(self)
        twin._answers = {**self._answers, _answer_key(*read): rows}
        return twin

    def answer_ahead(self, reads: Sequence[Read], found: list[list[Row]] | None = None) -> None:
        """Run ``reads`` as one statement (:meth:`read_together`; ``found``: their rows, read
        already) and answer each of them from it when it is read later through this repository
        (a request's: :meth:`for_request`)."""
        found = self.read_together(reads) if found is None else found
        for (name, params), rows in zip(reads, found, strict=True):
            self._answers[_answer_key(name, params)] = rows

    def read_together(self, reads: Sequence[Read]) -> list[list[Row]]:
        """The rows of each of the independent read statements ``reads``, as :meth:`read`
        returns them, from one statement (:mod:`graph.store.together`): one round trip."""
        if len(reads) < 2:  # nothing to gather
            return [self.read(name, **params) for name, params in reads]
        texts = [_text(name) for name, _ in reads]
        text, params = together.composite([(x, p) for x, (_, p) in zip(texts, reads, strict=True)])
        rows = self.read(CypherStatement("together", "", text), **params)
        return together.split(texts, rows[0])

    def _alive(self) -> None:
        """:class:`DatabaseUnavailable` at once when Rapport runs the server and it has died
        (a look at /proc at most every :data:`ALIVE_SECONDS`), instead of the driver's retries
        against a dead port."""
        now = time.monotonic()
        if now - self._shared.looked < ALIVE_SECONDS:
            return
        if self._server_gone():
            raise self._unavailable("its process is gone")
        self._shared.looked = now

    def _unavailable(self, why: str) -> DatabaseUnavailable:
        if self.on_unavailable is not None:
            self.on_unavailable(why)
        return DatabaseUnavailable(
            f"the database at {self.connection.uri} stopped answering ({why})",
            hint=self._restart_hint(),
        )

    def server_agent(self) -> str:
        """What the server calls itself over Bolt (e.g. ``Neo4j/5.26.0``)."""
        return str(self.connection.driver.get_server_info().agent)

    def _run(
        self, name: str | CypherStatement, params: dict[str, Any], routing: neo4j.RoutingControl
    ) -> list[Row]:
        """One managed transaction (the driver retries transient errors) for statement ``name``."""
        self._alive()
        self.round_trips += 1
        result = self.connection.driver.execute_query(
            neo4j.Query(_text(name), timeout=self.tx_timeout),
            params,
            database_=self.connection.database,
            routing_=routing,
        )
        # dict(record), not record.data(): the values are already plain (no nodes are returned)
        # and data()'s recursive conversion costs a third of the time of a large read.
        return [dict(zip(record.keys(), record.values(), strict=True)) for record in result.records]

    def read(self, name: str | CypherStatement, **params: Any) -> list[Row]:
        """Run read statement ``name`` and return its rows as dicts.

        An auto-commit transaction: one network exchange instead of the three (BEGIN, RUN,
        COMMIT) of a managed one, which matters for the API's many small reads (0.6 ms against
        1.5 ms on the embedded database). Transient failures are retried here instead; a
        database that stopped answering is :class:`DatabaseUnavailable` at once, a statement
        that ran out of time :class:`QueryTimeout`.
        """
        if self._answers and (known := self._answers.get(_answer_key(name, params))) is not None:
            return known
        if self._recording is not None:
            self._recording.append((name, params))
            raise _Recorded
        query = neo4j.Query(_text(name), timeout=self.tx_timeout)
        what = name if isinstance(name, str) else name.name
        self._alive()
        for attempt in range(1, READ_ATTEMPTS + 1):
            self.round_trips += 1
            try:
                rows = self._read_once(query, params)
                collect_young()
                return rows
            except neo4j_errors.DriverError as exc:
                typed = self._typed(exc, what)
                if typed is not None:
                    raise typed from exc
                if not isinstance(exc, _AGAIN) or attempt == READ_ATTEMPTS:
                    raise
                time.sleep(0.05 * 2**attempt)
            except neo4j_errors.Neo4jError as exc:
                typed = self._typed(exc, what)
                if typed is not None:
                    raise typed from exc
                if not isinstance(exc, neo4j_errors.TransientError) or attempt == READ_ATTEMPTS:
                    raise
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def _read_once(self, query: neo4j.Query, params: dict[str, Any]) -> list[Row]:
        """One auto-commit read: straight over the pool where the driver allows (a third of
        the client's CPU of a small read, graph/store/bolt_run.py), else through a session."""
        if (direct := self.connection.reader) is not None:
            with contextlib.suppress(bolt_run.Unhandled):
                return direct(query.text, params, query.timeout)
        with self.connection.driver.session(
            database=self.connection.database, default_access_mode=neo4j.READ_ACCESS
        ) as session:
            return [
                dict(zip(r.keys(), r.values(), strict=True)) for r in session.run(query, params)
            ]

    def _typed(self, exc: Exception, what: str) -> RapportError | None:
        """The error a user should see for ``exc``: the database is gone, or time ran out."""
        if causes.timed_out(exc):
            return QueryTimeout(
                f"{what} ran out of time (more than {self.tx_timeout:g} s)",
                hint="ask for less (a smaller page, a narrower filter), or raise "
                "RAPPORT_TX_TIMEOUT / RAPPORT_API_TX_TIMEOUT",
            )
        if isinstance(exc, _AGAIN) and (self._server_gone() or causes.connection_refused(exc)):
            return self._unavailable(str(exc))
        return None

    def _server_gone(self) -> bool:
        """True when Rapport runs the server and its process has died."""
        lease = self.connection.lease
        return lease is not None and not is_alive(lease.info.pid, lease.info.token)

    def _restart_hint(self) -> str:
        if self.connection.lease is not None:
            return (
                "run the command again: Rapport starts the database again (an interrupted "
                "import resumes from its last checkpoint)"
            )
        return (
            f"check the server at {self.connection.uri}, then run the command again (an "
            "interrupted import resumes from its last checkpoint)"
        )

    def write(self, name: str | CypherStatement, **params: Any) -> list[Row]:
        """Run write statement ``name`` in one managed transaction, retrying conflicts."""
        what = name if isinstance(name, str) else name.name
        rows = self._retrying(what, lambda: self._run(name, params, neo4j.RoutingControl.WRITE))
        collect_young()
        return rows

    def write_together(
        self,
        statements: Sequence[tuple[str, dict[str, Any]]],
        check: Callable[[list[list[Row]]], None] | None = None,
    ) -> list[list[Row]]:
        """Run several write statements in one transaction: all of them, or none.

        ``check`` sees every statement's rows before the commit; raising there rolls it back.
        Conflicts are retried like :meth:`write`.
        """

        def work(tx: neo4j.ManagedTransaction) -> list[list[Row]]:
            results = []
            for name, params in statements:
                result = tx.run(cypher.load(name).text, params)
                results.append([dict(zip(r.keys(), r.values(), strict=True)) for r in result])
            if check is not None:
                check(results)
            return results

        def once() -> list[list[Row]]:
            self._alive()
            self.round_trips += len(statements)
            with self.connection.driver.session(database=self.connection.database) as session:
                return session.execute_write(neo4j.unit_of_work(timeout=self.tx_timeout)(work))

        return self._retrying(f"a transaction of {len(statements)} statement(s)", once)

    def _retrying(self, what: str, attempt_once: Callable[[], T]) -> T:
        """Run ``attempt_once``, again after a jittered back-off when writers conflicted."""
        attempts = self.settings.write_retries + 1
        for attempt in range(1, attempts + 1):
            try:
                return attempt_once()
            except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
                typed = self._typed(exc, what)
                if typed is not None:
                    raise typed from exc
                self._conflicted(exc, what, attempt, attempts)
        raise AssertionError("unreachable")

    def _conflicted(self, exc: Exception, what: str, attempt: int, attempts: int) -> None:
        """Sleep before the next attempt, or raise :class:`WriteFailed` when there is none."""
        if isinstance(exc, neo4j_errors.Neo4jError):
            if not _retryable(exc, embedded=self.embedded) or attempt == attempts:
                raise WriteFailed(
                    f"{what} failed after {attempt} attempt(s): [{exc.code}] {exc.message or exc}",
                    hint="nothing of it was written; a transient error may pass if you re-run",
                ) from exc
            delay = min(2.0, 0.05 * 2**attempt) * (0.5 + random.random())  # noqa: S311
            log.info("%s conflicted (%s); retry %d in %.2f s", what, exc.code, attempt, delay)
            time.sleep(delay)
            return
        if not _retryable(exc, embedded=self.embedded) or attempt == attempts:
            raise WriteFailed(f"{what} failed after {attempt} attempt(s): {exc}") from exc
        time.sleep(min(2.0, 0.05 * 2**attempt))

    def write_rows(
        self,
        name: str | CypherStatement,
        rows: Sequence[Row],
        *,
        batch_size: int | None = None,
        count: str = "written",
    ) -> int:
        """Send ``rows`` to statement ``name`` as ``$rows`` in batches (by rows and by bytes,
        see :mod:`graph.store.limits`); the sum of the ``count`` column (``written``, or
        ``changed`` for an upsert that skips unchanged rows)."""
        size = batch_size or self.settings.batch_size
        total = 0
        for batch in chunks(rows, max_rows=size, max_bytes=self.settings.batch_bytes):
            for row in self.write(name, rows=batch):
                total += int(row.get(count, 0))
        return total


class _Recorded(BaseException):  # a signal, not an error: no `except Exception` takes it
    """Stops a function :meth:`Repository.first_read` runs at its first read."""


def _answer_key(name: str | CypherStatement, params: dict[str, Any]) -> tuple[str, str]:
    return (name if isinstance(name, str) else name.text), repr(sorted(params.items()))


def _text(statement: str | CypherStatement) -> str:
    """The Cypher of a statement given by name (a file in ``cypher/``) or already loaded."""
    return statement.text if isinstance(statement, CypherStatement) else cypher.load(statement).text


_AGAIN = (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired)
