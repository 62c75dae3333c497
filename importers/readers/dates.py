"""Parse the timestamps real exports contain into UTC datetimes.

Accepted: ISO 8601 (``2025-10-07T07:50:26Z``, ``…+02:00``, ``….000Z``, Salesforce's
``….000+0000``), Shopify's ``2025-10-07 09:50:26 +0200``, Yelp's ``2025-10-07 09:50:26`` (UTC)
and older ``2012-02``, dates alone (``2025-10-07``), spreadsheet dates (``6/20/24 15:03``, month
first unless day-first), an export's own ``date_format``, compact digits (``20251007``,
``202510071200``, ``20251007120000``), RFC 2822 e-mail dates, and Unix epochs in seconds (10
digits, decimals allowed) or milliseconds (13 digits). A value without a zone is UTC. Anything
else, or a moment outside 1900-2200, is a ValueError that says what was seen: never an overflow,
never a year 8387.
"""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime

EARLIEST, LATEST = 1900, 2200
_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d",
    "%Y-%m",  # Yelp's older releases: yelping_since
)
# Spreadsheet dates, month first (as US spreadsheets re-save them) unless told day-first.
_MONTH_FIRST = ("%m/%d/%y %H:%M", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%y", "%m/%d/%Y")
_DAY_FIRST = tuple(f.replace("%m/%d", "%d/%m") for f in _MONTH_FIRST)


def parse_datetime(
    value: str, *, date_format: str | None = None, day_first: bool = False
) -> datetime:
    """Parse ``value`` into an aware UTC datetime, or raise ValueError saying what was seen.

    ``date_format`` (strptime codes) is tried first; spreadsheet dates such as ``6/20/24 15:03``
    are month first unless ``day_first``.

    >>> parse_datetime("2025-10-07 09:50:26 +0200").isoformat()
    '2025-10-07T07:50:26+00:00'
    >>> parse_datetime("2025-10-07T07:50:26.000Z").isoformat()
    '2025-10-07T07:50:26+00:00'
    >>> parse_datetime("6/5/24 15:03").date(), parse_datetime("6/5/24", day_first=True).date()
    (datetime.date(2024, 6, 5), datetime.date(2024, 5, 6))
    """
    text = value.strip()
    if not text:
        raise ValueError("empty date")
    if len(text) > 100:
        raise ValueError(f"unrecognised date {value[:40]!r}… ({len(value)} characters)")
    try:
        parsed = _parse(text, date_format, day_first)
    except (OverflowError, OSError, ValueError):
        parsed = None  # an epoch too large for a date
    if parsed is not None:
        try:
            parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
        except OverflowError:
            raise ValueError(f"date {value!r} is outside {EARLIEST}-{LATEST}") from None
    if parsed is None:
        raise ValueError(
            f"unrecognised date {value!r} (expected ISO 8601, 'YYYY-MM-DD HH:MM:SS [+HHMM]', "
            "M/D/YY [H:MM], RFC 2822, YYYYMMDD[HHMM[SS]] or epoch seconds or milliseconds"
            f"{'' if date_format is None else ', or ' + date_format})"
        )
    if not EARLIEST <= parsed.year <= LATEST:
        raise ValueError(f"date {value!r} is outside {EARLIEST}-{LATEST}")
    return parsed


def _parse(text: str, date_format: str | None = None, day_first: bool = False) -> datetime | None:
    if date_format:
        try:
            return datetime.strptime(text, date_format)
        except ValueError:
            pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    for fmt in (*_FORMATS, *(_DAY_FIRST if day_first else _MONTH_FIRST)):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    if text.replace(".", "", 1).isdigit():
        return _digits(text)
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _digits(text: str) -> datetime | None:
    """Compact dates and epochs, told apart by their number of digits.

    >>> for t in ("20251007", "202510071200", "1759823426", "1759823426000"):
    ...     print(_digits(t).isoformat())
    2025-10-07T00:00:00
    2025-10-07T12:00:00
    2025-10-07T07:50:26+00:00
    2025-10-07T07:50:26+00:00
    """
    whole = text.split(".", 1)[0]
    compact = {8: "%Y%m%d", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}
    if "." not in text and len(whole) in compact:
        return datetime.strptime(text, compact[len(whole)])
    if len(whole) in (9, 10):
        return datetime.fromtimestamp(float(text), tz=UTC)
    if len(whole) == 13 and "." not in text:
        return datetime.fromtimestamp(int(text) / 1000, tz=UTC)
    return None


def optional_datetime(value: str | None) -> datetime | None:
    """Like :func:`parse_datetime`, but blank means None."""
    if value is None or not value.strip():
        return None
    return parse_datetime(value)
