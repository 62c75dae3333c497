"""Auto-commit reads sent straight over a pooled Bolt connection, without a session.

The ``neo4j`` driver runs a read through a session, a workspace, a result and its records:
some 700 Python calls and 0.3 ms of this process's CPU for a statement that returns one row,
measured on Neo4j 5.26 — more than the API spends on the rest of a small request. Here a read
takes a connection from the driver's own pool, writes RUN and PULL with the driver's packer,
reads the answers with the driver's unpacker and hydration (so values come out exactly as the
driver makes them), and hands the connection back: 0.05-0.1 ms.

What stays the driver's: the pool (its size, acquisition timeout, liveness and lifetime checks,
authentication), socket errors (the connection is marked dead and the driver's
``ServiceUnavailable``/``SessionExpired`` raised), and a FAILURE, which is handed to the driver's
own response handling, so the error raised is the one ``session.run`` raises and the connection
is reset before it goes back to the pool. A connection left in a state this module does not know
(an exception half-way) is closed, not reused.

:func:`reader` says whether the driver has what this needs (a direct pool, Bolt 4 or later);
``None`` means reads go through sessions as before.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic
from typing import Any, NoReturn

__all__ = ["Reader", "Sender", "Unhandled", "answers", "hand_back", "reader", "sender"]

_RUN, _PULL = b"\x10", b"\x3f"
_SUCCESS, _RECORD, _IGNORED, _FAILURE = b"\x70", b"\x71", b"\x7e", b"\x7f"
_PULL_ALL = ({"n": -1},)

#: ``(text, parameters, timeout in seconds or None) -> rows``
Reader = Callable[[str, dict[str, Any], float | None], list[dict[str, Any]]]


def reader(driver: Any, database: str | None) -> Reader | None:
    """A function that runs an auto-commit read on ``driver``'s pool and returns its rows as
    dicts, or None when the driver is not laid out as this expects (then use sessions)."""
    send = sender(driver, database)
    if send is None:
        return None
    pool = driver._pool

    def read(text: str, parameters: dict[str, Any], timeout: float | None) -> list[dict[str, Any]]:
        cx, scope = send(text, parameters, timeout)
        return answers(pool, cx, scope)

    return read


#: ``(text, parameters, timeout) -> (connection, hydration scope)``: RUN and PULL sent on a
#: connection taken from the pool, whose answer is still to be read (:func:`answers`).
Sender = Callable[[str, dict[str, Any], float | None], tuple[Any, Any]]


def sender(driver: Any, database: str | None) -> Sender | None:
    """The first half of a read (see :data:`Sender`), or None when the driver is not laid out
    as this module expects."""
    try:
        from neo4j._sync.io._bolt._base import tx_timeout_as_ms
        from neo4j._sync.io._pool import AcquisitionAuth, AcquisitionDatabase
    except ImportError:  # pragma: no cover - a driver laid out otherwise
        return None
    pool = getattr(driver, "_pool", None)
    config = getattr(pool, "workspace_config", None)
    if pool is None or not getattr(pool, "is_direct_pool", False) or config is None:
        return None
    acquire = (config.connection_acquisition_timeout, AcquisitionDatabase(database), None,
               AcquisitionAuth(None), None)  # fmt: skip
    base: dict[str, Any] = {"mode": "r", "db": database} if database else {"mode": "r"}

    def send(text: str, parameters: dict[str, Any], timeout: float | None) -> tuple[Any, Any]:
        cx = pool.acquire("READ", *acquire)
        try:
            if cx.PROTOCOL_VERSION < (4, 0) or cx.responses:
                pool.release(cx)  # nothing was sent: it is as it was
                raise Unhandled("a connection this module does not drive")
            extra = base if timeout is None else {**base, "tx_timeout": tx_timeout_as_ms(timeout)}
            scope = cx.new_hydration_scope()
            cx.outbox.append_message(_RUN, (text, parameters, extra), scope.dehydration_hooks)
            cx.outbox.append_message(_PULL, _PULL_ALL, None)
            cx.send_all()
        except Unhandled:
            raise
        except BaseException:
            hand_back(pool, cx, clean=False)
            raise
        return cx, scope

    return send


def answers(pool: Any, cx: Any, scope: Any) -> list[dict[str, Any]]:
    """The rows of the RUN and PULL :data:`Sender` sent on ``cx``, read from its socket (or
    from what :func:`graph.store.bolt_reads.preload` put ahead of it); ``cx`` goes back to the
    pool, reset after a FAILURE (whose error is raised as a session raises it), closed when it
    was left half-way."""
    from neo4j._sync.io._bolt._common import Response
    from neo4j.exceptions import Neo4jError

    clean = False
    try:
        rows, clean = _answers(cx, scope.hydration_hooks, Response)
        cx.idle_since = monotonic()
        return rows
    except Neo4jError:
        clean = True  # the driver's failure handling reset the connection, or closed it
        raise
    finally:
        hand_back(pool, cx, clean)


def hand_back(pool: Any, cx: Any, clean: bool) -> None:
    """Return ``cx`` to ``pool``; closed first unless ``clean`` (its answer was read to the
    end): a connection left half-way is in a state the driver does not know."""
    if not clean and not cx.closed():
        cx.close()
    pool.release(cx)


def _answers(cx: Any, hooks: Any, response_type: Any) -> tuple[list[dict[str, Any]], bool]:
    """The rows of the RUN and PULL just sent, and True once the last answer is read."""
    pop = cx.inbox.pop
    tag, fields = pop(hooks)
    if tag == _FAILURE:
        _failed(cx, response_type, fields, pop, hooks)
    if tag != _SUCCESS:
        raise Unhandled(f"RUN answered {tag!r}")
    keys = fields[0].get("fields", ())
    rows = []
    while True:
        tag, fields = pop(hooks)
        if tag == _RECORD:
            rows.append(dict(zip(keys, fields[0], strict=True)))
        elif tag == _SUCCESS:
            return rows, True
        elif tag == _FAILURE:  # failed while streaming: nothing follows it
            _failed(cx, response_type, fields, None, hooks)
        else:
            raise Unhandled(f"PULL answered {tag!r}")


class Unhandled(Exception):
    """The connection answered in a way this module does not handle (it was closed, nothing
    was read for the caller): run the statement through a session instead."""


def _failed(cx: Any, response_type: Any, fields: list[Any], pop: Any, hooks: Any) -> NoReturn:
    """Hand a FAILURE to the driver's own response handling (which resets the connection and
    raises the error ``session.run`` would), after the PULL's IGNORED when one follows. The
    connection is then reset, or closed when the reset failed."""
    if pop is not None:
        tag, _ = pop(hooks)  # the PULL sent with the RUN is ignored after a failed RUN
        if tag != _IGNORED:
            cx.close()
            raise Unhandled(f"PULL after a failed RUN answered {tag!r}")
    metadata = fields[0] if fields else {}
    cx._server_state_manager.state = cx.bolt_states.FAILED
    enrich = getattr(cx, "_enrich_error_diagnostic_record", None)
    if enrich is not None:
        enrich(metadata)
    from neo4j.exceptions import Neo4jError

    try:
        response_type(cx, "run", hooks).on_failure(metadata)  # resets, then raises
    except Neo4jError as exc:
        if cx.pool:
            cx.pool.on_neo4j_error(exc, cx)
        if not cx.is_reset:  # the reset failed: the connection is closed or unusable
            cx.close()
        raise
    cx.close()
    raise Unhandled("the driver took a FAILURE without an error")
