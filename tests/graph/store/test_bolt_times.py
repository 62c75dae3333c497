"""Datetimes reach the database exactly as the driver would have packed them, only faster."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
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


READ = getattr(temporal.hydrate_datetime, "original", temporal.hydrate_datetime)
FAST_READ = bolt_times.fast_hydrate(READ)
# UTC seconds of the years 1 to 9999, less a day at each end: every offset stays in range.
epoch_seconds = st.integers(min_value=-62_135_510_400, max_value=253_402_214_400)
nanoseconds = st.integers(min_value=0, max_value=999_999_999)


@given(epoch_seconds, nanoseconds, st.integers(min_value=-14 * 3600, max_value=14 * 3600))
def test_a_datetime_with_an_offset_reads_as_the_driver_reads_it(
    seconds: int, nanos: int, offset: int
) -> None:
    fast, driver = FAST_READ(seconds, nanos, offset), READ(seconds, nanos, offset).to_native()
    assert fast == driver  # the same instant, to the microsecond (nanoseconds cut)
    assert fast.utcoffset() == driver.utcoffset()
    assert fast.replace(tzinfo=None) == driver.replace(tzinfo=None)  # the same clock time


@given(epoch_seconds, nanoseconds)
def test_a_local_datetime_reads_as_the_driver_reads_it(seconds: int, nanos: int) -> None:
    fast = FAST_READ(seconds, nanos)
    assert fast.tzinfo is None
    assert fast == READ(seconds, nanos).to_native()


def test_named_zones_and_far_years_are_left_to_the_driver() -> None:
    named = FAST_READ(1_767_225_600, 0, "Europe/Paris")
    assert named == READ(1_767_225_600, 0, "Europe/Paris")
    assert type(named) is not datetime  # the driver's own DateTime
    far = 400_000_000_000  # year 14,645: beyond Python's datetime, and the driver's
    with pytest.raises(ValueError, match="out of range"):
        READ(far, 0, 0)
    with pytest.raises(ValueError, match="out of range"):
        FAST_READ(far, 0, 0)


def test_connections_made_after_install_read_with_it() -> None:
    assert bolt_times.install()
    readers = hydration_handler.HydrationHandler().struct_hydration_functions
    assert getattr(readers[b"I"], "original", None) is READ
    assert getattr(readers[b"d"], "original", None) is READ
