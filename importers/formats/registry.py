"""Every source format, in the order a folder of files is imported, and format detection.

Order matters for a folder: people and products first, so that orders, interactions, e-mails
and posts can be linked to them, and the enrichment's catalog is complete before posts arrive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import ConfigError
from graph.store.repository import Repository
from importers.directory import Directory, load_directory
from importers.formats.base import Format
from importers.formats.crm_csv import CrmCsv
from importers.formats.interactions import InteractionsCsv
from importers.formats.mapping import ColumnMapping
from importers.formats.mbox import Mbox
from importers.formats.shopify import ShopifyOrders
from importers.formats.twitter import TwitterV2
from importers.formats.yelp import YelpFile
from importers.readers.text import head

# Formats whose items carry text to analyse (posts, interaction notes, e-mails).
ENRICHED = frozenset({"twitter", "yelp_review", "interactions", "mbox"})


@dataclass
class ImportContext:
    """What formats need from the graph while they read: the current directory of people."""

    repository: Repository
    _directory: Directory | None = field(default=None, repr=False)

    def directory(self) -> Directory:
        """The directory as the graph holds it now (reloaded after every file)."""
        if self._directory is None:
            self._directory = load_directory(self.repository)
        return self._directory

    def invalidate(self) -> None:
        """Forget the directory: an import just changed who is in the graph."""
        self._directory = None


def all_formats(context: ImportContext) -> list[Format]:
    """Every format, in folder-import order."""
    brands = context.repository.settings.brand_accounts
    return [
        CrmCsv("employees"),
        CrmCsv("products"),
        CrmCsv("customers"),
        CrmCsv("follows"),
        CrmCsv("friendships"),
        YelpFile("business"),
        YelpFile("user"),
        ShopifyOrders(context.directory),
        InteractionsCsv(context.directory),
        Mbox(context.directory),
        TwitterV2(brands),
        YelpFile("review"),
    ]


def format_names() -> list[str]:
    """The names accepted by ``--format``."""
    return [
        "employees", "products", "customers", "follows", "friendships", "yelp_business",
        "yelp_user", "shopify", "interactions", "mbox", "twitter", "yelp_review",
    ]  # fmt: skip


def choose(
    context: ImportContext,
    path: Path,
    *,
    name: str | None = None,
    mapping: ColumnMapping | None = None,
) -> Format:
    """The format to read ``path`` with: by name, by mapping, or detected from its content."""
    if mapping is not None:
        return CrmCsv(mapping.kind, mapping)
    formats = all_formats(context)
    if name is not None:
        for fmt in formats:
            if fmt.name == name:
                return fmt
        raise ConfigError(
            f"unknown format {name!r}", hint=f"use one of: {', '.join(format_names())}"
        )
    found = detect(formats, path)
    if found is None:
        raise ConfigError(
            f"cannot tell the format of {path}",
            hint=f"pass --format (one of: {', '.join(format_names())}), or --mapping for "
            "another system's CSV export",
        )
    return found


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
