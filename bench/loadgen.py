"""A lean HTTP load generator for the API benchmarks: one process a client, raw sockets.

The benchmarks first drove the servers with ``httpx`` from threads of the benchmark's own
process: about half a millisecond of Python a request, all of it under one GIL, on the same two
cores as the servers and the database. At 8 clients that client was a bottleneck of its own and
squeezed every ratio toward 1 (both servers waited on the same slow client). Here each client is
its own process that sends requests rendered before the clock starts and reads the answers with
a minimal HTTP/1.1 parser (``Content-Length`` or chunked bodies, keep-alive, reconnecting when
the server closes): tens of microseconds a request, as ``wrk``-style tools cost.

    latencies, wall = drive("http://127.0.0.1:8000/graphql", {"X-API-Key": key},
                            bodies, clients=8, seconds=5)

A request fails when its status is not 200 or its JSON body has ``"errors"``; :func:`drive`
raises with the first failure after the run.
"""

from __future__ import annotations

import json
import random
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["drive", "render"]

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class _Run:
    host: str
    port: int
    requests: list[bytes]
    seed: int


def render(url: str, headers: dict[str, str], body: bytes) -> bytes:
    """The bytes of one keep-alive ``POST`` of JSON ``body`` to ``url``.

    >>> render("http://127.0.0.1:8000/graphql", {"X-API-Key": "k"}, b"{}").splitlines()[:2]
    [b'POST /graphql HTTP/1.1', b'Host: 127.0.0.1:8000']
    """
    parts = urlsplit(url)
    lines = [f"POST {parts.path or '/'} HTTP/1.1", f"Host: {parts.netloc}",
             "Content-Type: application/json", "Accept: application/json",
             f"Content-Length: {len(body)}",
             *(f"{k}: {v}" for k, v in headers.items())]  # fmt: skip
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class _Reader:
    """HTTP/1.1 answers off one socket, buffered."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buf = bytearray()

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self.buf += chunk

    def _line(self) -> bytes:
        while (end := self.buf.find(b"\r\n")) < 0:
            self._fill()
        line = bytes(self.buf[:end])
        del self.buf[: end + 2]
        return line

    def _exactly(self, n: int) -> bytes:
        while len(self.buf) < n:
            self._fill()
        out = bytes(self.buf[:n])
        del self.buf[:n]
        return out

    def answer(self) -> tuple[int, bytes, bool]:
        """Status, body, and whether the server keeps the connection open."""
        while (end := self.buf.find(b"\r\n\r\n")) < 0:
            self._fill()
        head = bytes(self.buf[:end]).decode("latin-1").split("\r\n")
        del self.buf[: end + 4]
        status = int(head[0].split(" ", 2)[1])
        fields = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in head[1:])}
        if "content-length" in fields:
            body = self._exactly(int(fields["content-length"]))
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            pieces = []
            while size := int(self._line().split(b";")[0], 16):
                pieces.append(self._exactly(size))
                self._exactly(2)
            while self._line():  # trailers, then the empty line
                pass
            body = b"".join(pieces)
        else:
            raise ConnectionError(f"an answer without a length: {head[0]}")
        keep = fields.get("connection", "").lower() != "close" and head[0].startswith("HTTP/1.1")
        return status, body, keep


def _connect(host: str, port: int) -> _Reader:
    sock = socket.create_connection((host, port), timeout=60)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return _Reader(sock)


def _client(run: _Run, begin: Callable[[], float]) -> tuple[list[float], list[str], int]:
    """One client's run: latencies (ms), the first failures, and how many failed."""
    rng = random.Random(run.seed)
    latencies: list[float] = []
    failures: list[str] = []
    failed = 0
    reader = _connect(run.host, run.port)
    stop = begin()
    choose, requests, clock = rng.randrange, run.requests, time.perf_counter
    while (began := clock()) < stop:
        request = requests[choose(len(requests))]
        try:
            reader.sock.sendall(request)
            status, body, keep = reader.answer()
        except (ConnectionError, OSError):  # closed between requests: once more, fresh
            reader.sock.close()
            reader = _connect(run.host, run.port)
            reader.sock.sendall(request)
            status, body, keep = reader.answer()
        latencies.append((clock() - began) * 1000)
        if status != 200 or b'"errors"' in body:
            failed += 1
            if len(failures) < 3:
                failures.append(f"{status}: {body[:300].decode(errors='replace')}")
        if not keep:
            reader.sock.close()
            reader = _connect(run.host, run.port)
    reader.sock.close()
    return latencies, failures, failed


def _main() -> None:
    """A client process (``python -m bench.loadgen``): its run as JSON on the first line of
    stdin; ``ready`` once connected; the stop time (``perf_counter``) on the next line; its
    results as JSON on stdout."""
    spec = json.loads(sys.stdin.readline())
    run = _Run(spec["host"], spec["port"], [r.encode("latin-1") for r in spec["requests"]],
               spec["seed"])  # fmt: skip

    def begin() -> float:
        print("ready", flush=True)
        return float(sys.stdin.readline())

    latencies, failures, failed = _client(run, begin)
    print(json.dumps({"latencies": latencies, "failures": failures, "failed": failed}))


def drive(
    url: str, headers: dict[str, str], bodies: list[bytes], clients: int, seconds: float
) -> tuple[list[float], float]:
    """``clients`` processes each sending POSTs of a random one of ``bodies`` for ``seconds``,
    one at a time: the latencies (ms) of all requests and the wall time of the run (s)."""
    parts = urlsplit(url)
    requests = [render(url, headers, b).decode("latin-1") for b in bodies]
    processes = []
    try:
        for n in range(clients):
            process = subprocess.Popen(
                [sys.executable, "-m", "bench.loadgen"], cwd=ROOT, text=True,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            )  # fmt: skip
            processes.append(process)
            spec = {"host": parts.hostname or "127.0.0.1", "port": parts.port or 80,
                    "requests": requests, "seed": n}  # fmt: skip
            assert process.stdin is not None
            process.stdin.write(json.dumps(spec) + "\n")
            process.stdin.flush()
        for process in processes:
            assert process.stdout is not None
            if process.stdout.readline().strip() != "ready":
                raise SystemExit(f"a load client could not reach {url}")
        began = time.perf_counter()
        for process in processes:  # perf_counter is one clock for every process of the machine
            assert process.stdin is not None
            process.stdin.write(f"{began + seconds!r}\n")
            process.stdin.flush()
        results = [json.loads(process.communicate()[0]) for process in processes]
        wall = time.perf_counter() - began
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    latencies = [ms for r in results for ms in r["latencies"]]
    failed = sum(r["failed"] for r in results)
    if failed:
        first = next(f for r in results for f in r["failures"])
        raise SystemExit(f"{failed} of {len(latencies)} requests failed, first: {first}")
    return latencies, wall


if __name__ == "__main__":
    _main()
