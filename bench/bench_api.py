"""GraphQL API latency and throughput on the 100k-customer generated dataset.

On the imported and analysed database of ``bench_analytics`` (``bench/out/db-100000-7``, built
on first use), ``rapport serve`` runs in its own process with a reader key. For each operation
(customer 360, warmest employees, top influencers, recommendations) and 1, 8 and 32 concurrent
clients (processes of ``bench/loadgen.py``, keep-alive connections), random customers are asked
for a fixed time -> p50, p99 and requests per second.

Then the same data is read directly, without GraphQL and HTTP: the same batched statements the
resolvers run, called in one process (``direct``); and the GraphQL schema executed in that
process without HTTP (``in-process``). The ratios ``GraphQL over HTTP / direct`` and
``in-process / direct`` (p50, one client, the three measured one after the other on the warm
database) are Strawberry's and the transport's overhead.
Targets: p99 <= 50 ms at 8 clients for each operation; GraphQL/direct ratio <= 2.

Runs on the embedded ArcadeDB, the local Neo4j, or both side by side (``--backend``).

    .venv/bin/python bench/bench_api.py [--size 100000] [--seconds 10] [--backend both]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from api.auth.keys import KeyStore
from api.graphql.context import Context, Shared
from api.graphql.loaders import CUSTOMER_READS
from api.graphql.schema import build_schema
from bench import loadgen
from bench.bench_analytics import imported_db
from bench.engines import Engine, add_backend_option, chosen, side_by_side
from graph.answers import customers, influencers, products
from graph.jobs.analyze import analyze
from graph.store.connection import connect
from graph.store.repository import Repository

OPERATIONS: dict[str, str] = {
    "customer 360": """query($id: ID!) { customer(id: $id) {
        id name email city tier influence influenceRank community sentimentAvg
        accounts { id handle followers }
        purchases(first: 5) { totalCount nodes { id at total lines { productId quantity } } }
        timeline(first: 10) { nodes { kind at summary } }
        warmestEmployees(first: 3) { employeeId name score lastContactAt }
        influencedBy(first: 5) { customerId name weight evidence { kind count } }
        influences(first: 5) { customerId name weight } } }""",
    "warmest employees": """query($id: ID!) { customer(id: $id) {
        warmestEmployees(first: 3) { employeeId name score interactions sales lastContactAt
          breakdown { part value } } } }""",
    "top influencers": """{ influencers(first: 10) { customerId name score rank } }""",
    "recommendations": """query($id: ID!) { customer(id: $id) {
        recommendations(first: 5) { productId score reasons { kind text weight } } } }""",
}


def direct(repo: Repository, op: str, customer: str) -> Any:
    """The same data as operation ``op``, read with the resolvers' statements, no GraphQL."""
    if op == "customer 360":
        # The resolvers' reads, sent as one statement as they send them (Loaders.read_ahead).
        ids, one = [customer], repo.for_request()
        names = ("customer", "accounts", "purchases_with_lines", "posts", "interactions",
                 "warmest", "influencers", "influenced")  # fmt: skip
        planned = [one.first_read(CUSTOMER_READS[n], ids) for n in names]
        one.answer_ahead([p for p in planned if p is not None])
        return tuple(CUSTOMER_READS[n](one, ids) for n in names)
    if op == "warmest employees":
        return customers.warmest_employees_of(repo, [customer], first=3)
    if op == "top influencers":
        return influencers.top_influencers(repo, first=10)
    return products.recommendations(repo, customer, first=5)


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(engine: Engine, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    """``rapport serve --workers workers`` on ``engine``, once /readyz answers."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("RAPPORT_")}
    env = {**inherited, **engine.env(), "RAPPORT_API_GRAPHIQL": "false"}
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        cwd=BENCH.parent,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            raise SystemExit("the API server exited before it was ready")
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("the API server did not become ready in 300 s")


def load(
    url: str, key: str, query: str, customers: list[str], clients: int, seconds: float
) -> tuple[list[float], float]:
    """``clients`` clients asking ``query`` for random customers for ``seconds``, through the lean
    load generator (:mod:`bench.loadgen`): latencies (ms) and the wall time."""
    ids: list[str | None] = list(customers) if "$id" in query else [None]
    bodies = [json.dumps({"query": query, "variables": {"id": c} if c else {}}).encode()
              for c in ids]  # fmt: skip
    return loadgen.drive(url, {"X-API-Key": key}, bodies, clients, seconds)


def timed_calls(call: Callable[[str], Any], customers: list[str], n: int) -> list[float]:
    """Latencies (ms) of ``n`` sequential calls for random customers."""
    rng = random.Random(1)
    out = []
    for _ in range(n):
        c = rng.choice(customers)
        started = time.perf_counter()
        call(c)
        out.append((time.perf_counter() - started) * 1000)
    return out


def sample_customers(repo: Repository, size: int, count: int) -> list[str]:
    """``count`` random customers that employees know (so every answer has content)."""
    rng = random.Random(7)
    ids = [f"c{n:06d}" for n in rng.sample(range(1, size + 1), min(size, count * 4))]
    warm = [c for c, ws in customers.warmest_employees_of(repo, ids).items() if ws]
    return warm[:count]


def analysed(engine: Engine) -> Engine:
    """The engine's imported database, analysed once."""
    marker = engine.data_dir / "analysed.ok"
    if not marker.exists():
        with connect(engine.settings()) as conn:
            analyze(Repository(conn))
        marker.write_text("ok\n")
    return engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", default="1,8,32")
    add_backend_option(parser)
    args = parser.parse_args()
    levels = [int(c) for c in args.clients.split(",")]
    results: dict[str, dict[str, str]] = {}
    for name in chosen(args.backend):
        engine = analysed(imported_db(args.size, args.seed, name))
        print(f"\n== {engine.title}")
        results[name] = measure(engine, args, levels)
    if len(results) > 1:
        keys = list(next(iter(results.values())))
        rows = [(k, [results[e][k] for e in results]) for k in keys]
        side_by_side(f"bench_api ({args.size:,} customers)", rows, list(results))


def measure(engine: Engine, args: argparse.Namespace, levels: list[int]) -> dict[str, str]:
    """Every operation over HTTP at each client count, then direct and in-process; printed, and
    returned as table cells."""
    settings = engine.settings()
    _, key = KeyStore(engine.data_dir).create("reader", "bench_api")
    port = _free_port()
    server = start_server(engine, port)
    url = f"http://127.0.0.1:{port}/graphql"
    repo = Repository(connect(settings))
    cells: dict[str, str] = {}
    try:
        customers = sample_customers(repo, args.size, 500)
        print(f"{args.size:,} customers; {len(customers)} sampled; {args.seconds:.0f} s per cell")
        print("| operation | clients | p50 ms | p99 ms | req/s |\n|---|---|---|---|---|")
        p50_http: dict[str, float] = {}
        for op, query in OPERATIONS.items():
            load(url, key, query, customers, 2, 2.0)  # warm-up
            for clients in levels:
                lat, wall = load(url, key, query, customers, clients, args.seconds)
                p50, p99 = statistics.median(lat), percentile(lat, 0.99)
                if clients == 1:
                    p50_http[op] = p50
                print(f"| {op} | {clients} | {p50:.1f} | {p99:.1f} | {len(lat) / wall:.0f} |")
                cells[f"{op} x{clients} p50/p99 ms"] = f"{p50:.1f} / {p99:.1f}"
                cells[f"{op} x{clients} req/s"] = f"{len(lat) / wall:.0f}"
        schema = build_schema(settings)
        shared = Shared(repo)
        loop = asyncio.new_event_loop()

        def in_process(query: str) -> Callable[[str], Any]:
            def run(customer: str) -> Any:
                ctx = Context(shared, role="reader")  # fresh loaders per request
                variables = {"id": customer} if "$id" in query else {}
                result = loop.run_until_complete(
                    schema.execute(query, variable_values=variables, context_value=ctx)
                )
                if result.errors:
                    raise SystemExit(str(result.errors[0]))
                return result.data

            return run

        print("\n| operation | direct p50 ms | in-process GraphQL p50 ms | HTTP GraphQL p50 ms "
              "| in-process / direct | HTTP / direct |\n|---|---|---|---|---|---|")  # fmt: skip
        for op, query in OPERATIONS.items():
            timed_calls(lambda c, op=op: direct(repo, op, c), customers, 20)  # type: ignore[misc]
            d = statistics.median(timed_calls(lambda c, op=op: direct(repo, op, c), customers, 300))  # type: ignore[misc]
            g = statistics.median(timed_calls(in_process(query), customers, 300))
            # HTTP once more at one client, now, beside the other two: its first measurement
            # above ran on a database that had just started answering this operation.
            h = statistics.median(load(url, key, query, customers, 1, 3.0)[0])
            cells[f"{op} HTTP p50 ms, first / beside direct"] = f"{p50_http[op]:.2f} / {h:.2f}"
            print(f"| {op} | {d:.2f} | {g:.2f} | {h:.2f} | {g / d:.2f} | {h / d:.2f} |")
            cells[f"{op} HTTP / direct"] = f"{h / d:.2f}"
    finally:
        server.terminate()
        server.wait(timeout=60)
        repo.connection.close()
    return cells


if __name__ == "__main__":
    main()
