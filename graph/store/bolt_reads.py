"""Bolt messages read from the socket in large reads, not two system calls per message.

The ``neo4j`` driver reads a message chunk by chunk and asks the socket for exactly the bytes it
needs next: two bytes of chunk size, then the chunk. Every record of a result is a message, so a
page of 20 rows costs some 44 ``recv_into`` calls, each through the driver's timeout wrapper
(measured on Neo4j 5.26: such a read took 0.73-0.82 ms of the driver's CPU, 0.66 ms so). Here
the socket is read up to :data:`READ_AHEAD` bytes at a time and the driver's requests are served
from what was read.

Nothing else reads those sockets once a connection is made (the handshake reads before any
message), and what was read ahead stays with its socket, so the bytes the driver sees are the
same, in the same order. :func:`install` puts the reader in place; if the driver no longer has the
function where this expects it, the driver's own reads stay (only slower).
"""

from __future__ import annotations

from typing import Any

__all__ = ["READ_AHEAD", "install", "pending", "preload", "receive_into_buffer"]

#: Bytes asked of the socket at a time: a page of results usually arrives in one read.
READ_AHEAD = 64 * 1024
_STATE = "_rapport_read_ahead"


class _Ahead:
    """Bytes read from one socket that the driver has not asked for yet."""

    __slots__ = ("data", "end", "start", "view")

    def __init__(self) -> None:
        self.data = bytearray(READ_AHEAD)
        self.view = memoryview(self.data)
        self.start = self.end = 0


def receive_into_buffer(sock: Any, buffer: Any, n_bytes: int) -> None:
    """Append exactly ``n_bytes`` of ``sock``'s stream to the driver's unpack ``buffer`` (as
    the driver's own function does), reading the socket ahead.

    >>> class Sock:  # hands out its bytes in pieces of at most 5, as a socket may
    ...     def __init__(self, data): self.data = data
    ...     def recv_into(self, view, n):
    ...         piece, self.data = self.data[:min(n, 5)], self.data[min(n, 5):]
    ...         view[:len(piece)] = piece
    ...         return len(piece)
    >>> class Buffer:
    ...     data, used = bytearray(), 0
    >>> sock, buffer = Sock(b"abcdefghijkl"), Buffer()
    >>> receive_into_buffer(sock, buffer, 2); receive_into_buffer(sock, buffer, 7)
    >>> bytes(buffer.data[:buffer.used]), sock.data
    (b'abcdefghi', b'kl')
    """
    end = buffer.used + n_bytes
    if end > len(buffer.data):
        buffer.data += bytearray(end - len(buffer.data))
    ahead = getattr(sock, _STATE, None)
    if ahead is None:
        ahead = _Ahead()
        setattr(sock, _STATE, ahead)
    data = buffer.data
    used = buffer.used
    while used < end:
        if ahead.start == ahead.end:
            if len(ahead.data) != READ_AHEAD:  # a preloaded answer, all taken: back to normal
                ahead = _Ahead()
                setattr(sock, _STATE, ahead)
            got = sock.recv_into(ahead.view, READ_AHEAD)
            if got == 0:
                buffer.used = used
                raise OSError("No data")
            ahead.start, ahead.end = 0, got
        take = min(end - used, ahead.end - ahead.start)
        data[used : used + take] = ahead.view[ahead.start : ahead.start + take]
        ahead.start += take
        used += take
    buffer.used = used


def pending(sock: Any) -> int:
    """Bytes read from ``sock`` ahead that the driver has not taken yet."""
    ahead = getattr(sock, _STATE, None)
    return 0 if ahead is None else ahead.end - ahead.start


def preload(sock: Any, data: bytearray) -> None:
    """Serve the driver's next reads of ``sock`` from ``data`` (bytes read from it by other
    means: :mod:`graph.store.bolt_loop`) before the socket itself.

    >>> class Buffer:
    ...     data, used = bytearray(), 0
    >>> class Sock: pass
    >>> sock, buffer = Sock(), Buffer()
    >>> preload(sock, bytearray(b"abc")); receive_into_buffer(sock, buffer, 2); pending(sock)
    1
    """
    if pending(sock):
        raise ValueError("bytes read ahead of the socket are still to be taken")
    ahead = _Ahead.__new__(_Ahead)
    ahead.data = data
    ahead.view = memoryview(data)
    ahead.start, ahead.end = 0, len(data)
    setattr(sock, _STATE, ahead)


def install() -> bool:
    """Read Bolt messages through :func:`receive_into_buffer`; ``False`` (and the driver's
    reads kept) if the driver has no such function to replace."""
    try:
        from neo4j._sync.io._bolt import _common
    except ImportError:  # pragma: no cover - a driver laid out otherwise
        return False
    current = getattr(_common, "receive_into_buffer", None)
    if current is None:  # pragma: no cover
        return False
    _common.receive_into_buffer = receive_into_buffer
    return True
