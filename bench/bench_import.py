"""Import throughput on a generated dataset: enrichment alone, end to end, bare and bulk writes.

1. **Enrichment alone**: the blank spaCy pipeline (rules) over every tweet of the dataset, on one
   core (the process is pinned to one CPU) -> posts/s. Target >= 5,000.
2. **End to end**: ``rapport import tweets.jsonl`` (parse, enrich, identity, batched writes) into
   a database that already holds the dataset's employees, products and customers, as one import
   -> posts/s and graph records/s. Then the file again, into another such database, as ten
   imports of a tenth each -> records/s of each tenth (a write whose cost grows with the graph
   shows as a falling rate; target: last tenth >= 0.8 x first) and of the ten (each import
   pays its fixed costs: the enrichment's set-up, its last writes with nothing parsed
   meanwhile, settling). Each prints the CPU this process and the database server used.
3. **Bare writes**: the very records step 2 wrote, prepared beforehand, pushed through the same
   ``UNWIND … MERGE`` statements with nothing else in the way, into a database prepared the same
   way -> records/s. Target: end to end >= 0.7 x bare.
4. **Bulk CREATE**: the same records again, written the fastest way a client can write them:
   ``CREATE`` in the same batches (nodes after an indexed check that they are new), no ``MERGE``,
   no change detection (``cypher/bench/bulk_create_*``) -> records/s. Target: end to end >= 0.5 x
   bulk.

    .venv/bin/python bench/bench_import.py [--customers 100000] [--seed 7] [--dataset DIR]
                                           [--backend embedded|neo4j|both]
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import math
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.engines import Cpu, Engine, add_backend_option, chosen, side_by_side, timed
from graph.model import Node, Record, Relationship
from graph.store import cypher
from graph.store.connection import Connection
from graph.store.cypher import CypherStatement
from graph.store.repository import Repository
from importers.directory import load_directory
from importers.formats.base import Item
from importers.formats.twitter import TwitterV2
from importers.generate import generate
from importers.nlp import Catalog, CatalogEmployee, CatalogProduct, analyse, build_pipeline
from importers.run.enrichment import PostEnrichment
from importers.run.files import import_path

BENCH_OUT = Path(__file__).resolve().parent / "out"


def dataset(customers: int, seed: int, folder: Path | None) -> Path:
    """The generated dataset (made once, then reused)."""
    folder = folder or BENCH_OUT / f"dataset-{customers}-{seed}"
    truth = folder / "truth.json"
    if not truth.exists() or json.loads(truth.read_text())["customers"] != customers:
        started = time.perf_counter()
        generate(folder, customers=customers, seed=seed)
        print(f"generated {customers:,} customers in {time.perf_counter() - started:.0f} s")
    return folder


def _catalog(folder: Path) -> Catalog:
    with open(folder / "products.csv", encoding="utf-8") as fh:
        products = tuple(
            CatalogProduct(sku=r["sku"], name=r["name"], brand=r["brand"] or None)
            for r in csv.DictReader(fh)
        )
    with open(folder / "employees.csv", encoding="utf-8") as fh:
        employees = tuple(
            CatalogEmployee(
                id=r["id"], name=r["name"], handles=(r["twitter"],) if r["twitter"] else ()
            )
            for r in csv.DictReader(fh)
        )
    return Catalog(products=products, employees=employees, brand_handles=("rapportshop",))


def _tweets(folder: Path) -> tuple[list[str], list[bool]]:
    texts: list[str] = []
    brand: list[bool] = []
    with open(folder / "tweets.jsonl", encoding="utf-8") as fh:
        for line in fh:
            page = json.loads(line)
            brand_ids = {
                u["id"] for u in page["includes"]["users"] if u["username"] == "rapportshop"
            }
            for tweet in page["data"]:
                texts.append(tweet["text"])
                brand.append(tweet["author_id"] in brand_ids)
    return texts, brand


def enrichment_alone(folder: Path) -> tuple[int, float, float]:
    """(posts, wall seconds, CPU seconds) of the blank pipeline over every tweet, one core."""
    texts, brand = _tweets(folder)
    nlp = build_pipeline(_catalog(folder), model="blank:en")
    allowed = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(allowed)})
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in analyse(nlp, texts, is_brand=brand):
            pass
        return len(texts), time.perf_counter() - wall, time.process_time() - cpu
    finally:
        os.sched_setaffinity(0, allowed)


def prepared_database(
    engine: Engine, holder: Connection, name: str, folder: Path
) -> tuple[Connection, float]:
    """A fresh database holding the dataset's employees, products and customers."""
    conn = engine.fresh(holder, name)
    repo = Repository(conn)
    started = time.perf_counter()
    for file in ("employees.csv", "products.csv", "customers.csv"):
        import_path(repo, folder / file, live_progress=False, resume=False)
    return conn, time.perf_counter() - started


def tenths(file: Path, into: Path) -> list[Path]:
    """``file`` (one page of the X export a line) cut into ten files of as many lines, in order."""
    lines = file.read_text("utf-8").splitlines(keepends=True)
    parts = []
    for n in range(10):
        part = into / f"{file.stem}-{n + 1:02d}{file.suffix}"
        part.write_text("".join(lines[n * len(lines) // 10 : (n + 1) * len(lines) // 10]), "utf-8")
        parts.append(part)
    return parts


def end_to_end(
    conn: Connection, folder: Path, cpu: Cpu, server_cpu: Callable[[], float]
) -> tuple[int, float, list[float]]:
    """(records written, seconds, records/s of each tenth) of importing tweets.jsonl, a tenth
    of the file after the other: a write whose cost grows with the graph shows as a falling
    rate. The CPU used is added to ``cpu``."""
    rates: list[float] = []
    records, seconds = 0, 0.0
    with tempfile.TemporaryDirectory(prefix="rapport-tenths-") as tmp:
        for part in tenths(folder / "tweets.jsonl", Path(tmp)):
            report, took = timed(cpu, server_cpu, lambda part=part: import_path(  # type: ignore[misc]
                Repository(conn), part, live_progress=False, resume=False
            ))  # fmt: skip
            summary = report.summaries[0]
            assert summary.rejected == 0, f"{summary.rejected} rejects"
            written = summary.created + summary.updated
            records, seconds = records + written, seconds + took
            rates.append(written / took)
    return records, seconds, rates


def whole_file(
    conn: Connection, folder: Path, cpu: Cpu, server_cpu: Callable[[], float]
) -> tuple[int, float]:
    """(records written, seconds) of importing tweets.jsonl in one ``import_path``, as
    ``rapport import`` does: its fixed costs (the enrichment's set-up, the last batches written
    while nothing is parsed, settling) are paid once. The CPU used is added to ``cpu``."""
    report, took = timed(cpu, server_cpu, lambda: import_path(
        Repository(conn), folder / "tweets.jsonl", live_progress=False, resume=False
    ))  # fmt: skip
    summary = report.summaries[0]
    assert summary.rejected == 0, f"{summary.rejected} rejects"
    return summary.created + summary.updated, took


#: The prepared records of one label or relationship pattern: the import's statement for them,
#: the label (one name) or pattern (start, type, end), and the rows.
Prepared = tuple[str, tuple[str, ...], list[dict[str, object]]]


def prepared_rows(repo: Repository, folder: Path) -> list[Prepared]:
    """The tweets' records, parsed and enriched beforehand, in write order (nodes first)."""
    settings = repo.settings
    enrichment = PostEnrichment.from_graph(repo, load_directory(repo, customers=False))
    items = [
        i
        for i in TwitterV2(settings.brand_accounts).read(folder / "tweets.jsonl")
        if isinstance(i, Item)
    ]
    for start in range(0, len(items), 1000):
        enrichment.apply(items[start : start + 1000])
    nodes: dict[tuple[str, ...], dict[str, dict[str, object]]] = {}
    rels: dict[tuple[str, ...], dict[tuple[str, str], dict[str, object]]] = {}
    for item in items:
        record: Record
        for record in item.records:
            if isinstance(record, Node):
                nodes.setdefault((record.LABEL,), {})[record.id] = {
                    "id": record.id,
                    "props": record.props(),
                }
            elif isinstance(record, Relationship):
                rels.setdefault(record.pattern, {})[(record.start_id, record.end_id)] = {
                    "start": record.start_id, "end": record.end_id, "props": record.props(),
                }  # fmt: skip
    ordered = [(cypher.node_write(key[0]), key, list(rows.values())) for key, rows in nodes.items()]
    return ordered + [
        (cypher.relationship_write((key[0], key[1], key[2])), key, list(rows.values()))
        for key, rows in rels.items()
    ]


def bare_writes(conn: Connection, rows: list[Prepared]) -> int:
    """The records of the prepared rows written through the bare statements."""
    repo = Repository(conn)
    return sum(repo.write_rows(name, batch) for name, _, batch in rows)


def bulk_statement(key: tuple[str, ...]) -> CypherStatement:
    """The bulk baseline's CREATE statement for a label or pattern: ``cypher/bench/bulk_create_*``
    with the model's names in place of its placeholders.

    >>> "CREATE (a)-[r:POSTED]->(b)" in bulk_statement(("SocialAccount", "POSTED", "Post")).text
    True
    """
    if len(key) == 1:
        template = cypher.load("bench/bulk_create_nodes")
        text = re.sub(r":Label\b", f":{key[0]}", template.text)
    else:
        template = cypher.load("bench/bulk_create_relationships")
        text = template.text
        for placeholder, name in zip((":Start", ":TYPE", ":End"), key, strict=True):
            text = re.sub(placeholder + r"\b", f":{name}", text)
    return CypherStatement(f"{template.name} {'/'.join(key)}", template.header, text)


def bulk_writes(conn: Connection, rows: list[Prepared]) -> int:
    """The records of the prepared rows written the fastest way the engine offers to a client:
    CREATE, in batches of the import's size, one transaction each."""
    repo = Repository(conn)
    return sum(repo.write_rows(bulk_statement(key), batch) for _, key, batch in rows)


def main() -> None:
    """Run the three measurements and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dataset", type=Path, default=None)
    parser.add_argument("--no-bare", action="store_true", help="skip the bare-writes pass")
    add_backend_option(parser)
    args = parser.parse_args()
    folder = dataset(args.customers, args.seed, args.dataset)

    posts, wall, cpu = enrichment_alone(folder)
    print(
        f"enrichment alone (blank pipeline, 1 core): {posts:,} posts in {wall:.1f} s = "
        f"{posts / wall:,.0f} posts/s ({posts / cpu:,.0f} per CPU second); target >= 5,000"
    )

    figures: dict[str, Figures] = {}
    for name in chosen(args.backend):
        with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
            engine = Engine(name, Path(tmp))
            figures[name] = measure(engine, folder, posts, args.customers, bare=not args.no_bare)
    if len(figures) > 1:
        rows = [
            ("end to end posts/s", [f"{posts / f.seconds:,.0f}" for f in figures.values()]),
            ("end to end records/s (one import)",
             [f"{f.records / f.seconds:,.0f}" for f in figures.values()]),
            ("as ten imports, records/s", [f"{f.tenths_rate:,.0f}" for f in figures.values()]),
            ("last tenth / first tenth", [f"{f.decay:.2f}" for f in figures.values()]),
            ("end to end CPU s, this process / database",
             [f"{f.cpu.client:.0f} / {f.cpu.server:.0f}" for f in figures.values()]),
        ]  # fmt: skip
        if not args.no_bare:
            rows += [
                ("bare writes records/s", [f"{f.bare_rate:,.0f}" for f in figures.values()]),
                ("end to end / bare", [_ratio(f, f.bare_rate) for f in figures.values()]),
                ("bulk CREATE records/s", [f"{f.bulk_rate:,.0f}" for f in figures.values()]),
                ("end to end / bulk", [_ratio(f, f.bulk_rate) for f in figures.values()]),
                (
                    "bulk CREATE CPU s, this process / database",
                    [
                        f"{f.bulk_cpu.client:.0f} / {f.bulk_cpu.server:.0f}"
                        for f in figures.values()
                    ],
                ),
            ]
        side_by_side(f"bench_import ({args.customers:,} customers)", rows, list(figures))


def _ratio(f: Figures, baseline: float) -> str:
    return f"{f.records / f.seconds / baseline:.2f}"


@dataclass(frozen=True, slots=True)
class Figures:
    """One engine's figures: records and seconds end to end (one import of the file), the rate
    of ten imports of a tenth each, the bare and bulk rates (records/s; nan when skipped), the
    last tenth's rate over the first's."""

    records: float
    seconds: float
    tenths_rate: float
    bare_rate: float
    bulk_rate: float
    decay: float
    cpu: Cpu  # end to end
    bulk_cpu: Cpu


def measure(
    engine: Engine, folder: Path, posts: int, customers: int, *, bare: bool = True
) -> Figures:
    """The figures of one engine (bare and bulk unless ``bare`` is false); prints them."""
    print(f"\n== {engine.title}")
    holder = engine.hold()
    try:
        server_cpu = functools.partial(engine.server_cpu, holder)
        file_conn, prep = prepared_database(engine, holder, "bench_file", folder)
        print(f"prepared: employees, products, {customers:,} customers imported in {prep:.0f} s")
        cpu = Cpu()
        records, seconds = whole_file(file_conn, folder, cpu, server_cpu)
        file_conn.close()
        print(
            f"end to end, one import of tweets.jsonl: {posts:,} posts, {records:,} records in "
            f"{seconds:.1f} s = {posts / seconds:,.0f} posts/s, {records / seconds:,.0f} records/s"
        )
        print("  " + cpu.line(seconds, records))
        e2e_conn, _ = prepared_database(engine, holder, "bench_e2e", folder)
        tenths_cpu = Cpu()
        in_tenths, tenths_seconds, rates = end_to_end(e2e_conn, folder, tenths_cpu, server_cpu)
        tenths_rate = in_tenths / tenths_seconds
        print(
            f"as ten imports of a tenth each (each one settled): {in_tenths:,} records in "
            f"{tenths_seconds:.1f} s = {tenths_rate:,.0f} records/s"
        )
        print("  " + tenths_cpu.line(tenths_seconds, in_tenths))
        print("records/s per tenth of tweets.jsonl: " + ", ".join(f"{r:,.0f}" for r in rates))
        print(f"last tenth / first: {rates[-1] / rates[0]:.2f} (target >= 0.8)")
        if not bare:
            e2e_conn.close()
            return Figures(
                float(records),
                seconds,
                tenths_rate,
                math.nan,
                math.nan,
                rates[-1] / rates[0],
                cpu,
                Cpu(),
            )
        rows = prepared_rows(Repository(e2e_conn), folder)
        e2e_conn.close()
        bare_conn, _ = prepared_database(engine, holder, "bench_bare", folder)
        bare_cpu = Cpu()
        bare_records, bare_seconds = timed(
            bare_cpu, server_cpu, lambda: bare_writes(bare_conn, rows)
        )
        bare_conn.close()
        bulk_conn, _ = prepared_database(engine, holder, "bench_bulk", folder)
        bulk_cpu = Cpu()
        bulk_records, bulk_seconds = timed(
            bulk_cpu, server_cpu, lambda: bulk_writes(bulk_conn, rows)
        )
        bulk_conn.close()
    finally:
        holder.close()
    bare_rate = bare_records / bare_seconds
    bulk_rate = bulk_records / bulk_seconds
    rate = records / seconds
    print(
        f"bare writes (same MERGE): {bare_records:,} records in {bare_seconds:.1f} s = "
        f"{bare_rate:,.0f} records/s; end to end / bare: {rate / bare_rate:.2f} (target >= 0.7)"
    )
    print("  " + bare_cpu.line(bare_seconds, bare_records))
    print(
        f"bulk CREATE (fastest client path): {bulk_records:,} records in {bulk_seconds:.1f} s = "
        f"{bulk_rate:,.0f} records/s; end to end / bulk: {rate / bulk_rate:.2f} (target >= 0.5)"
    )
    print("  " + bulk_cpu.line(bulk_seconds, bulk_records))
    return Figures(
        float(records),
        seconds,
        tenths_rate,
        bare_rate,
        bulk_rate,
        rates[-1] / rates[0],
        cpu,
        bulk_cpu,
    )


if __name__ == "__main__":
    main()
