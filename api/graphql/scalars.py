"""DateTime and Date as the contract promises: RFC 3339, always with an offset on the way out.

Out: a ``DateTime`` is always UTC with its offset (``2026-11-22T09:30:00+00:00``). In: any RFC 3339
date-time (``Z`` or an offset); a value **without** an offset is read as UTC (the convention the
whole graph follows, DESIGN §3); anything else is ``BAD_USER_INPUT`` naming the expected form.
"""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.types.scalar import ScalarDefinition

from graph.times import to_utc

RFC3339 = "https://datatracker.ietf.org/doc/html/rfc3339#section-5.6"


def serialize_datetime(value: datetime) -> str:
    """RFC 3339 in UTC.

    >>> serialize_datetime(datetime(2026, 1, 2, 3, 4, 5))
    '2026-01-02T03:04:05+00:00'
    """
    return to_utc(value).isoformat()


def parse_datetime(value: object) -> datetime:
    """An RFC 3339 date-time, as an aware UTC datetime (no offset: UTC).

    >>> parse_datetime("2026-01-02T03:04:05+02:00").isoformat()
    '2026-01-02T01:04:05+00:00'
    >>> parse_datetime("2026-01-02T03:04:05Z").isoformat()
    '2026-01-02T03:04:05+00:00'
    >>> parse_datetime("yesterday")
    Traceback (most recent call last):
    ...
    ValueError: 'yesterday' is not an RFC 3339 date-time (e.g. 2026-11-22T09:30:00Z)
    """
    text = value if isinstance(value, str) else ""
    try:
        if "T" not in text.upper() or len(text) > 40:
            raise ValueError(text)
        return to_utc(datetime.fromisoformat(text))
    except ValueError:
        shown = repr(value)[:50]
        raise ValueError(
            f"{shown} is not an RFC 3339 date-time (e.g. 2026-11-22T09:30:00Z)"
        ) from None


def parse_date(value: object) -> date:
    """An RFC 3339 full-date (``2026-11-22``).

    >>> parse_date("2026-11-22")
    datetime.date(2026, 11, 22)
    """
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        shown = repr(value)[:50]
        raise ValueError(f"{shown} is not an RFC 3339 full-date (e.g. 2026-11-22)") from None


DATETIME: ScalarDefinition = strawberry.scalar(
    name="DateTime",
    description="A moment, RFC 3339 (2026-11-22T09:30:00+00:00): always UTC on the way out; "
    "on the way in any offset, and none means UTC.",
    specified_by_url=RFC3339,
    serialize=serialize_datetime,
    parse_value=parse_datetime,
)
DATE: ScalarDefinition = strawberry.scalar(
    name="Date",
    description="A calendar day, RFC 3339 full-date (2026-11-22).",
    specified_by_url=RFC3339,
    serialize=date.isoformat,
    parse_value=parse_date,
)
SCALARS: dict[object, ScalarDefinition] = {datetime: DATETIME, date: DATE}
