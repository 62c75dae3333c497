"""The API's worker threads: answers and errors come back to the awaiting request, many at once,
and a request given up while queued is skipped."""

from __future__ import annotations

import asyncio
import threading

import pytest

from api.graphql.threads import THREADS, off_loop


def test_answers_and_errors_come_back_to_their_callers() -> None:
    async def many() -> list[object]:
        calls = [off_loop(lambda i=i: (i, threading.current_thread().name)) for i in range(200)]
        return await asyncio.gather(*calls)

    answers = asyncio.run(many())
    assert [a[0] for a in answers] == list(range(200))  # type: ignore[index]
    assert all(a[1].startswith("rapport-db-") for a in answers)  # type: ignore[index]
    with pytest.raises(KeyError, match="absent"):
        asyncio.run(off_loop({}.__getitem__, "absent"))

    def stop() -> None:
        raise StopIteration

    with pytest.raises(RuntimeError, match="StopIteration"):  # not a request that never ends
        asyncio.run(off_loop(stop))


def test_blocking_calls_run_side_by_side_without_blocking_the_loop() -> None:
    # Eight calls that each wait until all eight are waiting: they can only finish if they run
    # at once, and only be started at once if the first did not hold up the loop.
    meeting = threading.Barrier(8, timeout=60)

    async def together() -> list[int]:
        return await asyncio.gather(*(off_loop(meeting.wait) for _ in range(8)))

    assert sorted(asyncio.run(together())) == list(range(8))
    assert THREADS >= 8
