"""Column mappings: read another system's CSV export as one of Rapport's record kinds.

A mapping is a small TOML file, so an export from HubSpot, Salesforce or a spreadsheet loads
without code::

    kind = "customers"            # customers | employees | products | follows | friendships
    encoding = "utf-8"            # optional (cp1252 for many spreadsheet exports)
    delimiter = ","               # optional
    date_format = "%m/%d/%y %H:%M"   # optional: how this export writes dates (strptime codes)
    day_first = false             # optional: 05/06/2024 is 5 June (true) or May 6 (false)

    [columns]                     # Rapport field = source column
    id = "Record ID"
    name = ["First Name", "Last Name"]                    # several columns, joined by a space
    phone = { column = "Phone Number", occurrence = 1 }   # a name the export repeats: which one
    city = { column = "MailingAddress", json = "city" }   # a key of a JSON cell
    joined_at = { column = "Create Date", occurrence = 1, date_format = "%m/%d/%y %H:%M" }

A mapped column the file does not have is an error that lists the columns it has; a repeated
column named without ``occurrence`` is an error that says which occurrences there are. Without a
mapping, a file whose header already uses Rapport's field names is read as is.
"""

from __future__ import annotations

import codecs
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import ConfigError
from importers.readers.csv_rows import CsvRow

# Each kind's fields, the required ones first.
FIELDS: dict[str, tuple[str, ...]] = {
    "customers": ("id", "name", "email", "phone", "city", "country", "joined_at", "tier",
                  "twitter", "referred_by", "company", "owner", "accepts_marketing",
                  "email_opt_out", "do_not_call"),
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
EMPTY = frozenset({"null", "NULL", "Null"})  # how some exports write an empty cell


@dataclass(frozen=True, slots=True)
class Column:
    """One source column: its name, which occurrence of a repeated name (1-based), a key of a
    JSON cell, and how its dates are written."""

    name: str
    occurrence: int | None = None
    json: str | None = None
    date_format: str | None = None


@dataclass(frozen=True)
class ColumnMapping:
    """Which source column(s) feed each Rapport field of one kind."""

    kind: str
    columns: Mapping[str, tuple[Column, ...]] = field(default_factory=dict)
    encoding: str = "utf-8"
    delimiter: str = ","
    date_format: str | None = None
    day_first: bool = False
    explicit: bool = False  # from a mapping file: a column it names must be in the file

    @classmethod
    def identity(cls, kind: str) -> ColumnMapping:
        """The mapping of a file that already uses Rapport's field names."""
        return cls(kind=kind, columns={name: (Column(name),) for name in FIELDS[kind]})

    def with_dates(self, *, date_format: str | None, day_first: bool) -> ColumnMapping:
        """This mapping, reading dates as the import's options say (``--date-format``)."""
        return ColumnMapping(
            self.kind, self.columns, self.encoding, self.delimiter,
            date_format or self.date_format, day_first or self.day_first, self.explicit,
        )  # fmt: skip

    def bind(self, header: list[str]) -> BoundMapping:
        """The mapping resolved against a file's header: each column to its position.

        A file of Rapport's own columns may leave optional ones out; a mapping file may not
        name a column the file lacks, nor a repeated one without saying which.
        """
        positions: dict[str, list[int]] = {}
        for index, name in enumerate(header):
            positions.setdefault(name, []).append(index)
        bound: dict[str, tuple[tuple[int, Column], ...]] = {}
        for name, columns in self.columns.items():
            found = [(at, column) for column in columns
                     if (at := self._position(column, positions, header)) is not None]  # fmt: skip
            if found:
                bound[name] = tuple(found)
        return BoundMapping(self, bound)

    def _position(
        self, column: Column, positions: dict[str, list[int]], header: list[str]
    ) -> int | None:
        places = positions.get(column.name, [])
        if not places:
            if self.explicit:
                raise ConfigError(
                    f"the mapping names column {column.name!r}, which the file does not have",
                    hint=f"the file's columns: {', '.join(repr(h) for h in header)}",
                )
            return None
        if column.occurrence is None:
            if len(places) > 1 and self.explicit:
                raise ConfigError(
                    f"column {column.name!r} appears {len(places)} times in the file: say which "
                    f"(occurrence 1 to {len(places)})",
                    hint=f'write {{ column = "{column.name}", occurrence = 1 }}: the first is '
                    "usually the record's own, later ones an associated record's",
                )
            return places[0]
        if not 1 <= column.occurrence <= len(places):
            raise ConfigError(
                f"column {column.name!r} appears {len(places)} time(s), not {column.occurrence}",
                hint=f"use an occurrence from 1 to {len(places)}",
            )
        return places[column.occurrence - 1]


@dataclass(frozen=True)
class BoundMapping:
    """A mapping resolved against one file's header."""

    mapping: ColumnMapping
    positions: Mapping[str, tuple[tuple[int, Column], ...]]

    def missing_required(self) -> list[str]:
        """Required fields none of whose columns the file has."""
        return [name for name in REQUIRED[self.mapping.kind] if name not in self.positions]

    def extract(self, row: CsvRow) -> dict[str, str]:
        """The Rapport fields of one CSV row (blank and ``null`` values left out)."""
        out: dict[str, str] = {}
        for name, columns in self.positions.items():
            parts = [_cell(row, at, column) for at, column in columns]
            value = " ".join(p for p in parts if p)
            if value:
                out[name] = value
        return out

    def date_format(self, name: str) -> str | None:
        """How field ``name``'s dates are written (its column's format, else the mapping's)."""
        for _, column in self.positions.get(name, ()):
            if column.date_format:
                return column.date_format
        return self.mapping.date_format


def _cell(row: CsvRow, at: int, column: Column) -> str:
    value = (row.cells[at] if at < len(row.cells) else "").strip()
    if value in EMPTY:
        return ""
    if column.json is not None and value:
        try:
            decoded = json.loads(value)
        except ValueError:
            return ""
        found = decoded.get(column.json) if isinstance(decoded, dict) else None
        return str(found).strip() if found is not None else ""
    return value


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
    columns: dict[str, tuple[Column, ...]] = {}
    for name, source in raw_columns.items():
        if name not in FIELDS[kind]:
            raise ConfigError(
                f"mapping file {path}: {kind} have no field {name!r}",
                hint=f"fields of {kind}: {', '.join(FIELDS[kind])}",
            )
        columns[name] = _sources(path, name, source)
    return ColumnMapping(
        kind=kind,
        columns=columns,
        encoding=_encoding(data.get("encoding", "utf-8")),
        delimiter=_delimiter(path, data.get("delimiter", ",")),
        date_format=_date_format(path, "date_format", data.get("date_format")),
        day_first=bool(data.get("day_first", False)),
        explicit=True,
    )


def _sources(path: Path, name: str, source: object) -> tuple[Column, ...]:
    if isinstance(source, list) and source:
        return tuple(col for item in source for col in _sources(path, name, item))
    if isinstance(source, str) and source:
        return (Column(source),)
    if isinstance(source, dict) and isinstance(source.get("column"), str) and source["column"]:
        occurrence = source.get("occurrence")
        if occurrence is not None and not (isinstance(occurrence, int) and occurrence >= 1):
            raise ConfigError(f"mapping file {path}: {name}: occurrence must be 1 or more")
        unknown = set(source) - {"column", "occurrence", "json", "date_format"}
        if unknown:
            raise ConfigError(
                f"mapping file {path}: {name}: unknown key(s) {', '.join(sorted(unknown))}",
                hint="a column is { column, occurrence, json, date_format }",
            )
        return (
            Column(
                source["column"],
                occurrence,
                str(source["json"]) if source.get("json") else None,
                _date_format(path, name, source.get("date_format")),
            ),
        )
    raise ConfigError(
        f"mapping file {path}: {name} = {source!r} is not a column name or a list of them",
        hint=f'write {name} = "Column", {name} = ["First", "Second"] or '
        f'{name} = {{ column = "Column", occurrence = 1 }}',
    )


def _date_format(path: Path, name: str, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and "%" in value:
        return value
    raise ConfigError(
        f"mapping file {path}: {name} {value!r} is not a date format",
        hint='use strptime codes, e.g. "%d/%m/%Y %H:%M"',
    )


def _encoding(value: object) -> str:
    if isinstance(value, str):
        try:
            return codecs.lookup(value).name
        except LookupError:
            pass
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
