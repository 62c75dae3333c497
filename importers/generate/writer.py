"""File writing and time formatting shared by the generator's modules.

Times are carried as integer UTC epoch seconds and formatted only on the way out, which keeps
the generator fast and every formatted instant exact.
"""

from __future__ import annotations

import csv
import functools
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

DAY = 86_400
HOUR = 3_600


class RowWriter(Protocol):
    """The part of ``csv.writer`` the generator uses."""

    def writerow(self, row: Iterable[Any], /) -> Any: ...

    def writerows(self, rows: Iterable[Iterable[Any]], /) -> None: ...


@contextmanager
def csv_file(path: Path, header: Sequence[str]) -> Iterator[RowWriter]:
    """Open ``path`` for writing UTF-8 CSV (``\\n`` line ends), write ``header``, yield a writer."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        yield writer


def dumps(obj: object) -> str:
    """Compact, UTF-8-friendly JSON for one JSON-lines record."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def write_jsonl(path: Path, records: Iterable[object]) -> int:
    """Write one compact JSON object per line; return the number of lines."""
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(dumps(record))
            handle.write("\n")
            count += 1
    return count


def iso_z(ts: int) -> str:
    """``2025-03-01T10:00:00Z``."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def tweet_time(ts: int) -> str:
    """X API v2 ``created_at``: ``2025-10-07T07:50:26.000Z``."""
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(ts))


def plain_time(ts: int) -> str:
    """Yelp's ``YYYY-MM-DD HH:MM:SS`` (UTC)."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(ts))


@functools.cache
def offset_suffix(offset_minutes: int) -> str:
    """``+0200`` for 120 minutes, ``-0500`` for -300."""
    sign = "+" if offset_minutes >= 0 else "-"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return f"{sign}{hours:02d}{minutes:02d}"


def shopify_time(ts: int, offset_minutes: int) -> str:
    """Shopify's ``2025-10-07 09:50:26 +0200``: local wall time plus its UTC offset."""
    local = time.gmtime(ts + offset_minutes * 60)
    return time.strftime("%Y-%m-%d %H:%M:%S ", local) + offset_suffix(offset_minutes)


def rfc2822(ts: int, offset_minutes: int) -> str:
    """An e-mail ``Date``: ``Tue, 07 Oct 2025 09:50:26 +0200`` (English names, locale-free)."""
    local = time.gmtime(ts + offset_minutes * 60)
    day = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[local.tm_wday]
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[
        local.tm_mon - 1
    ]
    clock = f"{local.tm_hour:02d}:{local.tm_min:02d}:{local.tm_sec:02d}"
    return f"{day}, {local.tm_mday:02d} {month} {local.tm_year} {clock} " + offset_suffix(
        offset_minutes
    )


def unix_from_time(ts: int) -> str:
    """The date on an mbox ``From`` line: ``Tue Oct  7 09:50:26 2025`` (UTC, asctime style)."""
    moment = time.gmtime(ts)
    day = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[moment.tm_wday]
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[
        moment.tm_mon - 1
    ]
    clock = f"{moment.tm_hour:02d}:{moment.tm_min:02d}:{moment.tm_sec:02d}"
    return f"{day} {month} {moment.tm_mday:2d} {clock} {moment.tm_year}"


def money(cents: int) -> str:
    """``4990`` -> ``49.90``."""
    return f"{cents // 100}.{cents % 100:02d}"
