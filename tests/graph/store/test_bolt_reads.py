"""Results read through the read-ahead reader arrive whole and in order, on both engines."""

from __future__ import annotations

from neo4j._sync.io._bolt import _common

from graph.store import bolt_reads
from graph.store.cypher import CypherStatement
from graph.store.repository import Repository


def test_connections_read_through_it() -> None:
    assert bolt_reads.install()
    assert _common.receive_into_buffer is bolt_reads.receive_into_buffer


def test_many_rows_and_a_row_larger_than_one_read_arrive_whole(repo: Repository) -> None:
    many = repo.read(CypherStatement("many", "", "UNWIND range(1, $n) AS i RETURN i, 'r' + i AS s"),
                     n=3000)  # fmt: skip
    assert [(r["i"], r["s"]) for r in many] == [(i, f"r{i}") for i in range(1, 3001)]
    big = "0123456789" * (3 * bolt_reads.READ_AHEAD // 10)  # three reads' worth, several chunks
    echoed = repo.read(CypherStatement("echo", "", "RETURN $big AS big, 1 AS after"), big=big)
    assert echoed == [{"big": big, "after": 1}]
    # The bytes read ahead of that row belong to the next answer: it must still be right.
    assert repo.read(CypherStatement("next", "", "RETURN 42 AS n")) == [{"n": 42}]
