"""Answers leave the server in one write each (api/graphql/wire.py), and HTTP/1.1 still works:
keep-alive, HEAD, ``Expect: 100-continue`` and pipelined requests, over a raw socket."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from api.auth.keys import KeyStore
from api.graphql.app import create_app
from api.graphql.wire import HeadHeld, OneWrite
from graph.settings import Settings
from graph.store.repository import Repository
from tests.api.conftest import running

pytestmark = pytest.mark.integration

WRITES: list[bytes] = []


class _Recorder:
    """The socket's transport, with every write kept in WRITES."""

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport

    def write(self, data: bytes) -> None:
        WRITES.append(bytes(data))
        self._transport.write(data)

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        # Without the socket, every write comes through here to be counted (the socket's own
        # path is tested below).
        return default if name == "socket" else self._transport.get_extra_info(name, default)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class Recorded(OneWrite):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(_Recorder(transport))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def wire(repo: Repository, make_settings: Callable[..., Settings]) -> Iterator[tuple[int, str]]:
    settings = make_settings(db_name=repo.connection.database)
    _, key = KeyStore(settings.data_dir).create("reader", "wire test")
    with running(create_app(settings), http=Recorded) as base:
        yield int(base.rsplit(":", 1)[1]), key


def _exchange(port: int, data: bytes, answers: int, pause_after: bytes | None = None) -> bytes:
    """Send ``data`` (the rest after ``pause_after`` once the server has answered it) and read
    until ``answers`` complete answers came back."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        first, _, rest = data.partition(pause_after) if pause_after else (data, b"", b"")
        sock.sendall(first + (pause_after or b""))
        got = b""
        if rest:
            while b"100 Continue\r\n\r\n" not in got:
                got += sock.recv(65536)
            sock.sendall(rest)
        while _complete(got) < answers:
            chunk = sock.recv(65536)
            assert chunk, got
            got += chunk
        return got


def _complete(raw: bytes) -> int:
    """How many whole answers (by content-length) ``raw`` holds, 100 Continue left out."""
    count, rest = 0, raw.replace(b"HTTP/1.1 100 Continue\r\n\r\n", b"")
    while b"\r\n\r\n" in rest:
        head, _, rest = rest.partition(b"\r\n\r\n")
        length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), 0)  # fmt: skip
        if len(rest) < length:
            break
        rest, count = rest[length:], count + 1
    return count


def _post(key: str, query: str, extra: str = "") -> bytes:
    body = json.dumps({"query": query}).encode()
    return (
        f"POST /graphql HTTP/1.1\r\nhost: x\r\nx-api-key: {key}\r\n"
        f"content-type: application/json\r\ncontent-length: {len(body)}\r\n{extra}\r\n"
    ).encode() + body


def test_each_answer_is_one_write_on_a_kept_alive_connection(wire: tuple[int, str]) -> None:
    port, key = wire
    WRITES.clear()
    raw = _exchange(
        port, _post(key, "{ __typename }") + _post(key, "{ topics(first: 1) { topic } }"), 2
    )
    assert raw.count(b"HTTP/1.1 200 OK") == 2
    assert b'{"data":{"__typename":"Query"}}' in raw
    assert b'"topics"' in raw
    assert len(WRITES) == 2  # head and body together, twice
    assert all(w.startswith(b"HTTP/1.1 200 OK") and w.endswith(b"}") for w in WRITES)


def test_head_gets_its_head_and_the_connection_goes_on(wire: tuple[int, str]) -> None:
    port, key = wire
    WRITES.clear()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"HEAD /healthz HTTP/1.1\r\nhost: x\r\n\r\n")
        head = b""
        while b"\r\n\r\n" not in head:
            head += sock.recv(65536)
        assert head.startswith(b"HTTP/1.1 ")
        assert head.endswith(b"\r\n\r\n")
        sock.sendall(_post(key, "{ __typename }"))
        after = b""
        while b"}}" not in after:
            after += sock.recv(65536)
    assert after.startswith(b"HTTP/1.1 200 OK")
    assert after.endswith(b'{"data":{"__typename":"Query"}}')
    assert len(WRITES) == 2


def test_expect_100_continue_is_answered_before_the_body_comes(wire: tuple[int, str]) -> None:
    port, key = wire
    WRITES.clear()
    request = _post(key, "{ __typename }", extra="expect: 100-continue\r\n")
    head, _, body = request.partition(b"\r\n\r\n")
    raw = _exchange(port, head + b"\r\n\r\n" + body, 1, pause_after=head + b"\r\n\r\n")
    assert raw.startswith(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK")
    assert WRITES[0] == b"HTTP/1.1 100 Continue\r\n\r\n"
    assert len(WRITES) == 2


def test_pipelined_requests_are_answered_in_order(wire: tuple[int, str]) -> None:
    port, key = wire
    queries = [f"{{ a{i}: __typename }}" for i in range(3)]
    raw = _exchange(port, b"".join(_post(key, q) for q in queries), 3)
    assert [raw.index(f'"a{i}"'.encode()) for i in range(3)] == sorted(
        raw.index(f'"a{i}"'.encode()) for i in range(3)
    )
    assert raw.count(b"HTTP/1.1 200 OK") == 3


class _Queued:
    """A transport that only queues (what uvloop's does when the socket is full)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock, self.queued = sock, b""

    def get_extra_info(self, name: str) -> Any:
        return self.sock if name == "socket" else None

    def is_closing(self) -> bool:
        return False

    def get_write_buffer_size(self) -> int:
        return len(self.queued)

    def write(self, data: bytes) -> None:
        self.queued += data


class _Started:
    response_started = True


def test_an_answer_larger_than_the_socket_takes_arrives_whole_and_in_order() -> None:
    ours, client = socket.socketpair()
    ours.setblocking(False)
    with ours, client:
        transport = _Queued(ours)
        held = HeadHeld(transport, _Started())  # type: ignore[arg-type]
        body = bytes(range(256)) * 40_000  # 10 MB: more than any socket buffer holds
        held.write(b"HTTP/1.1 200 OK\r\n\r\n")
        held.write(body)
        held.write(b"tail")  # once bytes are queued, later ones queue behind them
        assert 0 < len(transport.queued) < len(body)
        client.setblocking(False)
        received = b""
        with contextlib.suppress(BlockingIOError):
            while chunk := client.recv(1 << 20):
                received += chunk
    assert received + transport.queued == b"HTTP/1.1 200 OK\r\n\r\n" + body + b"tail"
    assert transport.queued.endswith(b"tail")
