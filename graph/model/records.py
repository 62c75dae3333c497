"""The record base classes: a ``Record`` turns itself into the property map the database stores."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, ClassVar

from graph.errors import InvalidRecord
from graph.times import to_utc

Primitive = str | int | float | bool | datetime | date | list[str] | list[int] | list[float]


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


@dataclass(frozen=True, slots=True, kw_only=True)
class Relationship(Record):
    """A directed relationship, merged once per (start, type, end)."""

    TYPE: ClassVar[str] = ""
    START: ClassVar[tuple[str, ...]] = ()
    END: ClassVar[str] = ""
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

    @property
    def pattern(self) -> tuple[str, str, str]:
        """``(start label, type, end label)``: which Cypher file writes it."""
        return (self.start_label, self.TYPE, self.END)
