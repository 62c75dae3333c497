"""Parse the timestamps real exports contain into UTC datetimes.

Accepted: ISO 8601 (``2025-10-07T07:50:26Z``, ``…+02:00``, ``….000Z``), Shopify's
``2025-10-07 09:50:26 +0200``, Yelp's ``2025-10-07 09:50:26`` (UTC), dates alone
(``2025-10-07``), RFC 2822 e-mail dates, and Unix epoch seconds. A value without a zone is UTC.
"""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime

_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d",
)


def parse_datetime(value: str) -> datetime:
    """Parse ``value`` into an aware UTC datetime, or raise ValueError saying what was seen.

    >>> parse_datetime("2025-10-07 09:50:26 +0200").isoformat()
    '2025-10-07T07:50:26+00:00'
    >>> parse_datetime("2025-10-07T07:50:26.000Z").isoformat()
    '2025-10-07T07:50:26+00:00'
    """
    text = value.strip()
    if not text:
        raise ValueError("empty date")
    parsed = _parse(text)
    if parsed is None:
        raise ValueError(
            f"unrecognised date {value!r} (expected ISO 8601, 'YYYY-MM-DD HH:MM:SS [+HHMM]', "
            "RFC 2822 or epoch seconds)"
        )
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _parse(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    if text.replace(".", "", 1).isdigit():
        return datetime.fromtimestamp(float(text), tz=UTC)
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def optional_datetime(value: str | None) -> datetime | None:
    """Like :func:`parse_datetime`, but blank means None."""
    if value is None or not value.strip():
        return None
    return parse_datetime(value)
