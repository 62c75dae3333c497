"""Small conversions of source values, raising ValueError that names the field and the value."""

from __future__ import annotations

from datetime import datetime

from importers.readers.dates import parse_datetime


def number(field: str, value: str | None) -> float | None:
    """A decimal number (``1,234.50`` and ``€12`` accepted), or None when blank."""
    if value is None or not value.strip():
        return None
    cleaned = value.strip().replace(",", "").lstrip("€$£").strip()
    try:
        return float(cleaned)
    except ValueError:
        raise ValueError(f"{field}: {value!r} is not a number") from None


def integer(field: str, value: str | None) -> int | None:
    """A whole number, or None when blank."""
    result = number(field, value)
    if result is None:
        return None
    if result != int(result):
        raise ValueError(f"{field}: {value!r} is not a whole number")
    return int(result)


def when(field: str, value: str | None) -> datetime | None:
    """A timestamp in UTC, or None when blank."""
    if value is None or not value.strip():
        return None
    try:
        return parse_datetime(value)
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
