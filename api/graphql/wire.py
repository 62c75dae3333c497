"""HTTP/1.1 answers written to the socket in one write: the status line and headers with the body.

uvicorn writes an answer's head when the app sends ``http.response.start`` and its body when the
app sends ``http.response.body``: two ``write`` calls, two TCP segments and two wake-ups of the
client for every answer. On the loopback both writes are done holding the GIL, and the first one
wakes the client, which often pre-empts the writer there and then: measured under 8 clients, the
head's write alone was 14% of the API process's GIL time. :class:`OneWrite` keeps uvicorn's
httptools protocol and holds each answer's head until its first body bytes, then writes both at
once. A head is never held past the end of its answer, a close, or a write of the next answer.
That write goes to the socket with the GIL released (uvloop's own write holds the GIL through the
system call); whatever the socket does not take at once is left to the transport, which sends it
in order.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle

__all__ = ["HeadHeld", "OneWrite"]


class HeadHeld:
    """The transport as one answer's cycle sees it: its head is held until its body is written.

    >>> class Wire:
    ...     def __init__(self): self.writes = []
    ...     def write(self, data): self.writes.append(data)
    ...     def close(self): self.writes.append("closed")
    ...     def get_extra_info(self, name): return None  # no socket: every write comes here
    >>> class Cycle: response_started = False
    >>> wire, cycle = Wire(), Cycle()
    >>> held = HeadHeld(wire, cycle)
    >>> held.write(b"HTTP/1.1 100 Continue\\r\\n\\r\\n")  # before the answer starts: written
    >>> cycle.response_started = True
    >>> held.write(b"HTTP/1.1 200 OK\\r\\n\\r\\n"); wire.writes[1:]
    []
    >>> held.write(b"{}"); held.write(b"more"); wire.writes[1:]
    [b'HTTP/1.1 200 OK\\r\\n\\r\\n{}', b'more']
    """

    __slots__ = ("_cycle", "_fd", "_head", "_state", "_transport")

    def __init__(self, transport: asyncio.Transport, cycle: Any) -> None:
        self._transport = transport
        self._cycle = cycle
        self._head = b""
        self._state = 0  # 0: head not written yet, 1: head held, 2: head gone out
        # Bytes go to the socket itself only when they are the bytes the client reads: never
        # under TLS, whose transport encrypts them.
        sock = transport.get_extra_info("socket")
        plain = transport.get_extra_info("sslcontext") is None
        self._fd = sock.fileno() if sock is not None and plain else -1

    def _send(self, data: bytes) -> None:
        """Write ``data`` with the GIL released (uvloop's write holds it through the system
        call, which on the loopback also runs the client's receive path); what the socket
        does not take now, and every write once anything is queued, goes to the transport."""
        t = self._transport
        if self._fd < 0 or t.is_closing() or t.get_write_buffer_size():
            t.write(data)
            return
        try:
            sent = os.write(self._fd, data)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            t.write(data)  # the transport reports the error its own way
            return
        if sent < len(data):
            t.write(data[sent:])

    def write(self, data: bytes) -> None:
        """Hold the answer's head; write it with the next bytes, other writes as they come."""
        if self._state == 1:
            self._state = 2
            self._send(self._head + data)
            self._head = b""
        elif self._state == 0 and self._cycle.response_started:
            self._state = 1
            self._head = data
        else:
            self._transport.write(data)

    def flush(self) -> None:
        """Write a head still held (an answer without body bytes, such as HEAD's)."""
        if self._state == 1:
            self._state = 2
            self._transport.write(self._head)
            self._head = b""

    def close(self) -> None:
        """Write what is held, then close."""
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class OneWrite(HttpToolsProtocol):
    """uvicorn's httptools protocol, each answer's head written together with its body."""

    def on_headers_complete(self) -> None:
        """Make the request's cycle as uvicorn does, writing through a :class:`HeadHeld`."""
        before = self.cycle
        super().on_headers_complete()
        cycle = self.cycle
        if cycle is before or not isinstance(cycle, RequestResponseCycle):
            return  # an upgrade (WebSocket): no cycle was made
        held = HeadHeld(self.transport, cycle)
        cycle.transport = held  # type: ignore[assignment]
        done = cycle.on_response

        def finished() -> None:
            held.flush()
            done()

        cycle.on_response = finished
