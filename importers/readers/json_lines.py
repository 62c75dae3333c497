"""JSON sources line by line: JSON lines, or one small JSON document, with bad lines rejected.

A file is read line by line whenever its lines are JSON values of their own, whatever its first
line holds (a broken first line rejects that line only). Only a file whose first two non-blank
lines are not values by themselves (a pretty-printed API response) is read as one document, up
to :data:`MAX_DOCUMENT_CHARS`. Nothing here raises on data: too deep, too long or broken JSON is a
:class:`JsonLine` with a ``problem``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from importers.readers.text import (
    MAX_LINE_CHARS,
    Line,
    has_bad_bytes,
    numbered_lines,
    open_text,
    printable,
)

MAX_DOCUMENT_CHARS = 64 * 1024 * 1024
RAW_KEPT = 2000  # characters of a broken line kept in the rejects file


@dataclass(frozen=True, slots=True)
class JsonLine:
    """One parsed value (or the reason it could not be parsed) and where it was."""

    line: int
    raw: str
    value: Any = None
    problem: str | None = None


def _is_value(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def read_json_lines(path: Path) -> Iterator[JsonLine]:
    """Every line of a JSON-lines file; a file holding one multi-line document yields it once."""
    lines = numbered_lines(path)
    first = next(lines, None)
    if first is None:
        return
    second = next(lines, None)
    pretty = (
        not first.too_long
        and not _is_value(first.text)
        and first.text.lstrip().startswith(("{", "["))
        and (second is None or second.too_long or not _is_value(second.text))
    )
    if pretty:
        yield _whole_document(path)
        return
    yield _parse(first)
    if second is not None:
        yield _parse(second)
    for line in lines:
        yield _parse(line)


def _parse(line: Line) -> JsonLine:
    raw = printable(line.text)
    if line.too_long:
        return JsonLine(
            line.number, raw[:RAW_KEPT], problem=f"a line longer than {MAX_LINE_CHARS:,} characters"
        )
    if has_bad_bytes(line.text):
        return JsonLine(line.number, raw[:RAW_KEPT], problem="bytes that are not valid UTF-8")
    try:
        return JsonLine(line.number, raw, value=json.loads(line.text))
    except RecursionError:
        return JsonLine(line.number, raw[:RAW_KEPT], problem="JSON nested too deeply to read")
    except ValueError as exc:
        return JsonLine(line.number, raw[:RAW_KEPT], problem=f"broken JSON: {exc}")


def _whole_document(path: Path) -> JsonLine:
    with open_text(path) as fh:
        text = fh.read(MAX_DOCUMENT_CHARS + 1)
    if len(text) > MAX_DOCUMENT_CHARS:
        return JsonLine(
            1, printable(text[:RAW_KEPT]),
            problem=f"a JSON document longer than {MAX_DOCUMENT_CHARS:,} characters: write it "
            "as JSON lines (one value per line)",
        )  # fmt: skip
    parsed = _parse(Line(1, text))
    return JsonLine(1, parsed.raw[:RAW_KEPT], parsed.value, parsed.problem)
