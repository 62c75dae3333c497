"""Nothing unbounded between Rapport and the database: batches sized by bytes, and a driver-side
read timeout.

**Batches by bytes.** ArcadeDB's Bolt listener drops a message over 16 MiB without answering, and
the driver then waits forever; Neo4j is slow on huge messages too. Every batch is cut at
``RAPPORT_BATCH_SIZE`` rows *or* ``RAPPORT_BATCH_BYTES`` (default 4 MiB) of estimated size,
whichever comes first (:func:`chunks`).

**A read timeout in the driver.** The driver applies a socket read timeout only when the server
sends the ``connection.recv_timeout_seconds`` hint, which ArcadeDB never does, and ArcadeDB also
ignores the Bolt transaction timeout (a statement given 1 s ran 139 s; Neo4j stopped it at
1.3 s). So every Bolt socket this process opens gets a read timeout of its own
(:func:`install_read_timeout`): a server silent for longer than that (hung, stopped with
SIGSTOP, or still computing a statement past every timeout) fails the call instead of hanging the
process. The embedded server also stops statements itself after ``RAPPORT_TX_TIMEOUT``
(ArcadeDB's ``arcadedb.command.timeout``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

import orjson

_READ_TIMEOUT: float | None = None
_INSTALLED = threading.Lock()
#: How much longer than the longest transaction a server may stay silent before a read gives up.
READ_TIMEOUT_MARGIN = 10.0
_installed = False


def size_of(value: Any) -> int:
    """An estimate of the bytes ``value`` takes in a Bolt message: its length as JSON, in UTF-8.

    >>> size_of({"id": "c1", "props": {"name": "Ann", "tags": ["a", "b"]}})
    51
    >>> size_of({"n": 2**70, "at": object()})  # beyond JSON's reach: estimated piece by piece
    27
    """
    # orjson writes an import's row in 0.1-0.3 µs; the walk below took 1-2 µs, 7% of the
    # importer's time holding the GIL at 100,000 customers.
    try:
        return len(orjson.dumps(value, default=_unknown))
    except TypeError:  # an integer past 64 bits, a key that is not a string
        return _walked_size(value)


def _unknown(value: object) -> None:
    """What orjson writes for a type it does not know (a Bolt value of its own): ``null``."""
    return None


def _walked_size(value: Any) -> int:
    """:func:`size_of` of what orjson refuses, walked (strings count their length)."""
    kind = type(value)
    if kind is str or (kind not in _SCALARS and isinstance(value, str)):
        return len(value) + 2
    if kind in _SCALARS:
        return 9
    if kind is dict or isinstance(value, Mapping):
        return sum(len(str(k)) + 2 + _walked_size(v) for k, v in value.items()) + 2
    if kind is list or kind is tuple or isinstance(value, list | tuple):
        return sum(_walked_size(v) for v in value) + 2
    return 9


_SCALARS = frozenset({int, float, bool, type(None), datetime})


def chunks(
    rows: Iterable[dict[str, Any]], *, max_rows: int, max_bytes: int
) -> Iterator[list[dict[str, Any]]]:
    """``rows`` in consecutive batches of at most ``max_rows`` rows and about ``max_bytes`` bytes
    (a single row bigger than ``max_bytes`` goes alone); ``rows`` is read as batches are taken.

    >>> rows = [{"text": "x" * 40} for _ in range(5)]
    >>> [len(c) for c in chunks(rows, max_rows=4, max_bytes=110)]
    [2, 2, 1]
    """
    batch: list[dict[str, Any]] = []
    size = 0
    for row in rows:
        row_size = size_of(row)
        if batch and (len(batch) >= max_rows or size + row_size > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(row)
        size += row_size
    if batch:
        yield batch


def install_read_timeout(seconds: float) -> None:
    """Give every Bolt socket this process opens from now on a read timeout of ``seconds``
    (the longest the server may stay silent); the longest asked for wins.

    It patches the driver's socket class once: the driver has no setting for it (see the module).
    """
    global _READ_TIMEOUT, _installed
    with _INSTALLED:
        _READ_TIMEOUT = max(seconds, _READ_TIMEOUT or 0.0)
        if _installed:
            return
        from neo4j._async_compat.network._bolt_socket import BoltSocketBase

        original = BoltSocketBase.__init__

        def init(self: Any, socket_: Any) -> None:
            original(self, socket_)
            if _READ_TIMEOUT:
                self._read_timeout = _READ_TIMEOUT
                self._write_timeout = _READ_TIMEOUT

        BoltSocketBase.__init__ = init  # type: ignore[method-assign]
        _installed = True


def read_timeout() -> float | None:
    """The read timeout every new Bolt socket gets (None until installed)."""
    return _READ_TIMEOUT
