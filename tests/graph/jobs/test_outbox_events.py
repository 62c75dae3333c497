"""What an analysis tells other systems through the event outbox (read by `rapport serve` and sent
to webhooks): that it finished, which pairs crossed the warmth threshold, who entered the top k
influencers — on the database under test, against the planted truths."""

from __future__ import annotations

import json
from typing import Any

import pytest

from graph.jobs.analyze import analyze
from graph.store import outbox
from graph.store.repository import Repository
from importers.generate import Truth
from tests.graphdata import run_cypher


def _since(repo: Repository, after: int) -> list[tuple[str, dict[str, Any]]]:
    reader = outbox.Reader(outbox.EVENTS, cursor=after, floor=after)
    return [(e.kind, json.loads(e.subject)) for e in reader.read(repo)]


def _with(repo: Repository, **settings: object) -> Repository:
    tuned = Repository(repo.connection)
    tuned.settings = repo.settings.model_copy(update=settings)
    return tuned


def test_an_analysis_that_changes_nothing_reports_only_that_it_finished(
    repo: Repository, planted: Truth
) -> None:
    start = outbox.now_seq()
    report = analyze(repo)
    events = _since(repo, start)
    assert [kind for kind, _ in events] == ["analysis.finished"]
    data = events[0][1]
    assert data["mode"] == "full"
    assert [s["name"] for s in data["stages"]] == [s.name for s in report.stages]
    assert data["run"] == report.run.isoformat().replace("+00:00", "Z")


def test_a_pair_whose_warmth_rises_past_the_threshold_is_reported_once(
    repo: Repository, planted: Truth
) -> None:
    pair = planted.warmest_employee
    cols = repo.read("analytics/warm_pairs_of", ids=[pair.customer], threshold=0)[0]
    warmth = float(cols["warmths"][cols["starts"].index(pair.employee)])
    tuned = _with(repo, webhook_warmth_threshold=warmth - 1)
    # The graph as an earlier day left it: the pair below the threshold (and its digest stale, so
    # the analysis rewrites it).
    run_cypher(
        repo, "MATCH (:Employee {id: $e})-[r:RAPPORT]->(:Customer {id: $c}) "
        "SET r.warmth = 0.0, r.digest = ''", e=pair.employee, c=pair.customer,
    )  # fmt: skip
    start = outbox.now_seq()
    analyze(tuned, only=["warmth"])
    crossed = [d for k, d in _since(repo, start) if k == "warmth.crossed"]
    mine = [d for d in crossed if (d["employee"], d["customer"]) == (pair.employee, pair.customer)]
    assert mine == [{
        "employee": pair.employee, "customer": pair.customer, "warmth": warmth,
        "previous": None, "direction": "up", "threshold": warmth - 1, "run": mine[0]["run"],
    }]  # fmt: skip
    # Nothing else moved, and running again reports nothing new.
    assert len(crossed) == 1
    start = outbox.now_seq()
    analyze(tuned, only=["warmth"])
    assert [k for k, _ in _since(repo, start)] == ["analysis.finished"]


@pytest.mark.parametrize(("position", "k", "reported"), [(1, 1, True), (1, 3, True), (5, 3, False)])
def test_a_customer_entering_the_top_k_influencers_is_reported(
    repo: Repository, planted: Truth, position: int, k: int, reported: bool
) -> None:
    rank = repo.read("analytics/customer_scores")[0]
    ranks = dict(zip(rank["ids"], rank["influenceRank"], strict=True))
    assert ranks[planted.top_influencer.customer] == 1  # the planted leader leads
    (who,) = [c for c, r in ranks.items() if r == position]
    # As if the last analysis had ranked them far down.
    run_cypher(repo, "MATCH (c:Customer {id: $id}) SET c.influenceRank = 999", id=who)
    start = outbox.now_seq()
    analyze(_with(repo, webhook_top_k=k), only=["influence"])
    entered = [d for kind, d in _since(repo, start) if kind == "influencer.entered"]
    # Back in the top k: reported with the rank it has and the one it had; below it: not.
    expected = [(who, position, 999, k)] if reported else []
    assert [(d["customer"], d["rank"], d["previousRank"], d["k"]) for d in entered] == expected
