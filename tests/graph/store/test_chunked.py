"""A read that returns its rows collected in chunks gives every row once, on the database under
test."""

from __future__ import annotations

from graph.store import reads
from graph.store.repository import Repository
from importers.generate import Truth


def test_every_customer_once_whatever_the_chunk(repo: Repository, planted: Truth) -> None:
    total = reads.counts(repo).nodes["Customer"]
    whole = reads.chunked(repo, "read/directory_customers")
    assert len(whole) == total
    assert planted.top_influencer.customer in {r["id"] for r in whole}
    records = repo.read("read/directory_customers", chunk=7)
    assert len(records) == -(-total // 7)  # records of seven, the last one short
    assert all(0 < len(r["rows"]) <= 7 for r in records)
    pieced = [dict(zip(r["keys"], v, strict=True)) for r in records for v in r["rows"]]
    assert sorted(map(repr, pieced)) == sorted(map(repr, whole))
    assert set(whole[0]) == {"id", "email", "phone", "name", "city", "acceptsMarketing"}
