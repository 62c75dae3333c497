"""CSV rows with their line numbers and raw text, broken rows flagged instead of raised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from importers.readers.text import has_bad_bytes, open_text, printable

csv.field_size_limit(16 * 1024 * 1024)  # a 100 KB note is a real record, not an attack


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One data row: its last physical line number, values by column, raw text, problem."""

    line: int
    values: dict[str, str]
    raw: str
    problem: str | None = None


def _raw(cells: list[str], delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="").writerow(cells)
    return printable(out.getvalue())


def read_header(path: Path, *, encoding: str = "utf-8", delimiter: str = ",") -> list[str]:
    """The header row of ``path`` (empty for an empty file)."""
    with open_text(path, encoding=encoding) as fh:
        return [h.strip() for h in next(csv.reader(fh, delimiter=delimiter), [])]


def read_rows(path: Path, *, encoding: str = "utf-8", delimiter: str = ",") -> Iterator[CsvRow]:
    """Every data row of ``path``; rows with a wrong column count or bad bytes carry a problem."""
    with open_text(path, encoding=encoding) as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        header = [h.strip() for h in next(reader, [])]
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            raw = _raw(cells, delimiter)
            problem = None
            if len(cells) != len(header):
                problem = f"expected {len(header)} columns, found {len(cells)}"
            elif any(has_bad_bytes(c) for c in cells):
                problem = f"bytes that are not valid {encoding} (fix the file's encoding)"
            values = dict(zip(header, cells, strict=False))
            yield CsvRow(line=reader.line_num, values=values, raw=raw, problem=problem)
