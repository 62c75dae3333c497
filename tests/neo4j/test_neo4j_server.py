"""The same code on a real Neo4j 5 server: runs only when RAPPORT_TEST_NEO4J_URI is set.

Set RAPPORT_TEST_NEO4J_URI, RAPPORT_TEST_NEO4J_USER (default neo4j) and
RAPPORT_TEST_NEO4J_PASSWORD; the tests write into RAPPORT_TEST_NEO4J_DATABASE (default neo4j)
under ids prefixed `rapport-test-`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from graph.settings import load_settings
from graph.store import cypher, reads, schema, writes
from graph.store.connection import Connection, connect
from graph.store.repository import Repository
from tests import factories

URI = os.environ.get("RAPPORT_TEST_NEO4J_URI")
pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(not URI, reason="set RAPPORT_TEST_NEO4J_URI to run against Neo4j"),
]


@pytest.fixture(scope="module")
def neo4j_connection() -> Iterator[Connection]:
    settings = load_settings(
        db_uri=URI,
        db_user=os.environ.get("RAPPORT_TEST_NEO4J_USER", "neo4j"),
        db_password=os.environ.get("RAPPORT_TEST_NEO4J_PASSWORD", ""),
        db_name=os.environ.get("RAPPORT_TEST_NEO4J_DATABASE", "neo4j"),
    )
    with connect(settings) as conn:
        yield conn


def test_schema_applies_twice_on_neo4j(neo4j_connection: Connection) -> None:
    repo = Repository(neo4j_connection)
    schema.apply(repo)
    assert schema.apply(repo).created == 0


def test_upsert_is_idempotent_on_neo4j(neo4j_connection: Connection) -> None:
    repo = Repository(neo4j_connection)
    records = factories.small_graph("rapport-test-")
    writes.upsert(repo, records)
    before = reads.counts(repo)
    writes.upsert(repo, records)
    assert reads.counts(repo) == before


@pytest.mark.parametrize("name", [n for n in cypher.names() if not n.startswith("schema/")])
def test_neo4j_accepts_the_file(neo4j_connection: Connection, name: str) -> None:
    neo4j_connection.driver.execute_query(
        "EXPLAIN " + cypher.load(name).text, database_=neo4j_connection.database
    )
