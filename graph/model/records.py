"""The record base classes: a ``Record`` turns itself into the property map the database stores.

Every record checks its values when it is made, so nothing unbounded or invalid reaches the
database from any path (imports, the API, the CLI): ids at most :data:`MAX_ID` characters, texts
(post text, subjects, notes) at most :data:`MAX_TEXT`, every other string at most
:data:`MAX_SHORT`; numbers finite, counts and prices not negative, quantities at least 1;
datetimes between 1900 and 2200. NUL characters are removed from strings (no database keeps them
well and no source means them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, ClassVar, Literal

from graph.errors import InvalidRecord
from graph.times import to_utc

Primitive = str | int | float | bool | datetime | date | list[str] | list[int] | list[float]


MAX_ID = 512
MAX_SHORT = 2_000
MAX_TEXT = 100_000
MAX_INT = 2**53  # beyond it a JSON client (and GraphQL) cannot hold the number exactly
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
_LONG = frozenset({"text", "subject", "resolution", "reasons"})
_IDS = frozenset({"id", "start_id", "end_id"})
_NOT_NEGATIVE = frozenset(
    {"price", "unit_price", "total", "followers", "likes", "shares", "interactions", "sales",
     "response_minutes", "support", "count", "conversions"}
)  # fmt: skip
_AT_LEAST_ONE = frozenset({"quantity"})
_RULED = _NOT_NEGATIVE | _AT_LEAST_ONE


_LIMITS: dict[type, tuple[tuple[str, int], ...]] = {}


def _limits(cls: type) -> tuple[tuple[str, int], ...]:
    """(attribute, longest string it may hold) of every field of a record class; made once."""
    found = _LIMITS.get(cls)
    if found is None:
        found = _LIMITS[cls] = tuple(
            (f.name, MAX_ID if f.name in _IDS else MAX_TEXT if f.name in _LONG else MAX_SHORT)
            for f in fields(cls)
            if f.name != "start_label"
        )
    return found


def _bad(record: Record, attr: str, why: str, hint: str) -> InvalidRecord:
    return InvalidRecord(f"{type(record).__name__} {attr}: {why}", hint=hint, field=_camel(attr))


def _checked_string(record: Record, attr: str, value: str, cap: int) -> str:
    """``value`` without NUL characters, or :class:`InvalidRecord` when it is too long."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    if len(value) > cap:
        raise _bad(record, attr, f"{len(value):,} characters (at most {cap:,})",
                   "shorten the value in the source; ids and names are short, texts at most "
                   f"{MAX_TEXT:,} characters")  # fmt: skip
    return value


def _check_number(record: Record, attr: str, value: float) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise _bad(record, attr, f"{value} is not a finite number", "give a real number")
    if abs(value) > MAX_INT:
        raise _bad(record, attr, f"{value} is out of range", f"stay within ±{MAX_INT:,}")
    if attr in _AT_LEAST_ONE and value < 1:
        raise _bad(record, attr, f"{value} (at least 1)", "a line holds at least one item")
    if attr in _NOT_NEGATIVE and value < 0:
        raise _bad(record, attr, f"{value} is negative", "counts and prices are 0 or more")


def check_values(record: Record) -> None:
    """Raise :class:`InvalidRecord` for a value no database should hold (see the module)."""
    for attr, cap in _limits(type(record)):
        value = getattr(record, attr)
        kind = type(value)
        # Exact types first (an analysis checks 11 values on each of 724,000 edges), then any
        # subclass by isinstance: 3.1 -> 2.0 µs for an influence edge.
        if value is None or kind is bool:
            continue
        if kind is float or kind is int:
            # In range (NaN is not), and 1 or more or under no rule: nothing to look at closer.
            if not (-MAX_INT <= value <= MAX_INT and (value >= 1 or attr not in _RULED)):
                _check_number(record, attr, value)
        elif kind is datetime:
            _check_date(record, attr, value)
        else:
            _check_any(record, attr, value, cap)


def _check_any(record: Record, attr: str, value: Any, cap: int) -> None:
    """:func:`check_values` for a value of any other type (subclasses included)."""
    if isinstance(value, bool):
        return
    if isinstance(value, str):
        cleaned = _checked_string(record, attr, value, cap)
        if cleaned is not value:
            object.__setattr__(record, attr, cleaned)
    elif isinstance(value, int | float):
        _check_number(record, attr, value)
    elif isinstance(value, datetime | date):
        _check_date(record, attr, value)
    elif isinstance(value, tuple):
        _check_items(record, attr, value)


def _check_date(record: Record, attr: str, value: date) -> None:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        span = f"{EARLIEST_YEAR}-{LATEST_YEAR}"
        raise _bad(record, attr, f"{value.isoformat()} is outside {span}", "check the date")


def _check_items(record: Record, attr: str, value: tuple[Any, ...]) -> None:
    items = tuple(
        _checked_string(record, attr, v, MAX_SHORT) if isinstance(v, str) else v for v in value
    )
    for v in items:
        if isinstance(v, int | float) and not isinstance(v, bool):
            _check_number(record, attr, v)
    if items != value:
        object.__setattr__(record, attr, items)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _search_text(*parts: str | None) -> str | None:
    text = " ".join(p.strip().lower() for p in parts if p and p.strip())
    return text or None


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """Fields shared by every record: provenance."""

    source: str = "unknown"

    def props(self) -> dict[str, Any]:
        """The property map to store: camelCase keys, UTC datetimes, no ``None`` values."""
        out: dict[str, Any] = {}
        for attr, key in _property_names(type(self)):
            value = getattr(self, attr)
            if value is None:
                continue
            if isinstance(value, datetime):
                value = to_utc(value)
            elif isinstance(value, tuple):
                value = list(value)
            out[key] = value
        out.update(self._derived())
        return out

    def _derived(self) -> dict[str, Any]:
        return {}


_NOT_PROPS = frozenset({"id", "start_id", "end_id", "start_label"})


_PROPERTY_NAMES: dict[type, tuple[tuple[str, str], ...]] = {}


def _property_names(cls: type[Record]) -> tuple[tuple[str, str], ...]:
    """(attribute, property name) of every stored field of a record class; computed once."""
    names = _PROPERTY_NAMES.get(cls)
    if names is None:
        names = tuple((f.name, _camel(f.name)) for f in fields(cls) if f.name not in _NOT_PROPS)
        _PROPERTY_NAMES[cls] = names
    return names


@dataclass(frozen=True, slots=True, kw_only=True)
class Node(Record):
    """A node: a unique string ``id`` under a uniqueness constraint."""

    LABEL: ClassVar[str] = ""
    id: str

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise InvalidRecord(
                f"{self.LABEL} needs a non-empty string id, got {self.id!r}",
                hint="every node is keyed by a string id; check the source's id column",
            )
        check_values(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Relationship(Record):
    """A directed relationship, merged once per (start, type, end)."""

    TYPE: ClassVar[str] = ""
    START: ClassVar[tuple[str, ...]] = ()
    END: ClassVar[str] = ""
    #: The end whose degree in this type stays small (a post has one poster; an account posts
    #: thousands): its merge statement names that end first, because ArcadeDB's MERGE walks the
    #: relationships of the node its pattern names first, and a walk over the busy end made each
    #: write cost its degree.
    NARROW: ClassVar[Literal["start", "end"]] = "start"
    start_id: str
    end_id: str
    start_label: str = ""

    def __post_init__(self) -> None:
        if not self.start_label:
            object.__setattr__(self, "start_label", self.START[0])
        if self.start_label not in self.START:
            raise InvalidRecord(
                f"{self.TYPE} cannot start at a {self.start_label}",
                hint=f"{self.TYPE} starts at one of: {', '.join(self.START)}",
            )
        for side in (self.start_id, self.end_id):
            if not isinstance(side, str) or not side.strip():
                raise InvalidRecord(
                    f"{self.TYPE} needs non-empty start and end ids, got "
                    f"{self.start_id!r} -> {self.end_id!r}",
                    hint="check the source's id columns",
                )
        check_values(self)

    @property
    def pattern(self) -> tuple[str, str, str]:
        """``(start label, type, end label)``: which Cypher file writes it."""
        return (self.start_label, self.TYPE, self.END)
