"""Derived edges are synchronised: only changed edges written, vanished ones deleted, doubles
healed."""

from __future__ import annotations

import pytest

from graph import model
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
    row = {"start": "c1", "end": "polo", "props": edge.props()}
    shop.write_rows("analytics/create_interested_in", [row, row])  # two overlapping runs
    _, twice = derived.stored_digests(shop, model.InterestedIn)
    assert ("c1", "polo") in twice
    done = derived.sync(
        shop, model.InterestedIn, [_interest("style", 1.5), _interest("golf", 3.0), edge]
    )
    assert done.removed == 2
    assert _stored(shop) == {"style": 1.5, "golf": 3.0, "polo": 1.0}
