"""Batched upserts on the database under test: round trips, idempotence, endpoints, merging."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from graph import model
from graph.errors import NotFound, RapportError
from graph.settings import Settings
from graph.store import reads, schema, writes
from graph.store.connection import connect
from graph.store.repository import Repository
from graph.store.writes import write_atomically
from tests import factories, graphdata


@pytest.fixture(scope="module", autouse=True)
def _schema(repo: Repository) -> None:
    schema.apply(repo)


def _as_python(value: object) -> object:
    to_native = getattr(value, "to_native", None)
    if to_native is not None:  # a neo4j.time.DateTime (the driver's, for other zones)
        value = to_native()
    if isinstance(value, datetime) and value.tzinfo is None:  # naive means UTC (DESIGN §3)
        value = value.replace(tzinfo=UTC)
    return value


def _stored(props: dict[str, object]) -> dict[str, object]:
    return {k: _as_python(v) for k, v in props.items() if k not in ("updatedAt", "changedHour")}


def test_every_node_type_round_trips(repo: Repository) -> None:
    nodes = factories.one_of_each_node("rt-")
    writes.upsert(repo, nodes)
    for node in nodes:
        stored = reads.nodes_by_ids(repo, node.LABEL, [node.id])[node.id]
        assert _stored(stored) == {"id": node.id, **node.props()}, node.LABEL
        updated = _as_python(stored["updatedAt"])
        assert isinstance(updated, datetime)
        assert updated.tzinfo is not None
        if node.LABEL in ("Post", "Interaction", "Purchase"):  # what incremental runs look up
            assert stored["changedHour"] == int(updated.timestamp()) // 3600, node.LABEL


def test_every_relationship_pattern_round_trips(repo: Repository) -> None:
    writes.upsert(repo, factories.small_graph("rr-"))
    rels = factories.one_of_each_relationship("rr-")
    assert {r.pattern for r in rels} == set(model.relationship_patterns())
    for rel in rels:
        rows = graphdata.relationships_from(repo, rel.pattern, [rel.start_id])
        match = [r for r in rows if r.end == rel.end_id]
        assert len(match) == 1, rel.pattern
        assert _stored(match[0].props) == rel.props(), rel.pattern


def test_relationships_before_their_nodes_in_the_stream_are_still_written(
    repo: Repository,
) -> None:
    summary = writes.upsert(repo, factories.small_graph("order-"), batch_size=3)
    assert summary.missing_endpoints == {}
    assert summary.relationship_count == len(factories.one_of_each_relationship())


def test_rerunning_the_same_upsert_changes_no_counts(repo: Repository) -> None:
    records = factories.small_graph("idem-")
    first = writes.upsert(repo, records)
    assert first.created == len(records)
    before = reads.counts(repo)
    stamped = reads.nodes_by_ids(repo, "Customer", ["idem-c1"])["idem-c1"]["updatedAt"]
    again = writes.upsert(repo, records)
    # Nothing changed, so nothing is rewritten: the nodes keep their updatedAt.
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(records))
    assert reads.nodes_by_ids(repo, "Customer", ["idem-c1"])["idem-c1"]["updatedAt"] == stamped
    changed = [r for r in records if not (isinstance(r, model.Customer) and r.id == "idem-c2")]
    changed.append(model.Customer(id="idem-c2", name="Bob Ray Jr", source="test"))
    third = writes.upsert(repo, changed)
    assert (third.created, third.updated, third.unchanged) == (0, 1, len(records) - 1)
    writes.upsert(repo, records, batch_size=2)
    assert reads.counts(repo) == before


def test_relationship_to_a_missing_node_is_counted_not_invented(repo: Repository) -> None:
    writes.upsert(repo, [model.Customer(id="lonely"), model.Customer(id="friend")])
    heard: list[tuple[str, object, str]] = []
    writer = writes.BatchWriter(repo, on_missing=lambda r, o, why: heard.append((r.end_id, o, why)))
    writer.add(model.Knows(start_id="lonely", end_id="nobody"), origin=("line", 7))
    writer.add(model.Knows(start_id="lonely", end_id="friend"), origin=("line", 8))
    summary = writer.flush()
    assert summary.missing_endpoints == {"(Customer)-[:KNOWS]->(Customer)": 1}
    assert heard == [("nobody", ("line", 7), "unknown Customer 'nobody' (end of KNOWS)")]
    assert reads.nodes_by_ids(repo, "Customer", ["nobody"]) == {}


def test_overlapped_writes_write_and_count_what_direct_writes_do(repo: Repository) -> None:
    """Batches of three sent by the sender thread while the next is made: relationships still
    find the nodes made before them, and the counts are those of direct writes."""
    records = factories.small_graph("ovl-")
    with writes.BatchWriter(repo, batch_size=3, overlap=True) as writer:
        writer.add_all(records)
    assert writer.summary.missing_endpoints == {}
    assert writer.summary.created == len(records)
    assert writer.summary.batches == writes.upsert(repo, records, batch_size=3).batches
    rels = factories.one_of_each_relationship("ovl-")
    for rel in rels:
        ends = [r.end for r in graphdata.relationships_from(repo, rel.pattern, [rel.start_id])]
        assert ends.count(rel.end_id) == 1, rel.pattern
    assert not [t for t in threading.enumerate() if t.name.startswith("rapport-send")]


def test_an_overlapped_writer_sends_a_thousand_rows_early_while_the_sender_is_idle(
    repo: Repository,
) -> None:
    customers = [model.Customer(id=f"eager-{i}") for i in range(1500)]
    with writes.BatchWriter(repo, batch_size=5000, overlap=True) as writer:
        writer.add_all(customers)
    # The first 1,000 went as soon as they were there (nothing was being written); the rest
    # at the flush. Direct writes wait for full batches.
    assert (writer.summary.batches, writer.summary.nodes) == (2, {"Customer": 1500})
    assert writes.upsert(repo, customers, batch_size=5000).batches == 1


def test_a_relationship_batch_writes_its_ends_first_and_lets_other_labels_fill(
    repo: Repository,
) -> None:
    people = [model.Customer(id=f"fill-{n}") for n in "abc"]
    knows = [model.Knows(start_id=f"fill-{a}", end_id=f"fill-{b}")
             for a, b in ("ab", "bc", "ca", "ac")]  # fmt: skip
    with writes.BatchWriter(repo, batch_size=4) as writer:
        writer.add(model.Product(id="fill-p"))
        writer.add_all([*people, *knows])  # the fourth KNOWS fills its batch
        assert set(reads.nodes_by_ids(repo, "Customer", [p.id for p in people])) == {
            p.id for p in people
        }
        ends = graphdata.relationships_from(repo, knows[0].pattern, ["fill-a"])
        assert sorted(r.end for r in ends) == ["fill-b", "fill-c"]
        # The product's part-filled batch waits (for more products, or the end).
        assert reads.nodes_by_ids(repo, "Product", ["fill-p"]) == {}
    assert set(reads.nodes_by_ids(repo, "Product", ["fill-p"])) == {"fill-p"}
    assert writer.summary.batches == 3


@pytest.mark.parametrize("overlap", [False, True], ids=["direct", "overlapped"])
def test_a_missing_end_created_by_a_later_batch_is_still_reported(
    repo: Repository, overlap: bool
) -> None:
    """Which rows lacked an endpoint is read before the next batch runs: the node a later batch
    creates does not hide that the relationship before it was not written."""
    writes.upsert(repo, [model.Customer(id=f"late-a-{overlap}")])
    heard: list[str] = []
    with writes.BatchWriter(
        repo, batch_size=1, on_missing=lambda r, o, why: heard.append(why), overlap=overlap
    ) as writer:
        writer.add(model.Knows(start_id=f"late-a-{overlap}", end_id=f"late-b-{overlap}"))
        writer.add(model.Customer(id=f"late-b-{overlap}"))
    assert heard == [f"unknown Customer 'late-b-{overlap}' (end of KNOWS)"]
    assert writer.summary.missing_endpoints == {"(Customer)-[:KNOWS]->(Customer)": 1}
    assert reads.nodes_by_ids(repo, "Customer", [f"late-b-{overlap}"])


def test_an_overlapped_write_that_fails_raises_and_stops_the_sender(
    make_settings: Callable[..., Settings], db_name: str
) -> None:
    conn = connect(make_settings(db_name=db_name))
    gone = Repository(conn)
    conn.close()  # every write on it now fails in the driver
    customers = [model.Customer(id=f"never-{i}") for i in range(5)]

    def write() -> None:
        with writes.BatchWriter(gone, batch_size=1, overlap=True) as writer:
            writer.add_all(customers)

    with pytest.raises(RapportError, match=r"upsert_customer failed .*Driver closed"):
        write()
    assert not [t for t in threading.enumerate() if t.name.startswith("rapport-send")]


def test_partial_update_keeps_what_other_sources_knew(repo: Repository) -> None:
    writes.upsert(repo, [model.Customer(id="merge-1", name="Ann", email="ann@x.example")])
    writes.upsert(repo, [model.Customer(id="merge-1", city="Lyon", source="twitter")])
    props = reads.nodes_by_ids(repo, "Customer", ["merge-1"])["merge-1"]
    assert (props["name"], props["email"], props["city"], props["source"]) == (
        "Ann", "ann@x.example", "Lyon", "twitter",
    )  # fmt: skip


def test_the_same_id_twice_in_one_batch_is_one_node_with_both_facts(repo: Repository) -> None:
    summary = writes.upsert(
        repo,
        [model.Customer(id="dup-1", name="Ann"), model.Customer(id="dup-1", phone="123")],
    )
    assert summary.nodes == {"Customer": 1}
    props = reads.nodes_by_ids(repo, "Customer", ["dup-1"])["dup-1"]
    assert (props["name"], props["phone"]) == ("Ann", "123")


def test_batches_follow_the_batch_size(repo: Repository) -> None:
    customers = [model.Customer(id=f"batch-{i}") for i in range(10)]
    before = repo.round_trips
    summary = writes.upsert(repo, customers, batch_size=4)
    assert summary.nodes == {"Customer": 10}
    assert summary.batches == 3
    assert repo.round_trips - before == 3


def test_an_atomic_write_is_all_or_nothing(repo: Repository) -> None:
    done = write_atomically(
        repo,
        [
            model.Customer(id="atom-1", name="Ann", source="t"),
            model.Customer(id="atom-2", name="Bob", source="t"),
            model.Knows(start_id="atom-1", end_id="atom-2", source="t"),
        ],
    )
    assert done.nodes_created == {"Customer": 2}
    assert sum(done.relationships_created.values()) == 1
    with pytest.raises(NotFound, match="KNOWS"):
        write_atomically(
            repo,
            [
                model.Customer(id="atom-3", name="Cy", source="t"),
                model.Knows(start_id="atom-3", end_id="atom-nobody", source="t"),
            ],
        )
    assert "atom-3" not in reads.nodes_by_ids(repo, "Customer", ["atom-3"])  # rolled back
