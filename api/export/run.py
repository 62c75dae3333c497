"""Running an export: every table (or the chosen ones) to a folder with a manifest, or one table
to stdout; ``since`` an earlier export, only the rows that changed and the keys that went."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from api.export import files
from graph.answers import export
from graph.errors import ConfigError
from graph.jobs.incremental import last_run
from graph.store.repository import Repository

MANIFEST = "manifest.json"


@dataclass
class TableReport:
    """What was written for one table."""

    name: str
    rows: int = 0
    deleted: int = 0
    seconds: float = 0.0


@dataclass
class ExportReport:
    """What an export wrote, table by table."""

    folder: Path | None
    tables: list[TableReport] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """Rows written over all tables."""
        return sum(t.rows for t in self.tables)


def chosen(names: Sequence[str] | None) -> list[export.Table]:
    """The tables named (all when none), or a usage error naming the known ones."""
    if not names:
        return list(export.TABLES)
    known = [t.name for t in export.TABLES]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ConfigError(f"no table {', '.join(unknown)}", hint=f"choose from: {', '.join(known)}")
    return [export.table(n) for n in names]


def _earlier(since: Path) -> dict[str, Any]:
    manifest = since / MANIFEST
    if not manifest.is_file():
        raise ConfigError(
            f"{since} holds no {MANIFEST}",
            hint="--since takes the folder of an earlier `rapport export`",
        )
    data: dict[str, Any] = json.loads(manifest.read_text("utf-8"))
    if data.get("schemaVersion") != export.SCHEMA_VERSION:
        raise ConfigError(
            f"{since} was exported with schema version {data.get('schemaVersion')}, this is "
            f"{export.SCHEMA_VERSION}", hint="export everything once without --since",
        )  # fmt: skip
    return data


def to_stdout(repository: Repository, table: export.Table, fmt: str) -> int:
    """One table to stdout (CSV or JSON Lines); the rows written."""
    if fmt == "parquet":
        raise ConfigError(
            "Parquet cannot go to stdout", hint="give --out a folder, or --format csv"
        )
    writer, _ = files.open_writer(fmt, None, table.columns)
    rows = 0
    for page in table.read(repository, repository.settings.batch_size):
        writer.write(page)
        rows += len(page)
    writer.close()
    return rows


def _kept(
    pages: Iterator[list[export.Row]], state: files.StateWriter
) -> Iterator[list[export.Row]]:
    """The pages, each also written to the export's state (every current row, changed or not)."""
    for page in pages:
        state.write(page)
        yield page


def _write_table(
    repository: Repository, folder: Path, table: export.Table, fmt: str, since: Path | None
) -> tuple[TableReport, dict[str, Any]]:
    """One table's file (and, since an earlier export, its deleted keys); its manifest entry."""
    done = TableReport(table.name)
    started = time.perf_counter()
    ext = files.EXTENSIONS[fmt]
    path = folder / f"{table.name}.{ext}"
    writer, stream = files.open_writer(fmt, path, table.columns)
    state = files.StateWriter(files.state_path(folder, table.name), table.keys)
    pages = _kept(table.read(repository, repository.settings.batch_size), state)
    earlier = None if since is None else files.state_path(since, table.name)
    entry: dict[str, Any] = {}
    if earlier is not None and earlier.is_file():
        keys = table.columns[: table.keys]
        gone_path = folder / f"{table.name}.deleted.{ext}"
        gone_writer, gone_stream = files.open_writer(fmt, gone_path, keys)
        for changed, gone in export.changes(pages, files.read_state(earlier), table.keys):
            writer.write(changed)
            done.rows += len(changed)
            gone_writer.write([tuple(_typed(k, keys)) for k in gone])
            done.deleted += len(gone)
        gone_writer.close()
        if gone_stream is not None:
            gone_stream.close()
        entry["deleted"] = {"file": gone_path.name, "rows": done.deleted,
                            "sha256": files.sha256(gone_path)}  # fmt: skip
    else:
        for page in pages:
            writer.write(page)
            done.rows += len(page)
    writer.close()
    if stream is not None:
        stream.close()
    state.close()
    done.seconds = time.perf_counter() - started
    entry = {
        "file": path.name, "rows": done.rows, "sha256": files.sha256(path),
        "description": table.description, "keys": table.names[: table.keys],
        "columns": [{"name": c.name, "type": c.type} for c in table.columns], **entry,
    }  # fmt: skip
    return done, entry


def to_folder(
    repository: Repository,
    folder: Path,
    *,
    fmt: str,
    tables: list[export.Table],
    since: Path | None = None,
    progress: Callable[[TableReport], None] | None = None,
) -> ExportReport:
    """Write ``tables`` into ``folder`` as ``fmt`` with a manifest; see the module docstring."""
    earlier = _earlier(since) if since is not None else None
    folder.mkdir(parents=True, exist_ok=True)
    report = ExportReport(folder)
    listed: dict[str, Any] = {}
    for table in tables:
        done, listed[table.name] = _write_table(repository, folder, table, fmt, since)
        report.tables.append(done)
        if progress is not None:
            progress(done)
    run = last_run(repository.settings, repository.connection.database)
    manifest = {
        "schemaVersion": export.SCHEMA_VERSION,
        "exportedAt": files.text(datetime.now(UTC).replace(microsecond=0)),
        "format": fmt,
        "engine": repository.connection.backend,
        "database": repository.connection.database,
        "analysisRun": files.text(run) if run is not None else None,
        "since": None
        if earlier is None
        else {"folder": str(since), "exportedAt": earlier["exportedAt"]},
        "tables": listed,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return report


def _typed(key: tuple[str, ...], columns: tuple[export.Column, ...]) -> list[Any]:
    """A key read back from the state, in its columns' types (numbers were zero-padded)."""
    return [int(v) if c.type == "int64" else v for v, c in zip(key, columns, strict=True)]
