"""Time helpers: everything Rapport stores or compares is an aware UTC datetime (DESIGN §3).

ArcadeDB returns stored datetimes without a zone, normalised to UTC; Neo4j keeps the zone. These
helpers read both into aware UTC ``datetime`` values.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def to_utc(value: datetime) -> datetime:
    """Return ``value`` in UTC; a naive datetime is taken to be UTC already (DESIGN §3).

    >>> to_utc(datetime(2025, 1, 1, 12)).isoformat()
    '2025-01-01T12:00:00+00:00'
    """
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def from_db_time(value: Any) -> datetime:
    """A datetime read from the database as an aware UTC ``datetime``.

    Read through :mod:`graph.store.bolt_times` it is a ``datetime`` already (the driver's own
    ``neo4j.time.DateTime`` otherwise); ArcadeDB stores datetimes without a zone,
    normalised to UTC (DESIGN §3), so a naive value is UTC.

    >>> from_db_time(datetime(2025, 1, 1, 12)).isoformat()
    '2025-01-01T12:00:00+00:00'
    """
    to_native = getattr(value, "to_native", None)
    native = to_native() if to_native is not None else value
    if not isinstance(native, datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    return to_utc(native)


def parse_db_time(text: str) -> datetime:
    """A datetime the database printed with ``toString()`` as an aware UTC ``datetime``.

    Projections return times as text: decoding a driver ``DateTime`` costs ten times more. Both
    engines' forms are read: ArcadeDB drops zero seconds and the zone of stored values and adds a
    zone id to ``datetime()``; Neo4j writes ``Z`` or an offset.

    >>> for text in ("2025-09-28T18:32", "2025-09-28T18:32:05Z", "2025-09-28T20:32:05+02:00",
    ...              "2026-11-22T10:20:37.595723234Z[Etc/UTC]", "2025-09-28T13:32:05-05:00"):
    ...     print(parse_db_time(text).isoformat())
    2025-09-28T18:32:00+00:00
    2025-09-28T18:32:05+00:00
    2025-09-28T18:32:05+00:00
    2026-11-22T10:20:37.595723+00:00
    2025-09-28T18:32:05+00:00
    """
    # Python 3.11's fromisoformat reads `Z` and more than six fractional digits itself; the zone
    # id is all that is left to drop. Called for every time of every projection: kept short (a
    # UTC offset appended to a naive time parses five times faster than setting its tzinfo).
    if "[" in text:
        text = text.partition("[")[0]
    if text.endswith("Z"):
        return datetime.fromisoformat(text)
    if "+" in text or text.rfind("-") > 9:
        return datetime.fromisoformat(text).astimezone(UTC)
    return datetime.fromisoformat(text + "+00:00")
