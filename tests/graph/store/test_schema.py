"""`rapport init`'s schema: every constraint and index, idempotent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graph import model
from graph.jobs.incremental import touched_since
from graph.store import schema
from graph.store.cypher import CypherStatement
from graph.store.repository import Repository


def test_apply_creates_a_uniqueness_constraint_per_label_and_the_indexes(repo: Repository) -> None:
    report = schema.apply(repo)
    constraints = repo.read("schema/show_constraints")
    unique_on_id = {row["labelsOrTypes"][0] for row in constraints if row["properties"] == ["id"]}
    assert unique_on_id == set(model.NODE_LABELS)
    indexes = schema.index_names(repo)
    assert {"customer_search", "product_search", "post_at", "customer_email"} <= indexes
    assert report.constraints_after == len(model.NODE_LABELS)


def test_apply_twice_changes_nothing(repo: Repository) -> None:
    schema.apply(repo)
    before = (schema.constraint_names(repo), schema.index_names(repo))
    report = schema.apply(repo)
    assert report.created == 0
    assert (schema.constraint_names(repo), schema.index_names(repo)) == before


def test_constraints_are_applied_before_indexes() -> None:
    names = schema.statements()
    kinds = [n.startswith("schema/constraint_") for n in names]
    assert kinds == sorted(kinds, reverse=True)


def test_init_gives_nodes_of_an_earlier_version_the_hour_the_incremental_run_looks_up(
    repo: Repository,
) -> None:
    since = datetime.now(UTC) - timedelta(minutes=5)
    # As an earlier version wrote them: updatedAt, no changedHour.
    repo.write(
        CypherStatement(
            "old", "", "UNWIND $ids AS id CREATE (:Post {id: id, updatedAt: datetime()})"
        ),
        ids=["old-post-1", "old-post-2"],
    )
    try:
        assert not {"old-post-1", "old-post-2"} & set(touched_since(repo, since).posts)
        schema.apply(repo)
        assert {"old-post-1", "old-post-2"} <= set(touched_since(repo, since).posts)
        assert schema.backfills() == sorted(
            f"schema/backfill_{s}_changed_hour" for s in ("interaction", "post", "purchase")
        )
    finally:
        repo.write(
            CypherStatement("gone", "", "MATCH (n:Post) WHERE n.id IN $ids DETACH DELETE n"),
            ids=["old-post-1", "old-post-2"],
        )
