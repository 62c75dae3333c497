"""Write throughput: the repository's batched upserts against a bare UNWIND … MERGE baseline.

Upserts N customers and 3N KNOWS edges through ``graph.store.writes.upsert`` (typed records,
provenance, retries), and the same data through the bare statements in ``cypher/bench/``,
in the same run, on the embedded ArcadeDB, the local Neo4j or both side by side. Prints
nodes/s, relationships/s and the ratio repository / baseline (target >= 0.8).

    .venv/bin/python bench/bench_writes.py [--customers 100000] [--edges 300000]
                                           [--backend embedded|neo4j|both]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.engines import Engine, add_backend_option, chosen, side_by_side
from graph import model
from graph.store import writes
from graph.store.connection import Connection
from graph.store.repository import Repository

CITIES = ["Lyon", "Paris", "Berlin", "Madrid", "Rome", "Leeds", "Porto", "Ghent"]


def customers(n: int, rng: random.Random) -> list[model.Customer]:
    """N customers with realistic scalar properties."""
    return [
        model.Customer(
            id=f"c{i}",
            name=f"Customer {i}",
            email=f"customer{i}@example.com",
            city=rng.choice(CITIES),
            country="EU",
            tier=rng.choice(["bronze", "silver", "gold"]),
            source="bench",
        )
        for i in range(n)
    ]


def knows(n_customers: int, n_edges: int, rng: random.Random) -> list[model.Knows]:
    """``n_edges`` distinct random KNOWS pairs."""
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < n_edges:
        a, b = rng.randrange(n_customers), rng.randrange(n_customers)
        if a != b:
            pairs.add((a, b))
    return [model.Knows(start_id=f"c{a}", end_id=f"c{b}", source="bench") for a, b in pairs]


def timed(action: Callable[[], Any]) -> float:
    """Seconds ``action`` takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run_baseline(
    repo: Repository, nodes: list[model.Customer], rels: list[model.Knows]
) -> tuple[float, float]:
    """Bare UNWIND … MERGE of the same rows (dicts prepared outside the timing)."""
    node_rows = [{"id": c.id, "props": c.props()} for c in nodes]
    rel_rows = [{"start": r.start_id, "end": r.end_id, "props": r.props()} for r in rels]
    t_nodes = timed(lambda: repo.write_rows("bench/baseline_merge_customers", node_rows))
    t_rels = timed(lambda: repo.write_rows("bench/baseline_merge_knows", rel_rows))
    return t_nodes, t_rels


def run_repository(
    repo: Repository, nodes: list[model.Customer], rels: list[model.Knows]
) -> tuple[float, float]:
    """The repository path: typed records in, batches out (record conversion is timed)."""
    t_nodes = timed(lambda: writes.upsert(repo, nodes))
    t_rels = timed(lambda: writes.upsert(repo, rels))
    return t_nodes, t_rels


def measure(
    engine: Engine, holder: Connection, nodes: list[model.Customer], rels: list[model.Knows]
) -> dict[str, tuple[float, float]]:
    """Warm up, then time the baseline and the repository on fresh databases."""
    warm = engine.fresh(holder, "bench_warmup")
    warm_n = min(20_000, len(nodes))
    run_baseline(Repository(warm), nodes[:warm_n], rels[:warm_n])
    warm.close()

    # A-B-B-A order cancels the drift of a server that warms up or fills up over the run.
    runs: dict[str, list[tuple[float, float]]] = {"baseline": [], "repository": []}
    runners = {"baseline": run_baseline, "repository": run_repository}
    for i, name in enumerate(("baseline", "repository", "repository", "baseline")):
        conn = engine.fresh(holder, f"bench_{name}_{i}")
        runs[name].append(runners[name](Repository(conn), nodes, rels))
        conn.close()
        engine.drop(holder, f"bench_{name}_{i}")
    results = {
        name: (sum(t[0] for t in times) / len(times), sum(t[1] for t in times) / len(times))
        for name, times in runs.items()
    }
    return results


def report(results: dict[str, tuple[float, float]], n: int, e: int, title: str) -> None:
    """Print the figures."""
    print(f"\nbench_writes: {n:,} customers, {e:,} KNOWS, batch 5,000, {title}")
    print("each path run twice (A-B-B-A order), mean of the two runs")
    print(f"{'path':<12}{'nodes/s':>12}{'rels/s':>12}{'total s':>10}")
    for name, (t_nodes, t_rels) in results.items():
        print(f"{name:<12}{n / t_nodes:>12,.0f}{e / t_rels:>12,.0f}{t_nodes + t_rels:>10.1f}")
    base, repo = results["baseline"], results["repository"]
    print(
        "ratio repository/baseline: "
        f"nodes {base[0] / repo[0]:.2f}, relationships {base[1] / repo[1]:.2f}, "
        f"overall {(base[0] + base[1]) / (repo[0] + repo[1]):.2f} (target >= 0.8)"
    )


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=300_000)
    parser.add_argument("--data-dir", type=Path, default=None, help="default: a temporary dir")
    parser.add_argument("--seed", type=int, default=7)
    add_backend_option(parser)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    nodes = customers(args.customers, rng)
    rels = knows(args.customers, args.edges, rng)
    measured: dict[str, dict[str, tuple[float, float]]] = {}
    for name in chosen(args.backend):
        with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
            engine = Engine(name, args.data_dir or Path(tmp))
            # Hold the server for the whole run, and warm the JVM up on a throw-away database.
            holder = engine.hold()
            try:
                measured[name] = measure(engine, holder, nodes, rels)
            finally:
                holder.close()
        report(measured[name], len(nodes), len(rels), engine.title)
    if len(measured) > 1:
        n, e = len(nodes), len(rels)
        rows = [
            (
                f"{path} {what}/s",
                [f"{(n if i == 0 else e) / r[path][i]:,.0f}" for r in measured.values()],
            )
            for path in ("baseline", "repository")
            for i, what in enumerate(("nodes", "relationships"))
        ]
        ratios = [sum(r["baseline"]) / sum(r["repository"]) for r in measured.values()]
        rows.append(("ratio repository/baseline", [f"{x:.2f}" for x in ratios]))
        side_by_side("bench_writes", rows, list(measured))


if __name__ == "__main__":
    main()
