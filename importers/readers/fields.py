"""One source record's fields, read by their rules.

A record's **key** fields decide whether it can be imported at all: a missing or unreadable one
rejects the record (``ValueError`` naming the field). Every other field is **optional**: a value
that cannot be read (a date nobody can parse, a word where a number goes) is left empty and a
warning saying so is kept, so the record is still imported and nothing is lost silently.

>>> f = Fields({"id": "c1", "joined_at": "yesterday", "phone": "06 12 34 56 78"}, region="FR")
>>> f["id"], f.when("joined_at"), f.phone("phone")
('c1', None, '+33612345678')
>>> f.warnings
["joined_at: unrecognised date 'yesterday' (left empty)"]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from graph.model.records import MAX_INT
from graph.vocab import known
from importers.readers import values as v
from importers.readers.phones import e164

_TRUE = frozenset({"true", "yes", "y", "1", "t", "x", "opted out", "unsubscribed"})
_FALSE = frozenset({"false", "no", "n", "0", "f", "", "subscribed"})


class Fields:
    """The values of one record by field name, with the warnings of its optional fields."""

    def __init__(
        self,
        values: Mapping[str, str],
        *,
        date_format: Callable[[str], str | None] = lambda _: None,
        day_first: bool = False,
        region: str | None = None,
    ) -> None:
        self.values = values
        self.warnings: list[str] = []
        self._date_format = date_format
        self._day_first = day_first
        self._region = region

    def __getitem__(self, name: str) -> str:
        """A key field: present and not blank, else ``ValueError``."""
        value = (self.values.get(name) or "").strip()
        if not value:
            raise ValueError(f"empty required field(s): {name}")
        return value

    def __contains__(self, name: str) -> bool:
        return bool((self.values.get(name) or "").strip())

    def get(self, name: str) -> str | None:
        """An optional text field (None when blank)."""
        value = (self.values.get(name) or "").strip()
        return value or None

    def _soft(self, name: str, read: Callable[[], object]) -> object:
        try:
            return read()
        except ValueError as exc:
            self.warnings.append(left_empty(name, exc))
            return None

    def when(self, name: str, *, required: bool = False) -> datetime | None:
        """A date; unreadable: a warning (optional) or ``ValueError`` (``required``)."""

        def read() -> datetime | None:
            value = self.get(name)
            if value is None:
                return None
            return v.when(name, value, date_format=self._date_format(name),
                          day_first=self._day_first)  # fmt: skip

        if required:
            found = read()
            if found is None:
                raise ValueError(f"empty required field(s): {name}")
            return found
        result = self._soft(name, read)
        return result if isinstance(result, datetime) else None

    def number(self, name: str) -> float | None:
        """An optional amount or count: a number, not negative and within what a client can hold
        exactly (a word, ``-5`` or ``1e300`` there: a warning)."""
        result = self._soft(name, lambda: _in_range(name, v.number(name, self.get(name))))
        return result if isinstance(result, float) else None

    def integer(self, name: str) -> int | None:
        """An optional whole count (a word, a fraction or a negative there: a warning)."""
        result = self._soft(name, lambda: _in_range(name, v.integer(name, self.get(name))))
        return result if isinstance(result, int) else None

    def flag(self, name: str) -> bool | None:
        """An optional yes/no (``true``, ``yes``, ``1`` … or ``false``, ``no``, ``0`` …)."""
        value = self.get(name)
        if value is None:
            return None
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        self.warnings.append(f"{name}: {value[:40]!r} is not yes or no (left empty)")
        return None

    def one_of(self, name: str, allowed: type[StrEnum]) -> str | None:
        """An optional value of a closed set (``graph.vocab``), in any case; another: a warning.

        >>> from graph.vocab import Tier
        >>> f = Fields({"tier": "Gold", "other": "VIP"})
        >>> f.one_of("tier", Tier), f.one_of("other", Tier), f.warnings
        ('gold', None, ["other: 'VIP' is not one of bronze, silver, gold, platinum (left empty)"])
        """
        value = self.get(name)
        if value is None:
            return None
        found = known(allowed, value.lower())
        if found is None:
            choices = ", ".join(m.value for m in allowed)
            self.warnings.append(f"{name}: {value[:40]!r} is not one of {choices} (left empty)")
            return None
        return found.value

    def phone(self, name: str) -> str | None:
        """An optional phone number in E.164; one that cannot be read: a warning."""
        value = self.get(name)
        if value is None:
            return None
        found = e164(value, self._region)
        if found is None:
            hint = "" if self._region or value.startswith("+") else "; set RAPPORT_PHONE_REGION"
            self.warnings.append(f"{name}: {value[:40]!r} is not a phone number{hint} (left empty)")
        return found


def left_empty(name: str, exc: ValueError) -> str:
    """The warning for optional field ``name`` that could not be read (``exc`` says why).

    >>> left_empty("date", ValueError("date: unrecognised date 'soon' (expected ISO 8601)"))
    "date: unrecognised date 'soon' (left empty)"
    """
    detail = str(exc).split(": ", 1)[-1].split(" (expected", 1)[0]
    return f"{name}: {detail} (left empty)"


N = TypeVar("N", int, float)


def _in_range(name: str, value: N | None) -> N | None:
    if value is not None and value < 0:
        raise ValueError(f"{name}: {value} is negative")
    if value is not None and value > MAX_INT:
        raise ValueError(f"{name}: {value} is out of range")
    return value
