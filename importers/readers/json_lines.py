"""JSON sources line by line: JSON lines, or one small JSON document, with bad lines rejected."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from importers.readers.text import has_bad_bytes, numbered_lines, open_text, printable


@dataclass(frozen=True, slots=True)
class JsonLine:
    """One parsed value (or the reason it could not be parsed) and where it was."""

    line: int
    raw: str
    value: Any = None
    problem: str | None = None


def read_json_lines(path: Path) -> Iterator[JsonLine]:
    """Every line of a JSON-lines file; a file holding one multi-line document yields it once."""
    lines = numbered_lines(path)
    first = next(lines, None)
    if first is None:
        return
    try:
        json.loads(first[1])
    except ValueError:
        if first[1].lstrip().startswith(("{", "[")):
            yield _whole_document(path)
            return
    for number, text in _chain(first, lines):
        yield _parse(number, text)


def _chain(first: tuple[int, str], rest: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    yield first
    yield from rest


def _parse(number: int, text: str) -> JsonLine:
    raw = printable(text)
    if has_bad_bytes(text):
        return JsonLine(number, raw, problem="bytes that are not valid UTF-8")
    try:
        return JsonLine(number, raw, value=json.loads(text))
    except ValueError as exc:
        return JsonLine(number, raw[:2000], problem=f"broken JSON: {exc}")


def _whole_document(path: Path) -> JsonLine:
    with open_text(path) as fh:
        text = fh.read()
    parsed = _parse(1, text)
    return JsonLine(1, parsed.raw[:2000], parsed.value, parsed.problem)
