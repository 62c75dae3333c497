"""The analytics find what the generator planted (DESIGN §8), end to end on the embedded database:
generate -> import -> `analyze` -> read the written scores and edges back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph import alerts, influence, model, reads
from graph.analyze import analyze
from graph.projection import audience, load_influence_inputs
from graph.repository import Repository
from graph.writes import upsert
from importers.directory import load_directory
from importers.generate import Truth, generate
from importers.service import import_path

# A fixed moment of today, so both analyses value warmth on the same day.
RUN = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)


@pytest.fixture(scope="module")
def planted(repo: Repository, tmp_path_factory: pytest.TempPathFactory) -> Truth:
    folder = tmp_path_factory.mktemp("planted")
    truth = generate(folder, customers=400, seed=11)
    report = import_path(repo, folder, live_progress=False)
    assert report.rejected == 0
    analyze(repo, now=RUN)
    return truth


def _customer(repo: Repository, customer_id: str) -> dict[str, object]:
    return reads.nodes_by_ids(repo, "Customer", [customer_id])[customer_id]


def test_planted_influencer_is_in_the_top_three(repo: Repository, planted: Truth) -> None:
    rank = _customer(repo, planted.top_influencer.customer)["influenceRank"]
    assert isinstance(rank, int)
    assert rank <= 3


def test_planted_influencer_converts_most_to_the_praised_product(
    repo: Repository, planted: Truth
) -> None:
    inputs = load_influence_inputs(repo)
    found = influence.conversions(inputs.praise, inputs.purchases, audience(inputs))
    ranking = influence.product_influencers(found, product=planted.top_influencer.product)
    assert ranking[0][0] == planted.top_influencer.customer
    assert ranking[0][1] >= 10


def test_planted_warmest_employee_comes_first(repo: Repository, planted: Truth) -> None:
    truth = planted.warmest_employee
    employees = sorted(load_directory(repo).employee_ids)
    rows = reads.relationships_from(repo, ("Employee", "RAPPORT", "Customer"), employees)
    scores = {row.start: float(row.props["warmth"]) for row in rows if row.end == truth.customer}
    assert sorted(scores, key=lambda e: -scores[e])[:2] == [truth.employee, truth.runner_up]


def test_socks_and_tie_are_the_top_two_related_products(repo: Repository, planted: Truth) -> None:
    rows = reads.relationships_from(
        repo, ("Product", "BOUGHT_WITH", "Product"), [planted.complements.product]
    )
    ordered = sorted(rows, key=lambda r: (-float(r.props["confidence"]), r.end))
    assert tuple(r.end for r in ordered[:2]) == planted.complements.top_two
    assert all(float(r.props["lift"]) > 5 for r in ordered[:2])


def test_the_angry_post_is_the_most_severe_open_alert(repo: Repository, planted: Truth) -> None:
    truth = planted.angry_post
    queue = alerts.list_alerts(repo, status="open", first=5)
    top = queue[0]
    assert top.post == f"twitter:{truth.tweet}"
    assert (top.customer, top.assignee) == (truth.customer, truth.assignee)
    assert top.severity is not None
    assert top.severity >= 0.7
    assert top.raised_at is not None
    assert top.due_by == top.raised_at + timedelta(hours=4)
    assert top.severity > (queue[1].severity or 0)


def test_a_second_analysis_rewrites_nothing_removes_nothing_duplicates_nothing(
    repo: Repository, planted: Truth
) -> None:
    before = reads.counts(repo).relationships
    report = analyze(
        repo, only=["influence", "warmth", "related", "interests"], now=RUN + timedelta(minutes=5)
    )
    assert [(s.name, s.written, s.removed) for s in report.stages] == [
        ("influence", 0, 0),
        ("warmth", 0, 0),
        ("related", 0, 0),
        ("interests", 0, 0),
    ]
    assert all(int(s.notes["unchanged"]) > 0 for s in report.stages)
    assert reads.counts(repo).relationships == before


def test_an_incremental_run_updates_only_what_new_events_touch(
    repo: Repository, planted: Truth
) -> None:
    angry = planted.angry_post
    since = datetime.now(UTC) - timedelta(seconds=1)
    at = datetime.now(UTC).replace(microsecond=0)
    upsert(
        repo,
        [
            model.Post(id="twitter:incr-1", platform="twitter", at=at, sentiment=-0.8,
                       text="@rapportshop worst Oxford Shirt ever", source="t"),
            model.Posted(start_id=f"twitter:{angry.handle}", end_id="twitter:incr-1", source="t"),
            model.About(start_id="twitter:incr-1", end_id=angry.product, source="t"),
            model.Interaction(id="incr-call", channel="call", at=at, direction="inbound",
                              sentiment=0.9, source="t"),
            model.Had(start_id=angry.customer, end_id="incr-call", source="t"),
            model.Handled(start_id=angry.assignee, end_id="incr-call", source="t"),
        ],
    )  # fmt: skip
    report = analyze(repo, since=since)
    stages = {s.name: s for s in report.stages}
    assert list(stages) == ["touched", "warmth", "interests", "alerts"]
    assert stages["touched"].notes["posts"] == 1
    assert stages["touched"].notes["customers"] == 1
    assert stages["warmth"].written == 1  # the assignee's RAPPORT with the angry customer
    assert stages["warmth"].removed == 0
    assert stages["alerts"].notes["raised"] == 1
    alert = alerts.get_alert(repo, "alert:twitter:incr-1")
    assert (alert.customer, alert.assignee) == (angry.customer, angry.assignee)
    # Nothing new since: an immediate second incremental run finds nothing to do.
    again = analyze(repo, since=datetime.now(UTC))
    assert again.stages[0].notes["customers"] == 0
    assert sum(s.written for s in again.stages) == 0
