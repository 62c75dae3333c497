"""bench_export: `rapport export` on the generated graph, both engines side by side.

Prints, per engine: rows per table and rows/s end to end for Parquet (and CSV for comparison),
the peak memory of the exporting process (its own maximum RSS, from ``wait4``), and the share of
customers with at least 3 recommendations with and without the best-seller fallback.

    python bench/bench_export.py --size 10000 --backend both
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

import pyarrow.parquet as pq

from bench.bench_analytics import OUT, imported_db
from bench.bench_api import analysed
from bench.engines import Engine, add_backend_option, chosen, side_by_side
from graph.jobs.analyze import analyze
from graph.store.connection import connect
from graph.store.repository import Repository


def run_export(engine: Engine, fmt: str, out: Path) -> tuple[float, float, str]:
    """Seconds, peak RSS in MB of the export process, and what it printed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAPPORT_")}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "export", "--format", fmt, "--out", str(out)],
        cwd=BENCH.parent, env={**env, **engine.env()},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert child.stdout is not None
    printed = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"rapport export failed:\n{printed}")
    return seconds, usage.ru_maxrss / 1024, printed


def coverage(folder: Path) -> tuple[float, float, int]:
    """Share of customers with >= 3 recommendations, with and without best sellers; customers."""
    customers = pq.read_table(folder / "customers.parquet", columns=["id"]).column("id")
    recs = pq.read_table(folder / "recommendations.parquet", columns=["customer", "reasonKinds"])
    every = Counter(recs.column("customer").to_pylist())
    evidence = Counter(
        c for c, kinds in zip(recs.column("customer").to_pylist(),
                              recs.column("reasonKinds").to_pylist(), strict=True)
        if kinds != ["best_seller"]
    )  # fmt: skip
    ids = customers.to_pylist()
    n = len(ids) or 1
    return (sum(every[c] >= 3 for c in ids) / n, sum(evidence[c] >= 3 for c in ids) / n, len(ids))


def measure(engine: Engine, size: int) -> dict[str, str]:
    # This process holds the server (started here if need be): the export joins it, so its own
    # peak memory is the exporter's, not a database's started as its child.
    holder = connect(engine.settings())
    try:
        analyze(Repository(holder), only=["related"])  # stores the best sellers the fallback reads
        return _measure(engine, size)
    finally:
        holder.close()


def _measure(engine: Engine, size: int) -> dict[str, str]:
    cells: dict[str, str] = {}
    print(f"\n== {engine.title}")
    for fmt in ("parquet", "csv"):
        out = OUT / f"export-{size}-{engine.name}-{fmt}"
        seconds, peak, printed = run_export(engine, fmt, out)
        rows = sum(int(line.split()[1].replace(",", "")) for line in printed.splitlines()
                   if line.startswith("  ") and " rows" in line)  # fmt: skip
        print(printed.rstrip())
        print(f"{fmt}: {rows:,} rows in {seconds:.1f} s = {rows / seconds:,.0f} rows/s "
              f"(process start included); peak memory {peak:,.0f} MB")  # fmt: skip
        cells[f"{fmt} rows/s"] = f"{rows / seconds:,.0f}"
        cells[f"{fmt} peak MB"] = f"{peak:,.0f}"
        cells["rows"] = f"{rows:,}"
    with_fallback, without, customers = coverage(OUT / f"export-{size}-{engine.name}-parquet")
    print(f"customers with >= 3 recommendations: {with_fallback:.1%} "
          f"(without best sellers: {without:.1%}) of {customers:,}")  # fmt: skip
    cells[">= 3 recs, with fallback"] = f"{with_fallback:.1%}"
    cells[">= 3 recs, evidence only"] = f"{without:.1%}"
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    add_backend_option(parser)
    args = parser.parse_args()
    results = {}
    for name in chosen(args.backend):
        results[name] = measure(analysed(imported_db(args.size, args.seed, name)), args.size)
    if len(results) > 1:
        keys = list(next(iter(results.values())))
        rows = [(k, [results[e][k] for e in results]) for k in keys]
        side_by_side(f"bench_export ({args.size:,} customers)", rows, list(results))


if __name__ == "__main__":
    main()
