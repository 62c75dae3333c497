"""Datetimes packed for Bolt by integer arithmetic, not by the driver's slow path.

The ``neo4j`` driver packs a ``datetime`` by turning it into its own ``neo4j.time.DateTime``
and working out clock times in pure Python: about 30 µs each. An import sends one or two per
record: that was a quarter of an import's profile. Rapport sends aware datetimes with a fixed
offset (UTC, :mod:`graph.times`); for those :func:`fast_dehydrate` builds the very structure the
driver would (``I``: UTC seconds, nanoseconds, offset seconds) in under a microsecond. Every
other value (naive, named zones, the driver's own types) still goes to the driver's function.

Reading is the same story the other way: a datetime with an offset came back as a
``neo4j.time.DateTime`` built in pure Python, 31 µs each (a customer's ten purchases took 0.3 ms of
a request's CPU on Neo4j). :func:`fast_hydrate` makes the Python ``datetime`` every reader turns
it into anyway (:func:`graph.times.from_db_time`, with the driver's microseconds: nanoseconds cut,
as its ``to_native()`` cuts them) in about a microsecond; named zones and dates out of
``datetime``'s range still go to the driver's function.

:func:`install` puts both in place before the first connection is made; if the driver no longer
has those functions where this expects them, the driver's own stay (only slower).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_LOCAL_EPOCH = datetime(1970, 1, 1)


def fast_dehydrate(original: Callable[[Any], Any], structure: type) -> Callable[[Any], Any]:
    """The driver's datetime packer ``original``, with a fast path for fixed-offset datetimes.

    >>> from neo4j._codec.hydration.bolt.v2 import temporal
    >>> from neo4j._codec.packstream import Structure
    >>> pack = fast_dehydrate(temporal.dehydrate_datetime, Structure)
    >>> at = datetime(2026, 11, 1, 12, 0, 0, 123456, tzinfo=UTC)
    >>> pack(at) == temporal.dehydrate_datetime(at)
    True
    """

    def dehydrate(value: Any) -> Any:
        zone = value.tzinfo
        if type(value) is datetime and type(zone) is timezone:
            offset = zone.utcoffset(None)
            if not offset.microseconds:  # Bolt refuses those; the driver says so
                delta = value - _EPOCH
                return structure(
                    b"I", delta.days * 86_400 + delta.seconds, delta.microseconds * 1000,
                    offset.days * 86_400 + offset.seconds,
                )  # fmt: skip
        return original(value)

    dehydrate.original = original  # type: ignore[attr-defined]
    return dehydrate


def fast_hydrate(original: Callable[..., Any]) -> Callable[..., Any]:
    """The driver's datetime reader ``original`` (Bolt 5: UTC seconds, nanoseconds and an offset
    in seconds or a zone name; no zone for a local datetime), giving Python datetimes.

    >>> from neo4j._codec.hydration.bolt.v2 import temporal
    >>> read = fast_hydrate(temporal.hydrate_datetime)
    >>> read(1_767_225_600, 123_456_789, 3600).isoformat()
    '2026-01-01T01:00:00.123456+01:00'
    >>> read(1_767_225_600, 0).isoformat()  # a local datetime (ArcadeDB's)
    '2026-01-01T00:00:00'
    """

    def hydrate(seconds: int, nanoseconds: int, tz: int | str | None = None) -> Any:
        try:
            if tz is None:
                return _LOCAL_EPOCH + timedelta(seconds=seconds, microseconds=nanoseconds // 1000)
            if type(tz) is int:
                at = _EPOCH + timedelta(seconds=seconds, microseconds=nanoseconds // 1000)
                # In whole minutes, as the driver's zone has it (pytz.FixedOffset)
                return at if tz == 0 else at.astimezone(timezone(timedelta(minutes=tz // 60)))
        except (OverflowError, ValueError):  # beyond datetime's years: the driver's types
            pass
        return original(seconds, nanoseconds, tz)

    hydrate.original = original  # type: ignore[attr-defined]
    return hydrate


def install() -> bool:
    """Use :func:`fast_dehydrate` and :func:`fast_hydrate` for the connections made from now on;
    whether they are in place."""
    try:
        from neo4j._codec.hydration.bolt.v2 import temporal
        from neo4j._codec.packstream import Structure
    except ImportError:
        return False
    packer = getattr(temporal, "dehydrate_datetime", None)
    reader = getattr(temporal, "hydrate_datetime", None)
    if packer is None or reader is None:
        return False
    if not hasattr(packer, "original"):
        temporal.dehydrate_datetime = fast_dehydrate(packer, Structure)
    if not hasattr(reader, "original"):
        temporal.hydrate_datetime = fast_hydrate(reader)
    return True
