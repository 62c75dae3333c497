"""Small conversions of source values, raising ValueError that names the field and the value."""

from __future__ import annotations

import math
from datetime import datetime

from importers.readers.dates import parse_datetime


def number(field: str, value: str | None) -> float | None:
    """A decimal number (``1,234.50`` and ``€12`` accepted), or None when blank."""
    if value is None or not value.strip():
        return None
    cleaned = value.strip().replace(",", "").lstrip("€$£").strip()
    try:
        result = float(cleaned)
    except ValueError:
        raise ValueError(f"{field}: {value[:40]!r} is not a number") from None
    if not math.isfinite(result):
        raise ValueError(f"{field}: {value[:40]!r} is not a finite number")
    return result


def integer(field: str, value: str | None) -> int | None:
    """A whole number, or None when blank."""
    result = number(field, value)
    if result is None:
        return None
    if result != int(result):
        raise ValueError(f"{field}: {value!r} is not a whole number")
    return int(result)


def when(
    field: str, value: str | None, *, date_format: str | None = None, day_first: bool = False
) -> datetime | None:
    """A timestamp in UTC, or None when blank."""
    if value is None or not value.strip():
        return None
    try:
        return parse_datetime(value, date_format=date_format, day_first=day_first)
    except ValueError as exc:
        raise ValueError(f"{field}: {exc}") from None


def split_list(value: str | None, sep: str = ";") -> tuple[str, ...]:
    """A ``;``-separated list, blanks dropped.

    >>> split_list("cotton; green;;")
    ('cotton', 'green')
    """
    if not value:
        return ()
    return tuple(part.strip() for part in value.split(sep) if part.strip())


def identifier(field: str, value: object) -> str:
    """An id from JSON: a non-empty string, or a whole number (X sends both).

    >>> identifier("id", 1846), identifier("id", " 18 ")
    ('1846', '18')
    """
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"{field}: {str(value)[:40]!r} is not an id (a string or a whole number)")
