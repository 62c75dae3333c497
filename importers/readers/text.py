"""Reading source files as text without ever failing on a bad byte.

Files are decoded with ``surrogateescape``: an invalid byte becomes a lone surrogate instead of
an exception, so one broken line cannot stop an import. Readers then reject just the records
that contain one (:func:`has_bad_bytes`), with their raw text kept for the rejects file.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

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


def numbered_lines(path: Path, *, encoding: str = "utf-8") -> Iterator[tuple[int, str]]:
    """``(line number, line without its newline)`` for every non-blank line."""
    with open_text(path, encoding=encoding) as fh:
        for number, line in enumerate(fh, start=1):
            stripped = line.rstrip("\r\n")
            if stripped.strip():
                yield number, stripped


def head(path: Path, size: int = 8192) -> str:
    """The first ``size`` bytes of ``path`` as text (for format detection)."""
    with open(path, "rb") as fh:
        return fh.read(size).decode("utf-8-sig", errors="replace")
