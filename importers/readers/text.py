"""Reading source files as text without ever failing on a bad byte.

Files are decoded with ``surrogateescape``: an invalid byte becomes a lone surrogate instead of
an exception, so one broken line cannot stop an import. Readers then reject just the records
that contain one (:func:`has_bad_bytes`), with their raw text kept for the rejects file.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

# The longest physical line read whole; a longer one is skipped (and rejected) without being
# held in memory: no real record is that long, and the model caps texts far below it.
MAX_LINE_CHARS = 8 * 1024 * 1024

_BAD_BYTE = re.compile("[\udc80-\udcff]")


def open_text(path: Path, *, encoding: str = "utf-8") -> IO[str]:
    """Open ``path`` for reading text: BOM dropped, bad bytes kept as surrogates, no newline
    translation (the csv module wants ``newline=""``)."""
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    codecs.lookup(encoding)  # an unknown encoding fails here, with its name
    return open(path, encoding=encoding, errors="surrogateescape", newline="")


def has_bad_bytes(text: str) -> bool:
    """True when ``text`` holds bytes that were not valid in the file's encoding.

    >>> has_bad_bytes(b"caf\\xe9".decode("utf-8", "surrogateescape"))
    True
    """
    return _BAD_BYTE.search(text) is not None


def printable(text: str) -> str:
    """``text`` with undecodable bytes shown as ``\\xNN`` (for the rejects file)."""
    return _BAD_BYTE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line: its number, its text with the line end, and whether it was too long
    to read (then ``text`` holds only its start)."""

    number: int
    text: str
    too_long: bool = False


def physical_lines(fh: IO[str], *, limit: int = MAX_LINE_CHARS) -> Iterator[Line]:
    """Every line of ``fh`` with its number (1-based), never more than ``limit`` characters in
    memory: a longer line comes back cut, with ``too_long`` set, and reading goes on after it."""
    number = 0
    while True:
        text = fh.readline(limit + 1)
        if not text:
            return
        number += 1
        if len(text) > limit and not text.endswith("\n"):
            while True:  # skip the rest of the line, a chunk at a time
                rest = fh.readline(limit)
                if not rest or rest.endswith("\n"):
                    break
            yield Line(number, text[:200], too_long=True)
            continue
        yield Line(number, text)


def numbered_lines(path: Path, *, encoding: str = "utf-8") -> Iterator[Line]:
    """Every non-blank line of ``path``, without its line end (see :func:`physical_lines`)."""
    with open_text(path, encoding=encoding) as fh:
        for line in physical_lines(fh):
            stripped = line.text.rstrip("\r\n")
            if stripped.strip():
                yield Line(line.number, stripped, line.too_long)


def head(path: Path, size: int = 8192) -> str:
    """The first ``size`` bytes of ``path`` as text (for format detection)."""
    with open(path, "rb") as fh:
        return fh.read(size).decode("utf-8-sig", errors="replace")
