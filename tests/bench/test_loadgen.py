"""The benchmarks' load generator reads the answers servers write: by length, chunked, closing."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from bench import loadgen


class _Answers(BaseHTTPRequestHandler):
    """Answers each POST the way its body's "how" asks, counting what it was sent."""

    protocol_version = "HTTP/1.1"
    wbufsize = 65536  # head and body in one write, as servers under test do
    seen: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        asked = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.seen.append(asked["how"])
        body = b'{"errors": [{"message": "no"}]}' if asked["how"] == "error" else b'{"data": {}}'
        self.send_response(200)
        if asked["how"] == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for piece in (body[:5], body[5:]):
                self.wfile.write(b"%x;ext=1\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\nTrailer: x\r\n\r\n")
            return
        self.send_header("Content-Length", str(len(body)))
        if asked["how"] == "close":
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Answers.seen = []
    yield f"http://127.0.0.1:{server.server_port}/graphql"
    server.shutdown()
    server.server_close()


def test_answers_by_length_chunked_and_closing_are_all_read(url: str) -> None:
    bodies = [json.dumps({"how": how}).encode() for how in ("length", "chunked", "close")]
    latencies, wall = loadgen.drive(url, {"X-API-Key": "k"}, bodies, clients=2, seconds=0.5)
    assert len(latencies) == len(_Answers.seen) > 10
    assert set(_Answers.seen) == {"length", "chunked", "close"}
    assert all(ms > 0 for ms in latencies)
    assert wall >= 0.5


def test_an_answer_with_errors_fails_the_run(url: str) -> None:
    with pytest.raises(SystemExit, match=r"requests failed, first: 200: .*no"):
        loadgen.drive(url, {}, [json.dumps({"how": "error"}).encode()], clients=1, seconds=0.2)
