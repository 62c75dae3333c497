"""Reads sent straight over the driver's pool answer as a session does, fail as it does, and
leave the pool clean, on the database under test."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import neo4j
import pytest
from neo4j import exceptions as neo4j_errors

from graph.answers.customers import CustomerProfile
from graph.store import bolt_run, cypher
from graph.store.connection import Connection
from graph.store.repository import Repository
from importers.generate import Truth
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.integration

REFUSED = cypher.load_path(Path(__file__).with_name("refused.cypher"))
ECHO = cypher.load_path(PROJECT_ROOT / "tests" / "cypher" / "values" / "echo.cypher")


def _session_rows(
    connection: Connection, text: str, params: dict[str, Any]
) -> list[dict[str, Any]]:
    """The rows as the driver's session hands them out (what reads did before)."""
    with connection.driver.session(
        database=connection.database, default_access_mode=neo4j.READ_ACCESS
    ) as session:
        return [dict(zip(r.keys(), r.values(), strict=True)) for r in session.run(text, params)]


def _direct(connection: Connection) -> bolt_run.Reader:
    direct = connection.reader
    assert direct is not None, "the driver is not laid out as graph/store/bolt_run.py expects"
    return direct


def _pooled(connection: Connection) -> int:
    pool = connection.driver._pool  # type: ignore[attr-defined]
    return sum(len(held) for held in pool.connections.values())


def test_the_answers_are_the_sessions_for_every_kind_of_value(
    connection: Connection, repo: Repository, planted: Truth
) -> None:
    direct = _direct(connection)
    top = planted.top_influencer.customer
    reads: list[tuple[str, dict[str, Any]]] = [
        ("read/customer_values_by_ids", {"ids": [top, "zz-nobody"],
                                         "keys": list(CustomerProfile.KEYS)}),
        ("activity/purchases_with_lines_of", {"ids": [top, *planted.top_influencer.converted_followers]}),
        ("questions/warmest_employees_of", {"ids": [top]}),
        ("questions/influenced_of", {"ids": [top]}),
        ("read/ping", {}),
    ]  # fmt: skip
    for name, params in reads:
        text = cypher.load(name).text
        mine = direct(text, params, 30.0)
        assert mine == _session_rows(connection, text, params), name
    purchases = direct(cypher.load(reads[1][0]).text, reads[1][1], None)
    assert purchases, "the comparison saw purchases, with their datetimes"
    when = datetime(2026, 3, 4, 5, 6, 7, 123456, tzinfo=UTC)
    echo = {"when": when, "items": [1, "a", None, 2.5], "map": {"k": [True, False]},
            "nothing": None, "number": 2**40, "text": "Zoë ✓"}  # fmt: skip
    [row] = direct(ECHO.text, echo, 30.0)
    assert row == _session_rows(connection, ECHO.text, echo)[0]
    assert row["items"] == [1, "a", None, 2.5]
    assert row["text"] == "Zoë ✓"
    assert row["number"] == 2**40
    assert row["map"] == {"k": [True, False]}


def test_a_refused_statement_raises_as_a_session_does_and_the_connection_is_reused(
    connection: Connection,
) -> None:
    direct = _direct(connection)
    with pytest.raises(neo4j_errors.Neo4jError) as by_session:
        _session_rows(connection, REFUSED.text, {})
    direct(ECHO.text, {"when": None, "items": [], "map": {}, "nothing": None, "number": 1,
                       "text": ""}, None)  # fmt: skip
    pooled = _pooled(connection)
    for _ in range(20):
        with pytest.raises(neo4j_errors.Neo4jError) as mine:
            direct(REFUSED.text, {}, 30.0)
        assert type(mine.value) is type(by_session.value)
        assert mine.value.code == by_session.value.code
        # The connection was reset and handed back, not closed and replaced.
        assert _pooled(connection) == pooled
        assert direct(cypher.load("read/ping").text, {}, 30.0) == [{"ok": 1}]


def test_the_repository_reads_through_a_session_when_the_direct_path_declines(
    connection: Connection, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    def declines(text: str, params: dict[str, Any], timeout: float | None) -> list[Any]:
        raise bolt_run.Unhandled("not this time")

    before = repo.read("read/ping")
    monkeypatch.setattr(connection, "reader", declines)
    assert repo.read("read/ping") == before == [{"ok": 1}]


def test_reads_awaited_on_the_event_loop_answer_and_fail_as_a_session(
    connection: Connection, planted: Truth
) -> None:
    import asyncio

    loop_reader = connection.loop_reader
    assert loop_reader is not None
    top = planted.top_influencer.customer
    text = cypher.load("activity/purchases_with_lines_of").text
    params = {"ids": [top, *planted.top_influencer.converted_followers]}

    async def together() -> list[Any]:  # several in flight on one loop
        reads = (loop_reader.read(text, params, 30.0) for _ in range(5))
        return list(await asyncio.gather(*reads, return_exceptions=True))

    expected = _session_rows(connection, text, params)
    assert expected, "the comparison saw purchases"
    answers = asyncio.run(together())
    # Each is read on the loop, or declined when the pool had no idle connection for it then
    # (opening one would hold up the loop: the caller reads it in a thread).
    assert all(a == expected or isinstance(a, bolt_run.Unhandled) for a in answers)
    assert answers[0] == expected
    pooled = _pooled(connection)
    with pytest.raises(neo4j_errors.Neo4jError) as refused:
        asyncio.run(loop_reader.read(REFUSED.text, {}, 30.0))
    with pytest.raises(neo4j_errors.Neo4jError) as by_session:
        _session_rows(connection, REFUSED.text, {})
    assert refused.value.code == by_session.value.code
    assert _pooled(connection) == pooled  # reset and handed back, not closed


def test_a_read_given_up_on_the_loop_closes_its_connection(connection: Connection) -> None:
    import asyncio

    loop_reader = connection.loop_reader
    assert loop_reader is not None
    slow = cypher.load_path(PROJECT_ROOT / "tests" / "cypher" / "slow" / "count_to.cypher")

    async def give_up() -> None:
        task = asyncio.ensure_future(loop_reader.read(slow.text, {"n": 3_000}, 3.0))
        await asyncio.sleep(0.05)  # sent, its answer still being computed
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(give_up())
    assert loop_reader.in_flight == 0
    # The pool still answers; the connection left half-way was closed, not handed out again.
    assert _direct(connection)(cypher.load("read/ping").text, {}, 30.0) == [{"ok": 1}]
    assert asyncio.run(loop_reader.read(cypher.load("read/ping").text, {}, 30.0)) == [{"ok": 1}]


def test_more_reads_than_the_loop_holds_are_left_to_threads(connection: Connection) -> None:
    import asyncio

    from graph.store import bolt_loop

    loop_reader = connection.loop_reader
    assert loop_reader is not None
    loop_reader.in_flight = bolt_loop.IN_FLIGHT
    try:
        with pytest.raises(bolt_run.Unhandled):
            asyncio.run(loop_reader.read(cypher.load("read/ping").text, {}, 30.0))
    finally:
        loop_reader.in_flight = 0
