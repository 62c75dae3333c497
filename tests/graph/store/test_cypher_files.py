"""Every Cypher file: documented, loadable by name, and accepted by the database under test."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import UTC, datetime
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


@pytest.mark.parametrize("kind", model.DERIVED_TYPES, ids=lambda k: k.TYPE)
def test_derived_creates_set_every_property_of_the_record(kind: type[model.Derived]) -> None:
    """The create statements list their properties in the pattern: exactly those a record
    stores, so a field added to the model cannot be left unwritten."""
    text = cypher.load(f"analytics/create_{cypher.snake(kind.TYPE)}").text
    listed = re.findall(r"(\w+): row\.props\.(\w+)", text)
    assert all(key == value for key, value in listed)
    made = kind(start_id="s", end_id="e", **_any_values(kind))
    assert sorted(key for key, _ in listed) == sorted(made.props())


def _any_values(kind: type[model.Derived]) -> dict[str, object]:
    """A value for every field of ``kind`` (so props() leaves none out)."""
    samples = {"computed_at": datetime(2026, 1, 1, tzinfo=UTC), "last_contact_at":
               datetime(2026, 1, 1, tzinfo=UTC), "breakdown_keys": ("a",), "breakdown_values": (1.0,),
               "source": "t"}  # fmt: skip
    skip = {"start_id", "end_id", "start_label"}
    return {f.name: samples.get(f.name, 1) for f in fields(kind) if f.name not in skip}
