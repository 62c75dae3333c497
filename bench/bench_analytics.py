"""Analytics at scale: full recompute, incremental update, PageRank backends.

For each size (generated customers; about 1M edges at 100k), on the embedded ArcadeDB, the
local Neo4j, or both side by side (``--backend``):

1. **Cold full run**: the derived edges and alerts are deleted first (not timed), then
   ``rapport analyze`` computes and writes everything -> seconds per stage, peak memory of the
   analysing process and of the database server.
The database server is started once per size and kept running (as ``rapport db start`` does in
production), so the runs talk to a warmed-up JVM.

2. **Warm full run**: the same again on the unchanged graph (only changed edges are written).
3. **Incremental**: 100 new posts (30 complaints) by random customers, then
   ``rapport analyze --incremental`` -> seconds. Target <= 2 s.

Then the **growth exponent** ``log(t_big / t_small) / log(size ratio)`` of the cold and warm runs
(target <= 1.2; 100k cold run target <= 120 s), and **PageRank** on the largest influence graph:
networkx's default (``nx.pagerank``, scipy) beside Rapport's pure-Python power iteration and
igraph's PRPACK, as time ratios, with the top-10 overlap.

Each run happens in a child process so its peak memory is its own. Datasets and imported
databases are cached under ``bench/out/`` (the first import of 100k takes about 40 minutes).

    .venv/bin/pip install -e '.[dev,bench]'
    .venv/bin/python bench/bench_analytics.py [--sizes 10000,100000] [--seed 7]
                                              [--backend embedded|neo4j|both] [--gds]
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.bench_import import dataset
from bench.engines import Engine, add_backend_option, chosen, side_by_side
from graph import model
from graph.jobs.analyze import analyze
from graph.store import schema
from graph.store.ahead import columns
from graph.store.connection import connect
from graph.store.repository import Repository
from graph.store.writes import upsert

OUT = BENCH / "out"
DERIVED = ("INFLUENCES", "RAPPORT", "BOUGHT_WITH", "INTERESTED_IN")


def _repo(engine: Engine) -> Repository:
    return Repository(connect(engine.settings()))


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _server_peak_mb(engine: Engine) -> float | None:
    """Peak memory of the server process and its children (the local Neo4j's JVM)."""
    port_file = engine.data_dir / ("neo4j" if engine.name == "neo4j" else "") / "server.json"
    try:
        pid = json.loads(port_file.read_text())["pid"]
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return _peak_mb(pid) + sum(_peak_mb(int(c)) for c in children)
    except (OSError, KeyError, ValueError):
        return None


# --------------------------------------------------------------------------- child process


def worker(mode: str, engine: Engine, since: str | None) -> None:
    """Run one analysis and print its figures as one JSON line."""
    repo = _repo(engine)
    started = time.perf_counter()
    report = analyze(repo, since=datetime.fromisoformat(since) if since else None)
    total = time.perf_counter() - started
    figures = {
        "mode": mode,
        "total": total,
        "stages": [[s.name, s.seconds, s.written, s.removed] for s in report.stages],
        "notes": {s.name: s.notes for s in report.stages},
        "client_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "server_peak_mb": _server_peak_mb(engine),
    }
    repo.connection.close()
    print(json.dumps(figures, default=str))


def _child(mode: str, engine: Engine, since: datetime | None = None) -> dict[str, object]:
    args = [sys.executable, __file__, "--worker", mode, "--data-dir", str(engine.data_dir),
            "--backend", engine.name, *(["--gds"] if engine.gds else [])]  # fmt: skip
    if since is not None:
        args += ["--since", since.isoformat()]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- steps


def imported_db(size: int, seed: int, backend: str = "embedded") -> Engine:
    """The database of the generated dataset on ``backend``, imported once."""
    suffix = "" if backend == "embedded" else f"-{backend}"
    engine = Engine(backend, OUT / f"db-{size}-{seed}{suffix}")
    marker = engine.data_dir / "imported.ok"
    if not marker.exists():
        folder = dataset(size, seed, None)
        started = time.perf_counter()
        env = {k: v for k, v in os.environ.items() if not k.startswith("RAPPORT_")}
        subprocess.run(
            [sys.executable, "-m", "api.cli", "import", str(folder)],
            check=True,
            cwd=BENCH.parent,
            env={**env, **engine.env()},
        )
        marker.write_text(f"{time.perf_counter() - started:.0f} s\n")
    else:  # imported by an earlier version: the indexes added since then, as `rapport init` does
        with connect(engine.settings()) as conn:
            schema.apply(Repository(conn))
    return engine


def clear_derived(engine: Engine) -> float:
    """Delete every derived edge and alert (in chunks); returns the seconds it took."""
    repo = _repo(engine)
    started = time.perf_counter()
    while repo.write("bench/delete_derived_chunk", types=list(DERIVED), limit=50_000)[0]["n"]:
        pass
    while repo.write("bench/delete_alerts_chunk", limit=20_000)[0]["n"]:
        pass
    repo.connection.close()
    return time.perf_counter() - started


COMPLAINTS = [
    "@rapportshop my {name} fell apart after one wash. Awful quality, I want a refund",
    "Terrible service at @rapportshop, the {name} arrived broken. Never again!",
    "@rapportshop worst {name} I ever bought, total waste of money",
]
CHATTER = [
    "Wearing my {name} today #style",
    "Thinking about a new {name} for the weekend #weekend",
    "Anyone tried the {name}? #fashion",
]


def new_posts(engine: Engine, count: int, seed: int) -> datetime:
    """Write ``count`` new posts by random customers' accounts, 30% complaints (not enriched:
    sentiment and ABOUT are set directly); returns the moment just before."""
    rng = random.Random(seed)
    repo = _repo(engine)
    owned = columns(repo, "analytics/customer_accounts")["accounts"]
    accounts = sorted({a for a in owned if a.startswith("twitter:")})
    products = [(r["sku"], r["name"]) for r in repo.read("read/catalog_products")]
    since = datetime.now(UTC) - timedelta(seconds=1)
    run = int(since.timestamp())  # new ids every time: each run's complaints are new
    records: list[model.Record] = []
    for n in range(count):
        account = rng.choice(accounts)
        sku, name = rng.choice(products)
        angry = n % 10 < 3
        text = rng.choice(COMPLAINTS if angry else CHATTER).format(name=name)
        post = f"twitter:bench-{run}-{n}"
        records += [
            model.Post(id=post, platform="twitter", text=text, at=datetime.now(UTC),
                       sentiment=-0.8 if angry else 0.2, source="bench"),
            model.Posted(start_id=account, end_id=post, source="bench"),
            model.About(start_id=post, end_id=sku, source="bench"),
        ]  # fmt: skip
        if angry:
            records.append(
                model.Mentions(start_id=post, end_id="twitter:rapportshop", source="bench")
            )
    upsert(repo, records)
    repo.connection.close()
    return since


def pagerank_backends(engine: Engine) -> None:
    """networkx default vs Rapport's pure Python vs igraph PRPACK on the stored influence graph."""
    import networkx as nx  # type: ignore[import-untyped]

    igraph = importlib.import_module("igraph")  # optional: pip install -e '.[bench]'

    from graph.analytics import influence
    from graph.answers import influencers

    repo = _repo(engine)
    graph = influencers.influence_graph(repo)
    repo.connection.close()
    reverse = graph.reverse(copy=True)
    print(
        f"\nPageRank on {graph.number_of_nodes():,} customers, "
        f"{graph.number_of_edges():,} influence edges"
    )
    timings: dict[str, float] = {}
    results: dict[str, dict[str, float]] = {}

    def timed(name: str, run: object) -> None:
        best = math.inf
        for _ in range(3):
            started = time.perf_counter()
            results[name] = run()  # type: ignore[operator]
            best = min(best, time.perf_counter() - started)
        timings[name] = best

    timed("networkx default (scipy)", lambda: nx.pagerank(reverse, alpha=0.85, weight="weight"))
    timed("rapport pure Python", lambda: influence.influence_scores(graph))
    nodes = list(reverse)
    index = {n: i for i, n in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in reverse.edges()]
    weights = [w for _, _, w in reverse.edges(data="weight")]

    def with_igraph() -> dict[str, float]:
        g = igraph.Graph(n=len(nodes), edges=edges, directed=True)
        scores = g.pagerank(weights=weights, damping=0.85, implementation="prpack")
        return dict(zip(nodes, scores, strict=True))

    timed("igraph PRPACK", with_igraph)
    base = timings["networkx default (scipy)"]
    top = {
        name: {n for n, _ in sorted(r.items(), key=lambda kv: -kv[1])[:10]}
        for name, r in results.items()
    }
    reference = top["networkx default (scipy)"]
    for name, seconds in timings.items():
        print(
            f"  {name:<26} {seconds * 1000:9.1f} ms   networkx/this {base / seconds:6.2f}x   "
            f"top-10 overlap {len(top[name] & reference)}/10"
        )


def incremental_only(engine: Engine, size: int, seed: int) -> None:
    """Step 3 alone, twice, on a running server (after a full run has analysed the database)."""
    engine.server("start")
    for attempt in (1, 2):
        since = new_posts(engine, 100, seed + attempt)
        incr = _child("incremental", engine, since)
        touched = incr["notes"]["touched"]  # type: ignore[index]
        print(f"{size:,} incremental #{attempt} {incr['total']:6.2f} s after 100 new posts: "
              f"{_stages(incr)}  {json.dumps(touched)}")  # fmt: skip
    engine.server("stop")


def _stages(figures: dict[str, object]) -> str:
    return "  ".join(f"{name} {secs:.1f}s" for name, secs, *_ in figures["stages"])  # type: ignore[attr-defined]


def one_size(engine: Engine, size: int, seed: int) -> dict[str, float]:
    """Cold, warm and incremental runs on one engine and size; prints them, returns the times."""
    # One long-running server per size, as in production (`rapport db start`): every run
    # below talks to the same warmed-up JVM.
    engine.server("start")
    cleared = clear_derived(engine)
    print(f"\n== {size:,} customers on {engine.title} ({engine.data_dir}); derived edges "
          f"cleared in {cleared:.1f} s")  # fmt: skip
    cold = _child("full", engine)
    print(f"cold full run  {cold['total']:7.1f} s   {_stages(cold)}")
    print(f"               client peak {cold['client_peak_mb']:.0f} MB, "
          f"server peak {cold['server_peak_mb'] or 0:.0f} MB")  # fmt: skip
    print(f"               {json.dumps(cold['notes'])}")
    warm = _child("full", engine)
    print(f"warm full run  {warm['total']:7.1f} s   {_stages(warm)}")
    since = new_posts(engine, 100, seed)
    incr = _child("incremental", engine, since)
    print(f"incremental    {incr['total']:7.2f} s   after 100 new posts: {_stages(incr)}")
    print(f"               {json.dumps(incr['notes'])}")
    engine.server("stop")
    return {
        "cold": float(cold["total"]),  # type: ignore[arg-type]
        "warm": float(warm["total"]),  # type: ignore[arg-type]
        "incremental": float(incr["total"]),  # type: ignore[arg-type]
        "client_mb": float(cold["client_peak_mb"]),  # type: ignore[arg-type]
        "server_mb": float(cold["server_peak_mb"] or 0),  # type: ignore[arg-type]
    }


def in_database(engine: Engine, size: int) -> dict[str, float]:
    """Cold and warm full runs with PageRank and Louvain inside Neo4j (GDS); prints them."""
    inside = replace(engine, gds=True)
    inside.server("start")  # with GDS loaded
    clear_derived(inside)
    cold = _child("full", inside)
    print(f"\n== {size:,} customers, PageRank and Louvain inside Neo4j (GDS)")
    print(f"cold full run  {cold['total']:7.1f} s   {_stages(cold)}")
    print(f"               client peak {cold['client_peak_mb']:.0f} MB, "
          f"server peak {cold['server_peak_mb'] or 0:.0f} MB")  # fmt: skip
    warm = _child("full", inside)
    print(f"warm full run  {warm['total']:7.1f} s   {_stages(warm)}")
    inside.server("stop")
    return {
        "cold": float(cold["total"]),  # type: ignore[arg-type]
        "warm": float(warm["total"]),  # type: ignore[arg-type]
        "client_mb": float(cold["client_peak_mb"]),  # type: ignore[arg-type]
    }


def _growth(times: dict[int, dict[str, float]]) -> None:
    """The growth exponents of the cold and warm runs from the smallest to the largest size."""
    if len(times) < 2:
        return
    small, big = min(times), max(times)
    for label in ("cold", "warm"):
        exponent = math.log(times[big][label] / times[small][label]) / math.log(big / small)
        print(f"growth exponent ({label}) {small:,} -> {big:,}: {exponent:.2f}")


def _inside_beside(here: dict[int, dict[str, float]], seed: int) -> None:
    """Each size again with GDS inside Neo4j, and the ratios to the in-process runs ``here``."""
    for size, mine in here.items():
        inside = in_database(imported_db(size, seed, "neo4j"), size)
        print(f"inside / in process: cold {inside['cold'] / mine['cold']:.2f}, "
              f"warm {inside['warm'] / mine['warm']:.2f}, client memory "
              f"{inside['client_mb']:.0f} / {mine['client_mb']:.0f} MB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--worker", choices=("full", "incremental"))
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--since")
    parser.add_argument(
        "--incremental-only", action="store_true", help="only step 3, on the imported databases"
    )
    parser.add_argument("--no-pagerank", action="store_true", help="skip the PageRank backends")
    parser.add_argument(
        "--gds", action="store_true",
        help="on Neo4j, also run PageRank and Louvain inside the database (Graph Data Science)",
    )  # fmt: skip
    add_backend_option(parser)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, Engine(args.backend, args.data_dir, gds=args.gds), args.since)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    engines = chosen(args.backend)
    if args.incremental_only:
        for name in engines:
            for size in sizes:
                incremental_only(imported_db(size, args.seed, name), size, args.seed)
        return
    results: dict[str, dict[int, dict[str, float]]] = {}
    for name in engines:
        results[name] = {size: one_size(imported_db(size, args.seed, name), size, args.seed)
                         for size in sizes}  # fmt: skip
        if args.gds and name == "neo4j":
            _inside_beside(results[name], args.seed)
        _growth(results[name])
    if len(engines) > 1:
        rows = [
            (f"{size:,} {what}", [f"{results[e][size][what]:.2f}" for e in engines])
            for size in sizes
            for what in ("cold", "warm", "incremental", "client_mb", "server_mb")
        ]
        side_by_side("bench_analytics (seconds, MB)", rows, engines)
    if not args.no_pagerank:
        pagerank_backends(imported_db(sizes[-1], args.seed, engines[0]))


if __name__ == "__main__":
    main()
