"""Datetimes reach the database exactly as the driver would have packed them, only faster."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st
from neo4j._codec.hydration.bolt.v2 import hydration_handler, temporal
from neo4j._codec.packstream import Structure

from graph.store import bolt_times

ORIGINAL = getattr(temporal.dehydrate_datetime, "original", temporal.dehydrate_datetime)
FAST = bolt_times.fast_dehydrate(ORIGINAL, Structure)
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)


@given(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)), offsets)
def test_a_fixed_offset_datetime_packs_as_the_driver_packs_it(
    naive: datetime, zone: timezone
) -> None:
    value = naive.replace(tzinfo=zone)
    assert FAST(value) == ORIGINAL(value)


def test_other_datetimes_are_left_to_the_driver() -> None:
    # Naive ones only: the driver's own path for a zoneinfo zone can crash the interpreter
    # (a segmentation fault in ZoneInfo.utcoffset, seen here); Rapport sends none (graph.times).
    naive = datetime(2026, 3, 29, 1, 30)
    assert FAST(naive) == ORIGINAL(naive)
    assert FAST(datetime(2026, 1, 1, tzinfo=UTC)).fields == [1_767_225_600, 0, 0]


def test_connections_made_after_install_pack_with_it() -> None:
    assert bolt_times.install()
    assert bolt_times.install()  # twice is once
    hooks = hydration_handler.HydrationHandler().dehydration_hooks
    packer = hooks.get_transformer(datetime(2026, 1, 1, tzinfo=UTC))
    assert getattr(packer, "original", None) is ORIGINAL
