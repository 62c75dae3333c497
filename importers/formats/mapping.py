"""Column mappings: read another system's CSV export as one of Rapport's record kinds.

A mapping is a small TOML file, so an export from HubSpot, Salesforce or a spreadsheet loads
without code::

    kind = "customers"            # customers | employees | products | follows | friendships
    encoding = "utf-8"            # optional (cp1252 for many spreadsheet exports)
    delimiter = ","               # optional

    [columns]                     # Rapport field = source column (a list is joined by spaces)
    id = "Record ID"
    name = ["First Name", "Last Name"]
    email = "Email"

Without a mapping, a file whose header already uses Rapport's field names is read as is.
"""

from __future__ import annotations

import codecs
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import ConfigError

# Each kind's fields, the required ones first.
FIELDS: dict[str, tuple[str, ...]] = {
    "customers": ("id", "name", "email", "phone", "city", "country", "joined_at", "tier",
                  "twitter", "referred_by"),
    "employees": ("id", "name", "email", "role", "team", "store", "twitter", "signature"),
    "products": ("sku", "name", "category", "brand", "price", "tags", "complements"),
    "follows": ("follower", "followed", "platform"),
    "friendships": ("customer_a", "customer_b"),
}  # fmt: skip
REQUIRED: dict[str, tuple[str, ...]] = {
    "customers": ("id",),
    "employees": ("id",),
    "products": ("sku",),
    "follows": ("follower", "followed"),
    "friendships": ("customer_a", "customer_b"),
}


@dataclass(frozen=True)
class ColumnMapping:
    """Which source column(s) feed each Rapport field of one kind."""

    kind: str
    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    encoding: str = "utf-8"
    delimiter: str = ","

    @classmethod
    def identity(cls, kind: str) -> ColumnMapping:
        """The mapping of a file that already uses Rapport's field names."""
        return cls(kind=kind, columns={name: (name,) for name in FIELDS[kind]})

    def missing_required(self, header: list[str]) -> list[str]:
        """Required fields whose source columns are absent from ``header``."""
        present = set(header)
        return [
            name
            for name in REQUIRED[self.kind]
            if not any(col in present for col in self.columns.get(name, ()))
        ]

    def extract(self, row: Mapping[str, str | None]) -> dict[str, str]:
        """The Rapport fields of one CSV row (blank values left out)."""
        out: dict[str, str] = {}
        for name, sources in self.columns.items():
            parts = [(row.get(col) or "").strip() for col in sources]
            value = " ".join(p for p in parts if p)
            if value:
                out[name] = value
        return out


def load_mapping(path: Path) -> ColumnMapping:
    """Read a mapping file, saying exactly what is wrong with a bad one."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"mapping file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"mapping file {path} cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"mapping file {path} is not valid TOML: {exc}") from None
    kind = data.get("kind")
    if kind not in FIELDS:
        raise ConfigError(
            f"mapping file {path}: kind must be one of {', '.join(FIELDS)}, got {kind!r}",
            hint='add a line such as kind = "customers"',
        )
    raw_columns = data.get("columns", {})
    if not isinstance(raw_columns, dict):
        raise ConfigError(
            f"mapping file {path}: [columns] must be a table of field = column",
            hint='write it as [columns] then lines such as email = "Email"',
        )
    columns: dict[str, tuple[str, ...]] = {}
    for name, source in raw_columns.items():
        if name not in FIELDS[kind]:
            raise ConfigError(
                f"mapping file {path}: {kind} have no field {name!r}",
                hint=f"fields of {kind}: {', '.join(FIELDS[kind])}",
            )
        columns[name] = _sources(path, name, source)
    for name in FIELDS[kind]:
        columns.setdefault(name, (name,))
    return ColumnMapping(
        kind=kind,
        columns=columns,
        encoding=_encoding(path, data.get("encoding", "utf-8")),
        delimiter=_delimiter(path, data.get("delimiter", ",")),
    )


def _sources(path: Path, name: str, source: object) -> tuple[str, ...]:
    if isinstance(source, str) and source:
        return (source,)
    if isinstance(source, list) and source and all(isinstance(s, str) and s for s in source):
        return tuple(source)
    raise ConfigError(
        f"mapping file {path}: {name} = {source!r} is not a column name or a list of them",
        hint=f'write {name} = "Column" or {name} = ["First", "Second"]',
    )


def _encoding(path: Path, value: object) -> str:
    try:
        return codecs.lookup(str(value)).name if isinstance(value, str) else _no_encoding(value)
    except LookupError:
        return _no_encoding(value)


def _no_encoding(value: object) -> str:
    raise ConfigError(
        f"mapping file: encoding {value!r} is not an encoding Python knows",
        hint='use "utf-8", "cp1252", "latin-1", "utf-16" …',
    )


def _delimiter(path: Path, value: object) -> str:
    if isinstance(value, str) and len(value) == 1 and value not in '"\r\n':
        return value
    raise ConfigError(
        f"mapping file {path}: delimiter {value!r} must be one character",
        hint='use "," or ";" or "\\t"',
    )
