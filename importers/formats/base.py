"""What every source format yields: items of graph records, or rejects, with their origin.

A format module turns a file into a stream of :class:`Item` (one source record's graph
records) and :class:`Reject` (a source record that could not be used, and why). Each carries
the line (or record number) it came from and the raw text, so nothing is ever lost silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from graph.model import Record


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record came from: the file, the line (1-based) and the raw source text."""

    path: str
    line: int
    raw: str


@dataclass(slots=True)
class Item:
    """The graph records made from one source record.

    ``authors`` maps the id of each ``Post`` in ``records`` to the ``SocialAccount`` id that
    wrote it, so enrichment can tell brand posts from customers' and attribute brand replies.
    ``texts`` maps an ``Interaction`` id to the words whose sentiment it should carry.
    A ``secondary`` item belongs to a second pass over the same source record (relationships
    to records later in the file): it is written but not counted again as read.
    """

    origin: Origin
    records: list[Record] = field(default_factory=list)
    authors: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    secondary: bool = False


@dataclass(frozen=True, slots=True)
class Reject:
    """A source record that could not be imported, and why."""

    origin: Origin
    reason: str


SourceItem = Item | Reject


class Format(Protocol):
    """A source format: a name, a test for whether it reads a file, and a reader."""

    name: str
    description: str

    def sniff(self, path: Path, head: str) -> bool:
        """True when ``path`` (whose first few KB are ``head``) is in this format."""
        ...

    def read(self, path: Path) -> Iterator[SourceItem]:
        """Stream the file's items and rejects, in file order."""
        ...
