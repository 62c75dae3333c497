"""`rapport init`'s schema: every constraint and index, idempotent."""

from __future__ import annotations

from graph import model
from graph.store import schema
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
