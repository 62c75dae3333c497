"""Every Cypher file: documented, loadable by name, and accepted by the database under test."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import model
from graph.errors import CypherFileNotFound
from graph.store import cypher
from graph.store.connection import Connection
from tests import graphdata

ALL = cypher.names()


def test_there_is_a_write_file_for_every_label_and_relationship_pattern() -> None:
    for label in model.NODE_LABELS:
        assert cypher.node_write(label) in ALL
    for pattern in model.relationship_patterns():
        assert cypher.relationship_write(pattern) in ALL


def test_relationship_merges_start_from_the_end_of_low_degree() -> None:
    """ArcadeDB's MERGE walks the relationships of the node its pattern names first: naming an
    account before its posts made each new POSTED cost the account's thousands of posts."""
    by_type = {rel.TYPE: rel for rel in model.RELATIONSHIP_TYPES}
    for start, type_, end in model.relationship_patterns():
        reversed_ = by_type[type_].NARROW == "end"
        merge = f"MERGE (b)<-[r:{type_}]-(a)" if reversed_ else f"MERGE (a)-[r:{type_}]->(b)"
        write = cypher.relationship_write((start, type_, end))
        restore = cypher.relationship_read((start, type_, end)).replace("/rels_", "/restore_")
        for name in (write, restore):
            assert merge in cypher.load(name).text, f"{name} should say {merge}"
    assert {t.TYPE for t in model.RELATIONSHIP_TYPES if t.NARROW == "end"} >= {
        "POSTED",
        "SOLD",
        "HANDLED",
        "RAPPORT",
        "INFLUENCES",
    }


@pytest.mark.parametrize("name", ALL)
def test_file_has_a_header_with_purpose_parameters_and_returns(name: str) -> None:
    statement = cypher.load(name)
    for part in ("Purpose:", "Parameters:", "Returns:"):
        assert part in statement.header, f"{name} header lacks {part}"
    assert statement.text, f"{name} has no statement"
    assert ";" not in statement.text, f"{name} holds more than one statement"


def test_statements_are_loaded_once() -> None:
    assert cypher.load("read/ping") is cypher.load("read/ping")


def test_unknown_name_says_where_it_looked() -> None:
    with pytest.raises(CypherFileNotFound, match="no Cypher file named 'read/nope'"):
        cypher.load("read/nope")


def test_names_cannot_escape_the_cypher_folder() -> None:
    with pytest.raises(CypherFileNotFound):
        cypher.load("../pyproject")


@pytest.mark.parametrize("name", ALL)
def test_embedded_database_accepts_the_file(connection: Connection, name: str) -> None:
    if name.startswith("gds/") and connection.backend == "embedded":
        pytest.skip("Graph Data Science runs in Neo4j only (RAPPORT_ANALYZE_IN_DATABASE)")
    result = connection.driver.execute_query(
        "EXPLAIN " + cypher.load(name).text, database_=connection.database
    )
    assert result.summary.query_type is not None


def test_every_label_and_pattern_can_be_dumped_and_restored() -> None:
    for label in model.NODE_LABELS:
        assert f"transfer/nodes_{cypher.snake(label)}" in ALL
        assert f"transfer/restore_{cypher.snake(label)}" in ALL
    for pattern in model.relationship_patterns():
        assert cypher.relationship_read(pattern) in ALL
        assert cypher.relationship_read(pattern).replace("/rels_", "/restore_") in ALL


TEST_FILES = sorted((graphdata.PROJECT_ROOT / "tests" / "cypher").rglob("*.cypher"))


@pytest.mark.parametrize("path", TEST_FILES, ids=lambda p: p.stem)
def test_the_database_accepts_the_test_file(connection: Connection, path: Path) -> None:
    statement = cypher.load_path(path)
    assert "Purpose:" in statement.header
    result = connection.driver.execute_query(
        "EXPLAIN " + statement.text, database_=connection.database
    )
    assert result.summary.query_type is not None
