"""Every source format, in the order a folder of files is imported, and format detection.

Everything here is derived from what each format class declares (:class:`FormatSpec`): the names
``--format`` takes, the folder order (a format comes after every format that provides what it
needs: people and products before orders, interactions and posts, so that they can be linked and
the enrichment's catalog is complete), and the passes that follow an import. Adding a source
format is one module with its class, plus its line in :data:`FORMATS`.
"""

from __future__ import annotations

import csv
import heapq
import json
from functools import cache
from pathlib import Path

from graph.errors import ConfigError
from importers.formats.base import Format, FormatClass, FormatSpec, ImportContext
from importers.formats.crm_csv import CrmCsv
from importers.formats.interactions import InteractionsCsv
from importers.formats.mapping import ColumnMapping
from importers.formats.mbox import Mbox
from importers.formats.shopify import ShopifyOrders
from importers.formats.twitter import TwitterV2
from importers.formats.yelp import YelpFile
from importers.readers.text import head

__all__ = ["FORMATS", "ImportContext", "all_formats", "choose", "format_names", "plan_folder"]

FORMATS: tuple[FormatClass, ...] = (
    CrmCsv,
    YelpFile,
    ShopifyOrders,
    InteractionsCsv,
    Mbox,
    TwitterV2,
)


def folder_order(specs: list[FormatSpec]) -> list[FormatSpec]:
    """``specs`` so that each comes after every other one providing what it needs (ties by name).

    >>> from importers.formats.base import PEOPLE
    >>> people = FormatSpec("people", "", provides=frozenset({PEOPLE}))
    >>> orders = FormatSpec("orders", "", needs=frozenset({PEOPLE}))
    >>> [s.name for s in folder_order([orders, people])]
    ['people', 'orders']
    """
    before = {s.name: {o.name for o in specs if o is not s and o.provides & s.needs} for s in specs}
    by_name = {s.name: s for s in specs}
    ready = [name for name, needed in before.items() if not needed]
    heapq.heapify(ready)
    ordered: list[FormatSpec] = []
    while ready:
        name = heapq.heappop(ready)
        ordered.append(by_name[name])
        for other, needed in before.items():
            if name in needed:
                needed.discard(name)
                if not needed:
                    heapq.heappush(ready, other)
    if len(ordered) != len(specs):
        stuck = sorted(set(by_name) - {s.name for s in ordered})
        raise ValueError(f"formats need each other in a cycle: {', '.join(stuck)}")
    return ordered


@cache
def _registered() -> tuple[tuple[FormatSpec, FormatClass], ...]:
    owners = {spec.name: cls for cls in FORMATS for spec in cls.SPECS}
    if len(owners) != sum(len(cls.SPECS) for cls in FORMATS):
        raise ValueError("two format classes declare the same format name")
    specs = [spec for cls in FORMATS for spec in cls.SPECS]
    return tuple((spec, owners[spec.name]) for spec in folder_order(specs))


def format_names() -> list[str]:
    """The names accepted by ``--format``, in folder-import order."""
    return [spec.name for spec, _ in _registered()]


def spec_of(name: str) -> FormatSpec:
    """The declared spec of format ``name``."""
    for spec, _ in _registered():
        if spec.name == name:
            return spec
    raise ConfigError(f"unknown format {name!r}", hint=f"use one of: {', '.join(format_names())}")


def all_formats(context: ImportContext) -> list[Format]:
    """A reader of every format, in folder-import order."""
    return [cls.build(spec, context) for spec, cls in _registered()]


def choose(
    context: ImportContext,
    path: Path,
    *,
    name: str | None = None,
    mapping: ColumnMapping | None = None,
) -> Format:
    """The format to read ``path`` with: by name, by mapping, or detected from its content."""
    if mapping is not None:
        return CrmCsv(mapping.kind, mapping, context)
    if name is not None:
        spec = spec_of(name)
        return dict(_registered())[spec].build(spec, context)
    found = detect(all_formats(context), path)
    if found is None:
        raise ConfigError(
            f"cannot tell the format of {path}: {what_it_holds(head(path))}",
            hint=f"pass --format (one of: {', '.join(format_names())}), or --mapping for "
            "another system's CSV export (README: 'Column mappings')",
        )
    return found


def what_it_holds(sample: str) -> str:
    """What the start of a file looks like, said so that a user can pick a format.

    >>> what_it_holds('{"user_id": "u1", "stars": 4}')
    'JSON whose first record has the fields user_id, stars'
    >>> what_it_holds("Record ID,First Name,Email\\n501,Ann,a@x.org")
    'a CSV with the columns Record ID, First Name, Email'
    >>> what_it_holds("")
    'an empty file'
    """
    text = sample.lstrip("\ufeff \r\n\t")
    if not text:
        return "an empty file"
    if text.startswith(("{", "[")):
        try:
            first = json.loads(text.splitlines()[0])
        except ValueError:
            first = None
        while isinstance(first, list) and first:
            first = first[0]
        if isinstance(first, dict):
            return f"JSON whose first record has the fields {', '.join(list(first)[:12])}"
        return "JSON (its first line is not a whole record)"
    line = text.splitlines()[0]
    if "," in line or ";" in line or "\t" in line:
        columns = next(csv.reader([line], delimiter=max(",;\t", key=line.count)))
        return f"a CSV with the columns {', '.join(c.strip() for c in columns[:15])}"
    return f"text starting {line[:60]!r}"


def detect(formats: list[Format], path: Path) -> Format | None:
    """The first format that recognises ``path``, or None."""
    sample = head(path)
    for fmt in formats:
        if fmt.sniff(path, sample):
            return fmt
    return None


def plan_folder(
    context: ImportContext, folder: Path
) -> tuple[list[tuple[Format, Path]], list[Path]]:
    """The folder's files in import order with their formats, and the files not recognised."""
    formats = all_formats(context)
    order = {fmt.name: i for i, fmt in enumerate(formats)}
    planned: list[tuple[Format, Path]] = []
    unknown: list[Path] = []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        if path.name.endswith(".rejects.jsonl") or path.name.startswith("."):
            continue
        fmt = detect(formats, path) if path.suffix.lower() != ".toml" else None
        if fmt is None:
            unknown.append(path)
        else:
            planned.append((fmt, path))
    planned.sort(key=lambda pair: (order[pair[0].name], pair[1].name))
    return planned, unknown
