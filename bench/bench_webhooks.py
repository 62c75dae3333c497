"""bench_webhooks: from a complaint posted to the inbound X endpoint to the signed ``alert.raised``
at a registered receiver, both engines side by side.

`rapport serve` runs on the 10k benchmark graph with X webhooks configured; a receiver on
127.0.0.1 is registered for ``alert.raised``; after one warm-up complaint, each of ``--n``
complaints is timed from the POST to its arrival. The outbox is polled every
``RAPPORT_API_EVENT_POLL`` (0.5 s by default), which bounds the wait.

    python bench/bench_webhooks.py --backend both
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

import httpx

from api.webhooks import signing
from api.webhooks.store import WebhookStore
from bench.bench_analytics import imported_db
from bench.bench_api import _free_port, analysed
from bench.engines import Engine, add_backend_option, chosen, side_by_side
from graph.store.connection import connect
from graph.store.repository import Repository

SECRET = "bench-x-secret"


def receiver() -> tuple[str, dict[str, float], ThreadingHTTPServer]:
    """A receiver on 127.0.0.1; arrivals: alert id -> monotonic time."""
    arrivals: dict[str, float] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            arrivals[json.loads(body)["data"]["alert"]["id"]] = time.monotonic()
            self.send_response(204)
            self.end_headers()

        def log_message(self, *_: object) -> None:
            pass

    port = _free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}/hook", arrivals, server


def handles(engine: Engine, n: int) -> list[str]:
    """Handles of customers' accounts to complain from."""
    with connect(engine.settings()) as conn:
        rows = Repository(conn).read("transfer/nodes_social_account", after="", limit=n * 3)
    return [r["props"]["handle"] for r in rows if r["props"].get("handle")][:n]


def measure(engine: Engine, n: int) -> dict[str, str]:
    url, arrivals, server = receiver()
    store = WebhookStore(engine.data_dir)
    sub = store.add(url, ["alert.raised"])
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAPPORT_")}
    serve = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port)], cwd=BENCH.parent,
        env={**env, **engine.env(), "RAPPORT_X_CONSUMER_SECRET": SECRET},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        time.sleep(2.5)  # the dispatcher looks at the subscriptions every 2 s
        latencies: list[float] = []
        for i, handle in enumerate(handles(engine, n + 1)):
            tweet_id = f"9{secrets.randbelow(10**17):017d}"
            body = json.dumps({
                "data": {"id": tweet_id, "author_id": "u", "text": f"@rapportshop the coat tore "
                         f"after one day ({i}). Terrible quality, I want a refund"},
                "includes": {"users": [{"id": "u", "username": handle}]},
            }).encode()  # fmt: skip
            sent = time.monotonic()
            answer = httpx.post(f"{base}/hooks/x", content=body, timeout=60,
                                headers={"x-twitter-webhooks-signature":
                                         signing.x_digest(SECRET, body)})  # fmt: skip
            alerts = answer.json().get("alerts") or []
            if not alerts:
                continue
            deadline = time.monotonic() + 30
            while alerts[0] not in arrivals and time.monotonic() < deadline:
                time.sleep(0.005)
            if i > 0 and alerts[0] in arrivals:  # the first one warms the enrichment up
                latencies.append((arrivals[alerts[0]] - sent) * 1000)
            time.sleep(0.2)
    finally:
        serve.terminate()
        serve.wait(timeout=60)
        server.shutdown()
        server.server_close()
        store.remove(sub.id)
    p50, worst = statistics.median(latencies), max(latencies)
    p95 = sorted(latencies)[int(0.95 * (len(latencies) - 1))]
    print(f"\n== {engine.title}\n{len(latencies)} complaints: complaint -> signed alert.raised "
          f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {worst:.0f} ms")  # fmt: skip
    return {"complaints": str(len(latencies)), "p50 ms": f"{p50:.0f}", "p95 ms": f"{p95:.0f}",
            "max ms": f"{worst:.0f}"}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--n", type=int, default=20)
    add_backend_option(parser)
    args = parser.parse_args()
    results = {}
    for name in chosen(args.backend):
        results[name] = measure(analysed(imported_db(args.size, args.seed, name)), args.n)
    if len(results) > 1:
        keys = list(next(iter(results.values())))
        rows = [(k, [results[e][k] for e in results]) for k in keys]
        side_by_side("bench_webhooks (inbound X complaint -> outbound alert.raised)", rows,
                     list(results))  # fmt: skip


if __name__ == "__main__":
    main()
