"""Export files: CSV (RFC 4180), JSON Lines and Parquet, written a page at a time, and the manifest
that says what each file holds.

One place for how a value is written in each format: datetimes as RFC 3339 in UTC, lists as JSON
arrays in CSV (native lists in JSON Lines and Parquet), no value as an empty CSV field or ``null``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Protocol

from graph.answers.export import Column, Row, key_of

FORMATS = ("parquet", "csv", "jsonl")
EXTENSIONS = {"parquet": "parquet", "csv": "csv", "jsonl": "jsonl"}


def text(value: Any) -> Any:
    """A value as JSON and CSV write it.

    >>> text(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)), text(["a", "b"]), text(None)
    ('2026-01-02T03:04:05Z', ['a', 'b'], None)
    """
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return value


class Writer(Protocol):
    """Writes pages of rows to one file (or stdout)."""

    def write(self, rows: list[Row]) -> None: ...

    def close(self) -> None: ...


class CsvWriter:
    """RFC 4180 CSV: a header line, CRLF line ends, fields quoted when needed."""

    def __init__(self, out: IO[str], columns: tuple[Column, ...]) -> None:
        self.out, self.columns = out, columns
        self.csv = csv.writer(out, lineterminator="\r\n")
        self.csv.writerow([c.name for c in columns])

    def write(self, rows: list[Row]) -> None:
        self.csv.writerows([self._cell(v) for v in row] for row in rows)

    @staticmethod
    def _cell(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return json.dumps(value, ensure_ascii=False)
        return text(value)

    def close(self) -> None:
        self.out.flush()


class JsonLinesWriter:
    """One JSON object per line, keyed by column name."""

    def __init__(self, out: IO[str], columns: tuple[Column, ...]) -> None:
        self.out, self.names = out, [c.name for c in columns]

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            record = {n: text(v) for n, v in zip(self.names, row, strict=True)}
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.out.flush()


def arrow_schema(columns: tuple[Column, ...]) -> Any:
    """The Parquet (Arrow) schema of a table's columns."""
    import pyarrow as pa

    kinds = {
        "string": pa.string(), "float64": pa.float64(), "int64": pa.int64(), "bool": pa.bool_(),
        "timestamp": pa.timestamp("us", tz="UTC"), "list<string>": pa.list_(pa.string()),
        "list<float64>": pa.list_(pa.float64()),
    }  # fmt: skip
    return pa.schema([pa.field(c.name, kinds[c.type]) for c in columns])


class ParquetWriter:
    """Parquet, one row group per page (so a reader can stream it too)."""

    def __init__(self, path: Path, columns: tuple[Column, ...]) -> None:
        import pyarrow.parquet as pq

        self.schema = arrow_schema(columns)
        self.writer = pq.ParquetWriter(path, self.schema, compression="zstd")

    def write(self, rows: list[Row]) -> None:
        import pyarrow as pa

        if rows:
            arrays = list(zip(*rows, strict=True))
            self.writer.write_table(pa.Table.from_arrays(
                [pa.array(list(a), type=f.type) for a, f in zip(arrays, self.schema, strict=True)],
                schema=self.schema,
            ))  # fmt: skip

    def close(self) -> None:
        self.writer.close()


def open_writer(
    fmt: str, path: Path | None, columns: tuple[Column, ...]
) -> tuple[Writer, IO[str] | None]:
    """A writer of ``fmt`` to ``path`` (stdout when None: CSV and JSON Lines only), and the text
    stream to close after it (None for Parquet and stdout)."""
    if fmt == "parquet":
        assert path is not None
        return ParquetWriter(path, columns), None
    out: IO[str] = sys.stdout if path is None else path.open("w", encoding="utf-8", newline="")
    writer: Writer = CsvWriter(out, columns) if fmt == "csv" else JsonLinesWriter(out, columns)
    return writer, (None if path is None else out)


def sha256(path: Path) -> str:
    """The file's SHA-256, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# --------------------------------------------------------------------------- state (for --since)


def state_path(folder: Path, table: str) -> Path:
    """Where an export keeps every current row's key and digest (for a later ``--since``)."""
    return folder / "state" / f"{table}.jsonl"


class StateWriter:
    """Writes ``[key..., digest]`` per row, in key order."""

    def __init__(self, path: Path, keys: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.out, self.keys = path.open("w", encoding="utf-8"), keys

    def write(self, rows: list[Row]) -> None:
        buffer = io.StringIO()
        for row in rows:
            buffer.write(json.dumps([*key_of(row, self.keys), row[-1]]) + "\n")
        self.out.write(buffer.getvalue())

    def close(self) -> None:
        self.out.close()


def read_state(path: Path) -> Iterator[tuple[tuple[str, ...], str]]:
    """The ``(key, digest)`` pairs an earlier export kept, in key order."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            *key, digest = json.loads(line)
            yield tuple(key), digest
