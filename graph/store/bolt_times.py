"""Datetimes packed for Bolt by integer arithmetic, not by the driver's slow path.

The ``neo4j`` driver packs a ``datetime`` by turning it into its own ``neo4j.time.DateTime``
and working out clock times in pure Python: about 30 µs each. An import sends one or two per
record: that was a quarter of an import's profile. Rapport sends aware datetimes with a fixed
offset (UTC, :mod:`graph.times`); for those :func:`fast_dehydrate` builds the very structure the
driver would (``I``: UTC seconds, nanoseconds, offset seconds) in under a microsecond. Every
other value (naive, named zones, the driver's own types) still goes to the driver's function.

:func:`install` puts it in place before the first connection is made; if the driver no longer
has that function where this expects it, the driver's own packing stays (only slower).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timezone
from typing import Any

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


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


def install() -> bool:
    """Use :func:`fast_dehydrate` for the connections made from now on; whether it is in place."""
    try:
        from neo4j._codec.hydration.bolt.v2 import temporal
        from neo4j._codec.packstream import Structure
    except ImportError:
        return False
    current = getattr(temporal, "dehydrate_datetime", None)
    if current is None:
        return False
    if not hasattr(current, "original"):
        temporal.dehydrate_datetime = fast_dehydrate(current, Structure)
    return True
