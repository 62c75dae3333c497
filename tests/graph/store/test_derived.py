"""Derived edges are synchronised: only changed edges written, vanished ones deleted, doubles
healed."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from graph import model
from graph.errors import InvalidRecord, RapportError
from graph.store import derived
from graph.store.repository import Repository
from graph.store.writes import upsert
from tests import graphdata


def _interest(topic: str, weight: float) -> model.InterestedIn:
    return model.InterestedIn(start_id="c1", end_id=topic, weight=weight, source="t")


def _stored(repo: Repository) -> dict[str, float]:
    rows = graphdata.relationships_from(repo, ("Customer", "INTERESTED_IN", "Topic"), ["c1"])
    found: dict[str, float] = {}
    for row in rows:
        assert row.end not in found, f"{row.end} held twice"
        found[row.end] = float(row.props["weight"])
    return found


@pytest.fixture(scope="module")
def shop(repo: Repository) -> Repository:
    upsert(repo, [model.Customer(id="c1", name="Ann", source="t")]
           + [model.Topic(id=t, name=t, source="t") for t in ("style", "denim", "golf", "polo")])  # fmt: skip
    return repo


def test_sync_creates_updates_deletes_and_leaves_the_rest(shop: Repository) -> None:
    first = derived.sync(
        shop, model.InterestedIn, [_interest("style", 1.0), _interest("denim", 2.0)]
    )
    assert (first.written, first.removed, first.unchanged) == (2, 0, 0)
    second = derived.sync(
        shop, model.InterestedIn, [_interest("style", 1.0), _interest("golf", 3.0)]
    )
    assert (second.written, second.removed, second.unchanged) == (1, 1, 1)
    third = derived.sync(
        shop, model.InterestedIn, [_interest("style", 1.5), _interest("golf", 3.0)]
    )
    assert (third.written, third.removed, third.unchanged) == (1, 0, 1)
    assert _stored(shop) == {"style": 1.5, "golf": 3.0}


def test_an_edge_created_twice_is_healed_by_the_next_sync(shop: Repository) -> None:
    edge = _interest("polo", 1.0)
    row = {"end": "polo", "props": edge.props()}
    rows = [{"start": "c1", "ends": [row, row]}]  # two overlapping runs
    shop.write_rows("analytics/create_interested_in", rows)
    _, twice = derived.stored_digests(shop, model.InterestedIn)
    assert ("c1", "polo") in twice
    done = derived.sync(
        shop, model.InterestedIn, [_interest("style", 1.5), _interest("golf", 3.0), edge]
    )
    assert done.removed == 2
    assert _stored(shop) == {"style": 1.5, "golf": 3.0, "polo": 1.0}


def test_drafts_sync_as_their_records_do_and_are_checked_when_written(shop: Repository) -> None:
    def draft(topic: str, weight: float) -> model.Draft[model.InterestedIn]:
        return model.Draft(model.InterestedIn, "c1", topic, {"weight": weight, "source": "t"})

    derived.sync(shop, model.InterestedIn, [_interest("style", 1.0), _interest("denim", 2.0)])
    # Stored from records, compared as drafts: the same digests, so nothing is written.
    same = derived.sync(shop, model.InterestedIn, [draft("style", 1.0), draft("denim", 2.0)])
    assert (same.written, same.removed, same.unchanged) == (0, 0, 2)
    moved = derived.sync(shop, model.InterestedIn, [draft("style", 1.0), draft("denim", 2.5)])
    assert (moved.written, moved.unchanged) == (1, 1)
    assert _stored(shop) == {"style": 1.0, "denim": 2.5}
    # A value no database should hold is refused when its record is made to be written.
    with pytest.raises(InvalidRecord, match="weight"):
        derived.sync(shop, model.InterestedIn, [draft("style", float("nan"))])
    assert _stored(shop) == {"style": 1.0, "denim": 2.5}


def test_new_edges_stream_in_batches_grouped_by_start_all_written_once(
    shop: Repository,
) -> None:
    """Batches of three edges, the starts interleaved, two batches at once on Neo4j: every
    edge is created once, with its own values (the batches are emptied once written)."""
    upsert(shop, [model.Customer(id=f"s{i}", name=f"S{i}", source="t") for i in range(4)])
    small = copy.copy(shop)
    small.settings = shop.settings.model_copy(update={"batch_size": 3})
    topics = ("style", "denim", "golf", "polo")
    rows = [
        {"start": f"s{i % 4}", "end": t, "props": _interest(t, float(i)).props()}
        for i, t in enumerate(t for t in topics for _ in range(4))
    ]
    assert derived.create_stream(small, "analytics/create_interested_in", iter(rows)) == 16
    held = graphdata.relationships_from(
        shop, ("Customer", "INTERESTED_IN", "Topic"), [f"s{i}" for i in range(4)]
    )
    assert sorted((r.start, r.end, float(r.props["weight"])) for r in held) == sorted(
        (r["start"], r["end"], r["props"]["weight"]) for r in rows
    )


def test_a_failing_batch_stops_the_stream_with_its_error(shop: Repository) -> None:
    small = copy.copy(shop)
    small.settings = shop.settings.model_copy(update={"batch_size": 2})
    taken = []

    def rows() -> Iterator[dict[str, object]]:
        for i in range(100):
            taken.append(i)
            yield {"start": "c1", "end": "golf", "props": {"weight": 1.0}}

    with pytest.raises(RapportError, match="create_no_such_edges"):
        derived.create_stream(small, "analytics/create_no_such_edges", rows())
    # Read: the batches in flight (two at most), the one being made and the row after it.
    assert len(taken) <= 7


def test_a_draft_digest_equals_its_record_digest_for_every_derived_kind() -> None:
    when = datetime(2026, 12, 5, 10, 30, tzinfo=UTC)
    drafts = [
        model.Draft(model.Influences, "c1", "c2", {"weight": 0.5, "follows": 1, "quotes": 2}),
        model.Draft(model.Rapport, "e1", "c1", {
            "warmth": 71.5, "interactions": 3, "last_contact_at": when, "sentiment": -0.25,
            "sales": 1, "breakdown_keys": ("email", "store"), "breakdown_values": (0.5, 1.25),
            "computed_at": when, "source": "analyze"}),
        model.Draft(model.BoughtWith, "p1", "p2", {"support": 0.01, "lift": 3.2, "rank": 1}),
        model.Draft(model.InterestedIn, "c1", "style", {"weight": 2.0}),
    ]  # fmt: skip
    assert {type(d.record()) for d in drafts} == set(model.DERIVED_TYPES)
    for d in drafts:
        assert d.digest() == d.record().digest(), d.kind
    changed = drafts[0]._replace(values={**drafts[0].values, "follows": 2})
    assert changed.digest() != drafts[0].digest()
