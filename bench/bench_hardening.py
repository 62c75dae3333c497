"""Hardening, measured: bad files, refusal times, the biggest accepted inputs, a database kill.

1. **Bad files**: every probe of the hostile corpus (``tests/importers/hostile/probes.py``)
   imported through ``rapport import`` -> files tried, tracebacks (target 0).
2. **Refusals**: a 24-level fragment bomb and a costly nested query, in process and over HTTP
   -> milliseconds to refuse (target < 50 ms).
3. **Largest accepted**: a post of 100,000 characters, a request body of just under 1 MiB.
4. **A database kill** under a stream of acknowledged writes: seconds until ``/readyz`` says
   so, until it is ready again, until writes succeed again; acknowledged writes lost (target 0).

    .venv/bin/python bench/bench_hardening.py [--backend embedded|neo4j|both]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import runpy
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from api.graphql.context import Context, Shared
from api.graphql.schema import build_schema
from bench.engines import Engine, add_backend_option, chosen, side_by_side
from graph.store import reads
from graph.store.connection import connect
from graph.store.repository import Repository

# The hostile corpus is test data: read from its file, not imported (nothing imports tests).
PROBES = runpy.run_path(str(BENCH.parent / "tests/importers/hostile/probes.py"))["PROBES"]


def fragment_bomb(levels: int) -> str:
    """``F{n}`` spreads ``F{n-1}`` twice: 2**levels fields in a few hundred bytes."""
    parts = ["fragment F0 on Customer { id }"]
    parts += [f"fragment F{n} on Customer {{ ...F{n - 1} ...F{n - 1} }}" for n in range(1, levels)]
    return f'{{ customer(id: "x") {{ ...F{levels - 1} }} }} ' + " ".join(parts)


COSTLY = """{ customers(first: 100) { nodes { influences(first: 100) { customer {
  influences(first: 100) { customer { name } } } } } } }"""


def _inherited() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("RAPPORT_")}


def bad_files(engine: Engine) -> tuple[int, int]:
    """(files tried, tracebacks) over the hostile corpus through the real command."""
    engine.server("start")  # one server for every command (as `rapport db start` keeps it)
    try:
        return _bad_files(engine)
    finally:
        engine.server("stop")


def _bad_files(engine: Engine) -> tuple[int, int]:
    folder = engine.data_dir / "probes"
    folder.mkdir(parents=True, exist_ok=True)
    env = {**_inherited(), **engine.env()}
    for name in ("customers.csv", "employees.csv", "products.csv"):
        (folder / name).write_text(
            {"customers.csv": "id,name,email\nc1,Ann,ann@example.com\n",
             "employees.csv": "id,name,email,role\ne1,Eve,eve@shop.example,care\n",
             "products.csv": "sku,name,price\nSKU-HAT,Hat,10\n"}[name]
        )  # fmt: skip
        subprocess.run([sys.executable, "-m", "api.cli", "import", str(folder / name)],
                       env=env, cwd=BENCH.parent, capture_output=True, check=True)  # fmt: skip
    tracebacks = 0
    for n, probe in enumerate(PROBES):
        path = folder / f"probe{n}.data"
        path.write_bytes(probe.content())
        done = subprocess.run(
            [sys.executable, "-m", "api.cli", "import", str(path), "--format", probe.format],
            env=env, cwd=BENCH.parent, capture_output=True, text=True, check=False,
        )  # fmt: skip
        tracebacks += "Traceback" in done.stderr
    return len(PROBES), tracebacks


def refusals(engine: Engine) -> dict[str, float]:
    """Milliseconds (median of 20) to refuse the fragment bomb and the costly query, in process."""
    with connect(engine.settings()) as conn:
        schema = build_schema(engine.settings())
        shared = Shared(Repository(conn))
        loop = asyncio.new_event_loop()
        found: dict[str, float] = {}
        for name, query in (("fragment bomb", fragment_bomb(24)), ("costly nesting", COSTLY)):
            times = []
            for _ in range(20):
                started = time.perf_counter()
                result = loop.run_until_complete(
                    schema.execute(query, context_value=Context(shared, role="reader"))
                )
                times.append((time.perf_counter() - started) * 1000)
                if not result.errors or "could visit" not in result.errors[0].message:
                    raise SystemExit(f"{name} was not refused: {result.errors}")
            found[name] = statistics.median(times)
        return found


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ready(base: str) -> bool:
    try:
        return httpx.get(f"{base}/readyz", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def _until(predicate: object, timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():  # type: ignore[operator]
            return time.monotonic() - started
        time.sleep(0.05)
    raise SystemExit("timed out")


def database_kill(engine: Engine) -> dict[str, float]:
    """Kill the database under acknowledged writes through the API; times and losses."""
    env = {**_inherited(), **engine.env()}
    cli = [sys.executable, "-m", "api.cli"]
    subprocess.run([*cli, "init"], env=env, cwd=BENCH.parent, capture_output=True, check=True)
    out = subprocess.run([*cli, "keys", "create", "--role", "writer"], env=env, cwd=BENCH.parent,
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    key = next(w for w in out.split() if w.startswith("rk_"))
    port = _port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*cli, "serve", "--port", str(port)], env=env, cwd=BENCH.parent,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    acknowledged: list[str] = []
    failures: list[float] = []
    stop = threading.Event()

    def writer() -> None:
        with httpx.Client(headers={"X-API-Key": key}, timeout=60) as http:
            n = 0
            while not stop.is_set():
                n += 1
                query = 'mutation { upsertCustomer(customer: {id: "w%s"}) { created } }'
                started = time.perf_counter()
                try:
                    answer = http.post(f"{base}/graphql",
                                       json={"query": query.replace("%s", str(n))})  # fmt: skip
                except httpx.HTTPError:
                    continue
                if answer.status_code == 200 and not answer.json().get("errors"):
                    acknowledged.append(f"w{n}")
                else:
                    failures.append((time.perf_counter() - started) * 1000)

    try:
        _until(lambda: _ready(base), 300)
        thread = threading.Thread(target=writer)
        thread.start()
        _until(lambda: len(acknowledged) >= 50, 60)
        port_file = engine.data_dir / ("neo4j" if engine.name == "neo4j" else "") / "server.json"
        os.kill(int(json.loads(port_file.read_text())["pid"]), signal.SIGKILL)
        killed_at = len(acknowledged)
        noticed = _until(lambda: not _ready(base), 60)
        ready = noticed + _until(lambda: _ready(base), 300)
        writing = _until(lambda: len(acknowledged) > killed_at, 300)
        stop.set()
        thread.join(timeout=60)
    finally:
        stop.set()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    with connect(engine.settings()) as conn:
        stored = reads.nodes_by_ids(Repository(conn), "Customer", acknowledged)
    return {
        "readyz says so (s)": noticed,
        "ready again (s)": ready,
        "writes succeed again (s)": writing,
        "refused while away, median ms": statistics.median(failures) if failures else 0.0,
        "acknowledged writes": float(len(acknowledged)),
        "acknowledged writes lost": float(len(set(acknowledged) - set(stored))),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_backend_option(parser)
    args = parser.parse_args()
    results: dict[str, dict[str, str]] = {}
    for name in chosen(args.backend):
        with tempfile.TemporaryDirectory(prefix="rapport-hardening-") as tmp:
            engine = Engine(name, Path(tmp))
            print(f"\n== {engine.title}")
            tried, tracebacks = bad_files(engine)
            print(f"bad files: {tried} tried, {tracebacks} tracebacks (target 0)")
            cells = {"bad files tried": str(tried), "tracebacks": str(tracebacks)}
            for what, ms in refusals(engine).items():
                print(f"{what} refused in {ms:.2f} ms in process (target < 50 ms)")
                cells[f"{what} refused (ms)"] = f"{ms:.2f}"
            for what, value in database_kill(engine).items():
                print(f"database kill: {what} = {value:.2f}")
                cells[what] = f"{value:.2f}"
            results[name] = cells
    if len(results) > 1:
        keys = list(next(iter(results.values())))
        side_by_side("bench_hardening", [(k, [results[e][k] for e in results]) for k in keys],
                     list(results))  # fmt: skip


if __name__ == "__main__":
    main()
