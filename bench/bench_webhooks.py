"""bench_webhooks: from a complaint posted to the inbound X endpoint to the signed ``alert.raised``
at a registered receiver, and the inbound Shopify order and interaction event endpoints, both
engines side by side.

`rapport serve` runs on the 10k benchmark graph with X and Shopify webhooks configured; a receiver
on 127.0.0.1 is registered for ``alert.raised``; after one warm-up complaint, each of ``--n``
complaints is timed from the POST to its arrival. The outbox is polled every
``RAPPORT_API_EVENT_POLL`` (0.5 s by default), which bounds the wait. Then ``--n`` signed orders
from new buyers (the slowest kind: a new customer, then identity resolution) and ``--n``
interaction events (enriched) are each timed from the POST to the answer, after one warm-up each.

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

from api.auth.keys import KeyStore
from api.webhooks import signing
from api.webhooks.store import WebhookStore
from bench.bench_analytics import imported_db
from bench.bench_api import _free_port, analysed
from bench.engines import Engine, add_backend_option, chosen, side_by_side
from graph.store.connection import connect
from graph.store.repository import Repository

SECRET = "bench-x-secret"
SHOPIFY = "bench-shopify-secret"


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


def people(engine: Engine) -> tuple[str, str]:
    """An employee's id and a customer's e-mail, for interaction events."""
    with connect(engine.settings()) as conn:
        repo = Repository(conn)
        employee = repo.read("transfer/nodes_employee", after="", limit=1)[0]["id"]
        customers = repo.read("transfer/nodes_customer", after="", limit=50)
    return employee, next(c["props"]["email"] for c in customers if c["props"].get("email"))


def timed(post: object, n: int) -> list[float]:
    """Milliseconds of ``n`` calls of ``post(i)`` after one warm-up (each must answer 200)."""
    found = []
    for i in range(n + 1):
        started = time.monotonic()
        answer = post(i)  # type: ignore[operator]
        if answer.status_code != 200:
            raise SystemExit(f"inbound webhook refused: {answer.status_code} {answer.text}")
        if i:
            found.append((time.monotonic() - started) * 1000)
    return found


def inbound(base: str, engine: Engine, n: int, key: str) -> dict[str, list[float]]:
    """Signed Shopify orders from new buyers, and interaction events, timed to their answers."""
    run = secrets.token_hex(3)
    employee, email = people(engine)
    sku = "SKU-GRN-SHIRT"

    def order(i: int) -> httpx.Response:
        body = json.dumps({
            "id": i, "name": f"#B{run}{i}", "email": f"buyer.{run}.{i}@example.com",
            "created_at": "2026-12-04T10:42:11-05:00", "currency": "EUR", "total_price": "39.00",
            "financial_status": "paid", "billing_address": {"name": f"Buyer {i}",
                                                            "country_code": "IE"},
            "line_items": [{"sku": sku, "name": "Green Shirt", "quantity": 1, "price": "39.00"}],
        }).encode()  # fmt: skip
        return httpx.post(f"{base}/hooks/shopify", content=body, timeout=60, headers={
            "X-Shopify-Hmac-Sha256": signing.shopify_digest(SHOPIFY, body),
            "X-Shopify-Topic": "orders/create"})  # fmt: skip

    def event(i: int) -> httpx.Response:
        return httpx.post(f"{base}/hooks/events", timeout=60, headers={"X-API-Key": key}, json={
            "type": "interaction", "id": f"bench-{run}-{i}", "employee": employee,
            "customer": email, "channel": "call", "at": "2026-12-04T10:00:00Z",
            "notes": f"Helped with sizing ({i}); lovely to talk to"})  # fmt: skip

    return {"order": timed(order, n), "event": timed(event, n)}


def _p(values: list[float], q: float) -> float:
    return sorted(values)[int(q * (len(values) - 1))]


def measure(engine: Engine, n: int) -> dict[str, str]:
    url, arrivals, server = receiver()
    store = WebhookStore(engine.data_dir)
    sub = store.add(url, ["alert.raised"])
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAPPORT_")}
    serve = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port)], cwd=BENCH.parent,
        env={**env, **engine.env(), "RAPPORT_X_CONSUMER_SECRET": SECRET,
             "RAPPORT_SHOPIFY_WEBHOOK_SECRET": SHOPIFY},
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
        keys = KeyStore(engine.data_dir)
        made, key = keys.create("writer", "bench_webhooks")
        try:
            pushed = inbound(base, engine, n, key)
        finally:
            keys.revoke(made.id)
    finally:
        serve.terminate()
        serve.wait(timeout=60)
        server.shutdown()
        server.server_close()
        store.remove(sub.id)
    p50, worst = statistics.median(latencies), max(latencies)
    p95 = _p(latencies, 0.95)
    print(f"\n== {engine.title}\n{len(latencies)} complaints: complaint -> signed alert.raised "
          f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {worst:.0f} ms")  # fmt: skip
    found = {"complaints": str(len(latencies)), "p50 ms": f"{p50:.0f}", "p95 ms": f"{p95:.0f}",
             "max ms": f"{worst:.0f}"}  # fmt: skip
    for kind, times in pushed.items():
        what = "Shopify order (new buyer) -> answer" if kind == "order" else "interaction event"
        print(f"{len(times)} x {what}: p50 {statistics.median(times):.0f} ms, "
              f"p95 {_p(times, 0.95):.0f} ms")  # fmt: skip
        found[f"{kind} p50 ms"] = f"{statistics.median(times):.0f}"
        found[f"{kind} p95 ms"] = f"{_p(times, 0.95):.0f}"
    return found


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
        side_by_side("bench_webhooks (X complaint -> alert.raised; orders and events in)", rows,
                     list(results))  # fmt: skip


if __name__ == "__main__":
    main()
