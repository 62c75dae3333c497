"""Concurrent writers on the same nodes: conflicts are retried, nothing duplicated or lost."""

from __future__ import annotations

import threading

from graph import model
from graph.store import reads, schema, writes
from graph.store.repository import Repository

WRITERS = 4
NODES = 1500


def test_concurrent_writers_on_the_same_nodes_neither_duplicate_nor_lose(
    repo: Repository,
) -> None:
    schema.apply(repo)
    failures: list[BaseException] = []

    def writer(k: int) -> None:
        # Every writer merges the same customers and the same ring of KNOWS, and also sets a
        # property of its own (source) on a node of its own: a lost write would show as a
        # missing per-writer node or a wrong count.
        records: list[model.Record] = [model.Customer(id=f"cc-{i}") for i in range(NODES)]
        records += [
            model.Knows(start_id=f"cc-{i}", end_id=f"cc-{(i + 1) % NODES}") for i in range(NODES)
        ]
        records.append(model.Customer(id=f"writer-{k}", name=f"writer {k}"))
        try:
            writes.upsert(repo, records, batch_size=300)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    counts = reads.counts(repo)
    assert counts.nodes["Customer"] == NODES + WRITERS
    assert counts.relationships["KNOWS"] == NODES
    written = reads.nodes_by_ids(repo, "Customer", [f"writer-{k}" for k in range(WRITERS)])
    assert sorted(p["name"] for p in written.values()) == [f"writer {k}" for k in range(WRITERS)]
