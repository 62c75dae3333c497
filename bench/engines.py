"""The engines a benchmark runs on: the embedded ArcadeDB and the local Neo4j, side by side.

Every benchmark takes ``--backend embedded|neo4j|both``; with ``both`` it measures each engine in
the same run and prints them next to each other.
"""

from __future__ import annotations

import argparse
import math
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from graph.settings import Settings, load_settings
from graph.store import schema
from graph.store.connection import Connection, connect
from graph.store.embedded import admin
from graph.store.repository import Repository

PROJECT = Path(__file__).resolve().parents[1]
T = TypeVar("T")
TITLES = {"embedded": "embedded ArcadeDB", "neo4j": "local Neo4j"}


def add_backend_option(parser: argparse.ArgumentParser) -> None:
    """``--backend embedded|neo4j|both``."""
    parser.add_argument(
        "--backend",
        choices=("embedded", "neo4j", "both"),
        default="embedded",
        help="the engine to measure, or both side by side (default: embedded)",
    )


def chosen(backend: str) -> list[str]:
    """The engines ``--backend`` names, in the order they run."""
    return ["embedded", "neo4j"] if backend == "both" else [backend]


@dataclass(frozen=True)
class Engine:
    """How a benchmark reaches one engine in a data dir."""

    name: str
    data_dir: Path
    apoc: bool = False  # the local Neo4j loads APOC Core (bench_api_peer: @neo4j/graphql needs it)
    gds: bool = False  # the local Neo4j loads GDS, and analyses run inside it (bench_analytics)

    @property
    def title(self) -> str:
        """``embedded ArcadeDB`` or ``local Neo4j``."""
        return TITLES[self.name]

    def settings(self, **overrides: object) -> Settings:
        """Settings on this engine and data dir (a fixed database on Neo4j: ``neo4j``)."""
        values: dict[str, object] = {"data_dir": self.data_dir}
        if self.name == "neo4j":
            values.update(db_uri="local-neo4j", neo4j_bolt_port=0, neo4j_http_port=0,
                          neo4j_heap="2g", neo4j_apoc=self.apoc, neo4j_gds=self.gds,
                          analyze_in_database=self.gds)  # fmt: skip
            overrides.pop("db_name", None)
        values.update(overrides)
        return load_settings(**values)

    def env(self) -> dict[str, str]:
        """RAPPORT_* variables pointing a `rapport` child process at this engine."""
        env = {"RAPPORT_DATA_DIR": str(self.data_dir)}
        if self.name == "neo4j":
            env.update(RAPPORT_DB_URI="local-neo4j", RAPPORT_NEO4J_BOLT_PORT="0",
                       RAPPORT_NEO4J_HTTP_PORT="0", RAPPORT_NEO4J_HEAP="2g",
                       RAPPORT_NEO4J_APOC=str(self.apoc).lower(),
                       RAPPORT_NEO4J_GDS=str(self.gds).lower(),
                       RAPPORT_ANALYZE_IN_DATABASE=str(self.gds).lower())  # fmt: skip
        return env

    def server(self, action: str) -> None:
        """Start (pinned) or stop this engine's server in its data dir."""
        group = "neo4j" if self.name == "neo4j" else "db"
        command = [sys.executable, "-m", "api.cli", group, action]
        env = {**_inherited(), **self.env()}
        subprocess.run(command, check=True, cwd=PROJECT, capture_output=True, env=env)

    def hold(self) -> Connection:
        """A connection that keeps the server up for the whole benchmark."""
        return connect(self.settings(db_name="bench_admin"))

    def fresh(self, holder: Connection, name: str) -> Connection:
        """An empty database with the schema: a new one on embedded, the emptied one on Neo4j."""
        if self.name == "neo4j":
            conn = connect(self.settings())
            repo = Repository(conn)
            while repo.write("bench/delete_nodes_chunk", limit=20_000)[0]["n"]:
                pass
        else:
            assert holder.lease is not None
            admin.drop_database(holder.lease.info, holder.lease.password, name)
            conn = connect(self.settings(db_name=name))
        schema.apply(Repository(conn))
        return conn

    def server_cpu(self, holder: Connection) -> float:
        """CPU seconds the server has used so far (its process and their children's), or nan
        when the server is not one this machine runs."""
        if holder.lease is None:
            return math.nan
        return tree_cpu(holder.lease.info.pid)

    def drop(self, holder: Connection, name: str) -> None:
        """Drop a database made by :meth:`fresh` (embedded; Neo4j keeps its one database)."""
        if self.name == "embedded" and holder.lease is not None:
            admin.drop_database(holder.lease.info, holder.lease.password, name)


def unique(prefix: str) -> str:
    """A database name nobody else uses."""
    return f"{prefix}_{secrets.token_hex(3)}"


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of process ``pid`` and its descendants alive now, from
    ``/proc``; nan where there is no ``/proc``."""
    ticks, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError, ValueError):
            if current == pid:
                return math.nan
    return ticks / os.sysconf("SC_CLK_TCK")


def _inherited() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("RAPPORT_")}


def side_by_side(title: str, rows: Sequence[tuple[str, Sequence[str]]], engines: list[str]) -> None:
    """Print ``rows`` (label, one cell per engine) as a table with a column per engine."""
    width = max([len(label) for label, _ in rows] + [len(title)])
    print(f"\n{title:<{width}}  " + "  ".join(f"{TITLES[e]:>20}" for e in engines))
    for label, cells in rows:
        print(f"{label:<{width}}  " + "  ".join(f"{c:>20}" for c in cells))


@dataclass
class Cpu:
    """CPU seconds used while a measurement ran: by this process (parsing, enriching, the
    driver) and by the database server's processes."""

    client: float = 0.0
    server: float = 0.0

    def add(self, client: float, server: float) -> None:
        self.client, self.server = self.client + client, self.server + server

    def line(self, seconds: float, records: int) -> str:
        """What the two used, against the wall time and the machine's cores."""
        cores = os.cpu_count() or 1
        return (
            f"CPU: this process {self.client:.1f} s, database {self.server:.1f} s "
            f"({self.server / records * 1e6:.0f} µs a record) in {seconds:.1f} s on {cores} "
            f"cores ({(self.client + self.server) / (seconds * cores):.0%} of them busy)"
        )


def timed(cpu: Cpu, server_cpu: Callable[[], float], action: Callable[[], T]) -> tuple[T, float]:
    """``action()`` and its wall seconds; the CPU it and the server used is added to ``cpu``."""
    client, server, started = time.process_time(), server_cpu(), time.perf_counter()
    done = action()
    took = time.perf_counter() - started
    cpu.add(time.process_time() - client, server_cpu() - server)
    return done, took
