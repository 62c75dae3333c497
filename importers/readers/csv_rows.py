"""CSV rows (RFC 4180, as spreadsheets write them) with their line numbers and raw text.

Nothing here raises on data. A row with a wrong column count, bad bytes, or a line longer than
:data:`~importers.readers.text.MAX_LINE_CHARS` carries a ``problem``. A quoted field may span
lines (notes with line breaks), but a quote that never closes within :data:`MAX_ROW_LINES`
lines or :data:`MAX_ROW_CHARS` characters rejects only the line it starts on: reading goes on at
the next line, so one stray quote does not swallow the rows after it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from importers.readers.text import Line, has_bad_bytes, open_text, physical_lines, printable

MAX_ROW_LINES = 200
MAX_ROW_CHARS = 4 * 1024 * 1024
csv.field_size_limit(MAX_ROW_CHARS)


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One data row: its first physical line number, values by column, raw text, problem.

    ``values`` maps each column name to its value; where a name repeats (HubSpot's
    associated-company columns) it holds the *first* such column's, and ``cells`` keeps every
    value in file order for a mapping that names another occurrence.
    """

    line: int
    values: dict[str, str]
    raw: str
    problem: str | None = None
    cells: tuple[str, ...] = ()


def ends_inside_quotes(text: str, *, delimiter: str = ",", inside: bool = False) -> bool:
    """Whether ``text`` (one physical line) ends inside a quoted field, given whether it started
    inside one. A quote opens a field only at the field's start; ``""`` inside is a quote.

    >>> ends_inside_quotes('a,"b\\n')
    True
    >>> ends_inside_quotes('a,"b ""c"" d",e\\n')
    False
    >>> ends_inside_quotes('5" screen,ok\\n')
    False
    """
    if '"' not in text:
        return inside  # the common case, without looking at every character
    at_field_start = not inside
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if inside:
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    i += 1
                else:
                    inside = False
        elif ch == '"' and at_field_start:
            inside = True
        at_field_start = ch == delimiter and not inside
        i += 1
    return inside


def _cells(text: str, delimiter: str) -> list[str] | str:
    """The cells of one logical row, or the reason it cannot be read."""
    try:
        return next(csv.reader([text], delimiter=delimiter, strict=False), [])
    except csv.Error as exc:
        return f"unreadable CSV: {exc}"


class _Lines:
    """Physical lines with a push-back: a row that turns out wrong is read again line by line."""

    def __init__(self, lines: Iterator[Line], delimiter: str) -> None:
        self.source = lines
        self.pending: list[Line] = []
        self.delimiter = delimiter

    def take(self) -> Line | None:
        return self.pending.pop(0) if self.pending else next(self.source, None)

    def give_back(self, lines: list[Line]) -> None:
        self.pending[:0] = lines

    def row(self) -> tuple[list[Line], str | None] | None:
        """The physical lines of the next logical row and its problem (None at the end)."""
        line = self.take()
        if line is None:
            return None
        if line.too_long:
            return [line], "a line longer than the 8 MiB limit"
        parts, inside = [line], ends_inside_quotes(line.text, delimiter=self.delimiter)
        size = len(line.text)
        while inside and len(parts) < MAX_ROW_LINES and size < MAX_ROW_CHARS:
            following = self.take()
            if following is None or following.too_long:
                if following is not None:
                    self.give_back([following])
                break
            parts.append(following)
            size += len(following.text)
            inside = ends_inside_quotes(following.text, delimiter=self.delimiter, inside=True)
        if inside:
            # The quote never closed: reject the line it opened on, read again from the next.
            self.give_back(parts[1:])
            return [line], "a quote that never closes (fix the quoting of this row)"
        return parts, None


def _header(lines: _Lines) -> list[str]:
    while (found := lines.row()) is not None:
        parts, problem = found
        text = "".join(p.text for p in parts)
        if problem is None and text.strip():
            cells = _cells(text.rstrip("\r\n"), lines.delimiter)
            return [] if isinstance(cells, str) else [h.strip() for h in cells]
        if problem is not None:
            return []
    return []


def read_header(path: Path, *, encoding: str = "utf-8", delimiter: str = ",") -> list[str]:
    """The header row of ``path`` (empty for an empty file)."""
    with open_text(path, encoding=encoding) as fh:
        return _header(_Lines(physical_lines(fh), delimiter))


def read_rows(path: Path, *, encoding: str = "utf-8", delimiter: str = ",") -> Iterator[CsvRow]:
    """Every data row of ``path``; rows that cannot be used carry a problem."""
    with open_text(path, encoding=encoding) as fh:
        lines = _Lines(physical_lines(fh), delimiter)
        header = _header(lines)
        while (found := lines.row()) is not None:
            parts, problem = found
            row = _row(parts, problem, header, encoding, delimiter)
            if row is not None and row.problem and len(parts) > 1:
                # A quote that closed lines later, but the row it made is wrong: most likely a
                # stray quote. Reject its first line only, and read the others again.
                lines.give_back(parts[1:])
                first = printable(parts[0].text.rstrip("\r\n"))[:2000]
                row = CsvRow(parts[0].number, {}, first, "an unbalanced quote (fix this row)")
            if row is not None:
                yield row


def _row(
    parts: list[Line], problem: str | None, header: list[str], encoding: str, delimiter: str
) -> CsvRow | None:
    number = parts[0].number
    body = "".join(p.text for p in parts).rstrip("\r\n")
    if not body.strip():
        return None
    raw = printable(body)
    if problem is not None:
        return CsvRow(line=number, values={}, raw=raw[:2000], problem=problem)
    cells = _cells(body, delimiter)
    if isinstance(cells, str):
        return CsvRow(line=number, values={}, raw=raw[:2000], problem=cells)
    if not any(c.strip() for c in cells):
        return None
    if len(cells) != len(header):
        problem = f"expected {len(header)} columns, found {len(cells)}"
    elif any(has_bad_bytes(c) for c in cells):
        problem = f"bytes that are not valid {encoding} (fix the file's encoding)"
    values: dict[str, str] = {}
    for name, value in zip(header, cells, strict=False):
        values.setdefault(name, value)  # a repeated name: the first column's value
    return CsvRow(line=number, values=values, raw=raw, problem=problem, cells=tuple(cells))
