"""bench_api_peer: Rapport's GraphQL API beside `@neo4j/graphql` on the same Neo4j and graph.

The local Neo4j holds the generated graph (``--size`` customers, imported and analysed through
Rapport, kept in ``bench/out``). ``rapport serve`` (every security limit on: keys, depth, cost,
rate limits as configured) and `@neo4j/graphql` (``bench/peer/``: Rapport's model as its type
definitions, served by Apollo Server as its documentation does, installed with npm) serve it side
by side. For a sample of ids both are asked the same reads and the answers compared (they must be
equal); then one load tool (``bench/loadgen.py``: a process a client, raw keep-alive sockets)
drives both, in rounds alternating between them, per operation at each ``--clients`` level:
p50/p95/p99 latency, requests/s, Cypher statements per request, and CPU per request (the API
process, and Neo4j's). The handoff brief, which the peer cannot express, is measured for the
record.

    .venv/bin/python bench/bench_api_peer.py [--size 2000] [--seconds 4] [--rounds 3]
                                             [--clients 1,8] [--workers 1] [--only TEXT]
    make bench-peer
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from api.auth.keys import KeyStore
from api.graphql.context import Context, Shared
from api.graphql.schema import build_schema
from bench.bench_analytics import imported_db
from bench.bench_api import _free_port, analysed, load, percentile, sample_customers, start_server
from bench.engines import Engine
from graph.store.connection import Connection, connect
from graph.store.repository import Repository

PEER = BENCH / "peer"
Normal = Callable[[dict[str, Any]], Any]


@dataclass(frozen=True)
class Operation:
    """One read, as each API asks it, and how to bring both answers to one comparable form."""

    name: str
    kind: str  # what its $id names: customer, product, or "" (no id)
    rapport: str
    peer: str | None
    rapport_answer: Normal
    peer_answer: Normal | None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


OPERATIONS = [
    Operation(
        "a customer", "customer",
        """query($id: ID!) { customer(id: $id) { key name email city tier influence } }""",
        """query($id: ID!) { customers(where: {id: {eq: $id}}) {
             id name email city tier influence } }""",
        lambda d: (lambda c: (c["key"], c["name"], c["email"], c["city"],
                              (c["tier"] or "").lower(), _round(c["influence"])))(d["customer"]),
        lambda d: (lambda c: (c["id"], c["name"], c["email"], c["city"], (c["tier"] or "").lower(),
                              _round(c["influence"])))(d["customers"][0]),
    ),
    Operation(
        "customers by influence", "",
        """{ customers(order: INFLUENCE, first: 20) { nodes { key name influence } } }""",
        """{ customers(where: {influence: {gte: 0}}, sort: [{influence: DESC}, {id: ASC}],
             limit: 20) { id name influence } }""",
        lambda d: [(c["key"], c["name"], _round(c["influence"]))
                   for c in d["customers"]["nodes"]],
        lambda d: [(c["id"], c["name"], _round(c["influence"])) for c in d["customers"]],
    ),
    Operation(
        "latest purchases", "customer",
        """query($id: ID!) { customer(id: $id) { purchases(first: 5) { nodes {
             key at total lines { productId quantity name } } } } }""",
        """query($id: ID!) { customers(where: {id: {eq: $id}}) {
             purchases(sort: [{at: DESC}], limit: 5) { id at total
               productsConnection { edges { properties { quantity } node { id name } } } } } }""",
        lambda d: [(p["key"], p["total"], sorted((li["productId"], li["quantity"], li["name"])
                                                  for li in p["lines"]))
                   for p in d["customer"]["purchases"]["nodes"]],
        lambda d: [(p["id"], p["total"], sorted((e["node"]["id"], e["properties"]["quantity"],
                    e["node"]["name"]) for e in p["productsConnection"]["edges"]))
                   for p in d["customers"][0]["purchases"]],
    ),
    Operation(
        "related products", "product",
        """query($id: ID!) { product(id: $id) { relatedProducts(first: 10) {
             productId name lift confidence support } } }""",
        """query($id: ID!) { products(where: {id: {eq: $id}}) {
             boughtWithConnection(sort: [{edge: {rank: ASC}}], first: 10) { edges {
               properties { lift confidence support } node { id name } } } } }""",
        lambda d: [(r["productId"], r["name"], _round(r["lift"]), _round(r["confidence"]),
                    _round(r["support"])) for r in d["product"]["relatedProducts"]],
        lambda d: [(e["node"]["id"], e["node"]["name"], _round(e["properties"]["lift"]),
                    _round(e["properties"]["confidence"]), _round(e["properties"]["support"]))
                   for e in d["products"][0]["boughtWithConnection"]["edges"]],
    ),
    Operation(
        "warmest employees", "customer",
        """query($id: ID!) { customer(id: $id) { warmestEmployees(first: 3) {
             employeeId name score } } }""",
        """query($id: ID!) { customers(where: {id: {eq: $id}}) {
             employeesConnection(sort: [{edge: {warmth: DESC}}], first: 3) { edges {
               properties { warmth } node { id name } } } } }""",
        lambda d: [(w["employeeId"], w["name"], _round(w["score"]))
                   for w in d["customer"]["warmestEmployees"]],
        lambda d: [(e["node"]["id"], e["node"]["name"], _round(e["properties"]["warmth"]))
                   for e in d["customers"][0]["employeesConnection"]["edges"]],
    ),
    Operation(
        "handoff brief (Rapport only)", "customer",
        """query($id: ID!) { handoffBrief(customerId: $id) {
             customer { key name } purchases { productId name at }
             interests { topic } complaints { text }
             trusts { employeeId score } influencedBy { customerId weight } } }""",
        None, lambda d: d, None,
    ),
]  # fmt: skip


def ask(http: httpx.Client, url: str, query: str, id_: str | None) -> httpx.Response:
    """One POST; the answer must have data and no errors."""
    variables = {"id": id_} if id_ is not None else {}
    answer = http.post(url, json={"query": query, "variables": variables})
    body = answer.json()
    if "Unknown function 'apoc." in answer.text:
        raise SystemExit("the local Neo4j runs without APOC (a run before this one started it): "
                         "stop it with `rapport neo4j stop` (RAPPORT_DATA_DIR=bench/out/db-…-neo4j)"
                         " and run again")  # fmt: skip
    if answer.status_code != 200 or body.get("errors"):
        raise SystemExit(f"{url} refused {query.split()[0:4]}: {answer.text[:400]}")
    return answer


def compare(op: Operation, rapport: str, peer: str, key: str, ids: list[str | None]) -> str:
    """How many of the sampled answers are equal (exits when one differs)."""
    assert op.peer is not None
    assert op.peer_answer is not None
    with httpx.Client(timeout=60, headers={"X-API-Key": key}) as http:
        for id_ in ids:
            mine = op.rapport_answer(ask(http, rapport, op.rapport, id_).json()["data"])
            theirs = op.peer_answer(ask(http, peer, op.peer, id_).json()["data"])
            if mine != theirs:
                raise SystemExit(f"{op.name} for {id_}: the answers differ\n"
                                 f"  Rapport: {mine}\n  peer:    {theirs}")  # fmt: skip
    return f"{len(ids)}/{len(ids)} equal"


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_ms(pid: int) -> float:
    """CPU time (user + system, ms) so far of a process and every process under it (the
    local Neo4j's JVM runs under its supervisor)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(_stat(int(entry.name))[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, todo = {pid}, [pid]
    while todo:
        parent = todo.pop()
        children = [p for p, pp in parents.items() if pp == parent and p not in tree]
        tree.update(children)
        todo += children
    ticks = 0
    for member in tree:
        try:
            ticks += sum(int(f) for f in _stat(member)[11:13])  # utime stime
        except (OSError, IndexError, ValueError):
            continue
    return ticks * 1000 / os.sysconf("SC_CLK_TCK")


def peer_statements(url: str, op: Operation, ids: list[str | None]) -> float:
    """Cypher statements per request of the peer (its x-statements counter, one client)."""
    assert op.peer is not None
    with httpx.Client(timeout=60) as http:
        before = int(ask(http, url, "{ __typename }", None).headers["x-statements"])
        for id_ in ids:
            last = int(ask(http, url, op.peer, id_).headers["x-statements"])
    return (last - before) / len(ids)


def rapport_statements(conn: Connection, op: Operation, ids: list[str | None]) -> float:
    """Statements per request of Rapport's resolvers (the same schema, run in this process)."""
    repository = Repository(conn)
    schema = build_schema(conn.settings)
    shared = Shared(repository)
    before = repository.round_trips
    for id_ in ids:
        result = asyncio.run(schema.execute(
            op.rapport, variable_values={"id": id_} if id_ else {},
            context_value=Context(shared, role="reader"),
        ))  # fmt: skip
        if result.errors:
            raise SystemExit(f"{op.name}: {result.errors[0]}")
    return (repository.round_trips - before) / len(ids)


def start_peer(conn: Connection, port: int) -> subprocess.Popen[bytes]:
    """`@neo4j/graphql` on ``conn``'s Neo4j, installed with npm on first use, once it listens."""
    if not (PEER / "node_modules" / "@neo4j" / "graphql").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PEER, check=True)
    assert conn.lease is not None
    env = {**os.environ, "NEO4J_URI": conn.uri, "NEO4J_USER": "neo4j",
           "NEO4J_PASSWORD": conn.lease.password, "PORT": str(port)}  # fmt: skip
    server = subprocess.Popen(["node", "server.mjs"], cwd=PEER, env=env, stdout=subprocess.PIPE)
    assert server.stdout is not None
    line = server.stdout.readline().decode()
    if not line.startswith("ready"):
        server.terminate()
        raise SystemExit(f"@neo4j/graphql did not start: {line}")
    return server


def sample_products(repo: Repository, count: int) -> list[str]:
    """Products with computed related products."""
    rows = repo.read("bench/products_with_related", limit=count)
    return [r["id"] for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=4.0, help="seconds of each round")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of each server per operation and level")  # fmt: skip
    parser.add_argument("--clients", default="1,8")
    parser.add_argument("--ids", type=int, default=20, help="ids whose answers are compared")
    parser.add_argument(
        "--warmup",
        type=float,
        default=2.0,
        help="seconds each server answers an operation unmeasured first",
    )
    parser.add_argument("--only", default="", help="run only operations whose name has this text")
    parser.add_argument("--workers", type=int, default=1,
                        help="Rapport's worker processes (rapport serve --workers)")  # fmt: skip
    args = parser.parse_args()
    levels = [int(c) for c in args.clients.split(",")]
    engine = replace(analysed(imported_db(args.size, args.seed, "neo4j")), apoc=True)
    with connect(engine.settings()) as conn:
        run(engine, conn, args, levels)


def run(engine: Engine, conn: Connection, args: argparse.Namespace, levels: list[int]) -> None:
    repo = Repository(conn)
    customers = sample_customers(repo, args.size, 200)
    products = sample_products(repo, 50)
    rng = random.Random(3)
    ids: dict[str, list[str | None]] = {
        "customer": list(rng.sample(customers, min(args.ids, len(customers)))),
        "product": list(rng.sample(products, min(args.ids, len(products)))),
        "": [None],
    }
    made, key = KeyStore(engine.data_dir).create("reader", "bench_api_peer")
    ours, theirs = _free_port(), _free_port()
    rapport = start_server(engine, ours, args.workers)
    peer = start_peer(conn, theirs)
    urls = {"Rapport": f"http://127.0.0.1:{ours}/graphql", "peer": f"http://127.0.0.1:{theirs}/"}
    assert conn.lease is not None
    pids = {"Rapport": rapport.pid, "peer": peer.pid}
    rows: list[list[str]] = []
    try:
        print(
            f"== {args.size:,} customers on the local Neo4j; answers compared on {args.ids} ids;"
            f" Rapport with {args.workers} worker process(es)"
        )
        for op in [o for o in OPERATIONS if args.only in o.name]:
            sample = ids[op.kind]
            equal = compare(op, urls["Rapport"], urls["peer"], key, sample) if op.peer else "-"
            stmts = {"Rapport": rapport_statements(conn, op, sample)}
            if op.peer:
                stmts["peer"] = peer_statements(urls["peer"], op, sample)
            print(f"{op.name}: answers {equal}; statements/request "
                  + ", ".join(f"{k} {v:.1f}" for k, v in stmts.items()))  # fmt: skip
            pool = customers if op.kind == "customer" else products
            # Both servers compile on first use (the peer's JavaScript, our Cypher plans): an
            # operation measured first in a run would otherwise be judged on a cold peer.
            for who in ("Rapport", "peer") if args.warmup > 0 else ():
                query = op.rapport if who == "Rapport" else op.peer
                if query is not None:
                    load(urls[who], key, query, pool, max(levels), args.warmup)
            for clients in levels:
                found = _measure(op, urls, pids, conn.lease.info.pid, key, pool, clients, args)
                rows.append(_row(op.name, clients, found, stmts))
                print("  " + " | ".join(rows[-1][1:]))
    finally:
        for server in (rapport, peer):
            server.terminate()
            server.wait(timeout=60)
        KeyStore(engine.data_dir).revoke(made.id)
    _table(rows)


def _measure(
    op: Operation, urls: dict[str, str], pids: dict[str, int], neo4j_pid: int, key: str,
    pool: list[str], clients: int, args: argparse.Namespace,
) -> dict[str, tuple[list[float], float, float, float]]:  # fmt: skip
    """Both servers driven in ``--rounds`` alternating rounds of ``--seconds`` each (the order
    flips every round, so neither always runs on a database the other just warmed): per server
    the latencies of all rounds, requests/s over their time, and CPU ms a request in the API
    process and in Neo4j."""
    queries = {"Rapport": op.rapport, "peer": op.peer}
    sides = [who for who in ("Rapport", "peer") if queries[who] is not None]
    latencies: dict[str, list[float]] = {who: [] for who in sides}
    totals = {who: [0.0, 0.0, 0.0] for who in sides}  # wall s, API cpu ms, Neo4j cpu ms
    for n in range(args.rounds):
        for who in sides if n % 2 == 0 else sides[::-1]:
            query = queries[who]
            assert query is not None
            cpu0, db0 = cpu_ms(pids[who]), cpu_ms(neo4j_pid)
            found, wall = load(urls[who], key, query, pool, clients, args.seconds)
            latencies[who] += found
            totals[who][0] += wall
            totals[who][1] += cpu_ms(pids[who]) - cpu0
            totals[who][2] += cpu_ms(neo4j_pid) - db0
    return {
        who: (latencies[who], len(latencies[who]) / totals[who][0],
              totals[who][1] / len(latencies[who]), totals[who][2] / len(latencies[who]))
        for who in sides
    }  # fmt: skip


def _row(
    name: str, clients: int, found: dict[str, tuple[list[float], float, float, float]],
    stmts: dict[str, float],
) -> list[str]:  # fmt: skip
    cells = [name, str(clients)]
    for who in ("Rapport", "peer"):
        if who not in found:
            cells += ["-"] * 6
            continue
        lat, rps, cpu, db = found[who]
        cells += [f"{percentile(lat, 0.5):.1f}", f"{percentile(lat, 0.95):.1f}",
                  f"{percentile(lat, 0.99):.1f}", f"{rps:.0f}",
                  f"{stmts.get(who, 0):.1f}", f"{cpu:.2f}/{db:.2f}"]  # fmt: skip
    if len(found) == 2:
        ratio_rps = found["Rapport"][1] / found["peer"][1]
        ratio_p99 = percentile(found["Rapport"][0], 0.99) / percentile(found["peer"][0], 0.99)
        cells += [f"{ratio_rps:.2f}", f"{ratio_p99:.2f}"]
    else:
        cells += ["-", "-"]
    return cells


def _table(rows: list[list[str]]) -> None:
    head = ["operation", "clients",
            "R p50", "R p95", "R p99", "R req/s", "R stmts", "R cpu ms api/db",
            "P p50", "P p95", "P p99", "P req/s", "P stmts", "P cpu ms api/db",
            "req/s R/P", "p99 R/P"]  # fmt: skip
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    print("\nbench_api_peer: Rapport (R) beside @neo4j/graphql (P), same Neo4j, latencies in ms")
    for r in [head, *rows]:
        print(
            "  ".join(
                c.rjust(w) if i else c.ljust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )
    print(
        "req/s R/P >= 1 and p99 R/P <= 1: Rapport ahead. cpu: ms of CPU per request, in the "
        "API process / in Neo4j."
    )


if __name__ == "__main__":
    main()
