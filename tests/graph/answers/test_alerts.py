"""Alerts end to end on the database: single-post ingestion raises them, the warmest
employee gets them, brand replies record the response time, people act on them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from api.cli.app import app
from graph import model
from graph.answers import alert_queue
from graph.errors import InvalidRecord, InvalidTransition, NotFound
from graph.jobs import raise_alerts
from graph.settings import Settings
from graph.store.repository import Repository
from graph.store.writes import upsert
from importers.run.live import LivePost, ingest_post
from tests.conftest import cli_args

NOW = datetime.now(UTC).replace(microsecond=0)
COMPLAINT = "@rapportshop my Green Shirt ripped after one wash. Worst quality ever, refund now 😡"


@pytest.fixture(scope="module")
def shop(repo: Repository) -> Repository:
    """Two employees; Ann (owns @ann) met e1 warmly and e-mailed e2 once; a brand account."""
    day = timedelta(days=1)
    records: list[model.Record] = [
        model.Employee(id="e1", name="Eve One", email="eve@shop.test", source="t"),
        model.Employee(id="e2", name="Ed Two", email="ed@shop.test", source="t"),
        model.Customer(id="c1", name="Ann Lee", email="ann@example.com", source="t"),
        model.Product(id="SKU-GRN", name="Green Shirt", source="t"),
        model.SocialAccount(id="twitter:ann", platform="twitter", handle="ann", followers=5000,
                            source="t"),
        model.SocialAccount(id="twitter:rapportshop", platform="twitter", handle="rapportshop",
                            is_brand=True, source="t"),
        model.Owns(start_id="c1", end_id="twitter:ann", confidence=1.0, method="email", source="t"),
    ]  # fmt: skip
    for n, (employee, channel, sentiment) in enumerate(
        [("e1", "meeting", 0.8), ("e1", "call", 0.6), ("e2", "email", 0.0)]
    ):
        iid = f"i{n}"
        records += [
            model.Interaction(id=iid, channel=channel, at=NOW - (n + 1) * day,
                              direction="inbound", sentiment=sentiment, source="t"),
            model.Had(start_id="c1", end_id=iid, source="t"),
            model.Handled(start_id=employee, end_id=iid, source="t"),
        ]  # fmt: skip
    upsert(repo, records)
    return repo


def test_a_complaint_raises_an_alert_for_the_warmest_employee(shop: Repository) -> None:
    done = ingest_post(shop, LivePost(handle="@Ann", text=COMPLAINT, post_id="100", at=NOW))
    assert done.post.sentiment is not None
    assert done.post.sentiment <= -0.3
    alert = done.alert
    assert alert is not None
    assert alert.id == "alert:twitter:100"
    assert (alert.assignee, alert.team, alert.status) == ("e1", None, "open")
    assert alert.customer == "c1"
    assert alert.raised_at == NOW
    assert alert.due_by == NOW + timedelta(hours=24)  # not urgent: Ann has no influence yet
    assert 0 < (alert.severity or 0) < 0.7
    assert "about our products" in alert.reasons
    assert not alert.overdue(NOW + timedelta(hours=23))
    assert alert.overdue(NOW + timedelta(hours=25))


def test_ingesting_the_same_post_again_raises_no_second_alert(shop: Repository) -> None:
    again = ingest_post(shop, LivePost(handle="ann", text=COMPLAINT, post_id="100", at=NOW))
    assert again.alert is None
    assert [a.id for a in alert_queue.list_alerts(shop, status=None)].count(
        "alert:twitter:100"
    ) == 1


def test_a_stranger_s_complaint_goes_to_the_team_on_duty(shop: Repository) -> None:
    done = ingest_post(shop, LivePost(handle="nobody", text=COMPLAINT, post_id="101", at=NOW))
    assert done.alert is not None
    assert (done.alert.assignee, done.alert.team, done.alert.customer) == (None, "care", None)


@pytest.mark.parametrize(
    ("text", "post_id", "why"),
    [
        ("Love my Green Shirt from @rapportshop, perfect fit 😍", "102", "positive"),
        ("My neighbour's dog is the worst, I hate mornings", "103", "not about us"),
    ],
)
def test_posts_that_need_no_alert_raise_none(
    shop: Repository, text: str, post_id: str, why: str
) -> None:
    assert ingest_post(shop, LivePost(handle="ann", text=text, post_id=post_id)).alert is None, why


def test_a_plain_reshare_of_a_complaint_raises_no_alert_of_its_own(shop: Repository) -> None:
    live = LivePost(handle="bob", text="RT @ann: " + COMPLAINT, post_id="104",
                    in_reply_to="twitter:100", reference="reshare")  # fmt: skip
    assert ingest_post(shop, live).alert is None


def test_a_brand_reply_records_the_response_time(shop: Repository) -> None:
    reply = LivePost(handle="rapportshop", text="@ann so sorry, we will replace it today ^EO",
                     post_id="105", at=NOW + timedelta(minutes=42), in_reply_to="twitter:100")  # fmt: skip
    done = ingest_post(shop, reply)
    assert done.alert is None
    assert done.answered_alerts == 1
    alert = alert_queue.get_alert(shop, "alert:twitter:100")
    assert alert.response_minutes == 42.0
    assert alert.status == "acknowledged"
    assert not alert.overdue(NOW + timedelta(days=3))
    # A later answer does not move the response time: the first one counts.
    later = LivePost(handle="rapportshop", text="@ann your new one is on its way ^EO",
                     post_id="105b", at=NOW + timedelta(minutes=90), in_reply_to="twitter:100")  # fmt: skip
    assert ingest_post(shop, later).answered_alerts == 0
    assert alert_queue.get_alert(shop, "alert:twitter:100").response_minutes == 42.0


def _complaint(post: str, hours_ago: int) -> list[model.Record]:
    """Ann's complaint ``post``, mentioning the brand, ``hours_ago`` hours ago."""
    return [
        model.Post(id=post, platform="twitter", text=COMPLAINT, sentiment=-0.8,
                   at=NOW - timedelta(hours=hours_ago), source="t"),
        model.Posted(start_id="twitter:ann", end_id=post, source="t"),
        model.Mentions(start_id=post, end_id="twitter:rapportshop", source="t"),
    ]  # fmt: skip


def test_a_post_answered_before_its_alert_gets_it_acknowledged_at_once(shop: Repository) -> None:
    """An import of old posts raises alerts on complaints the brand already answered: each is
    written with its response time, as recording the answer later would (nothing left to do)."""
    hour = timedelta(hours=1)
    upsert(shop, _complaint("twitter:300", 3) + [
        model.Post(id="twitter:301", platform="twitter", text="@ann so sorry ^EO",
                   at=NOW - 2 * hour, source="t"),
        model.Post(id="twitter:302", platform="twitter", text="@ann here is a new one ^EO",
                   at=NOW - hour, source="t"),
    ] + [model.Posted(start_id="twitter:rapportshop", end_id=p, source="t") for p in ("twitter:301", "twitter:302")]
      + [model.RepliesTo(start_id=p, end_id="twitter:300", source="t") for p in ("twitter:302", "twitter:301")])  # fmt: skip
    raised = raise_alerts.raise_alerts(shop, posts=["twitter:300"])
    assert [d.post for d in raised] == ["twitter:300"]
    alert = alert_queue.get_alert(shop, "alert:twitter:300")
    assert (alert.status, alert.response_minutes) == ("acknowledged", 60.0)  # the first answer
    assert raise_alerts.record_responses(shop) == 0


def test_new_replies_answer_only_the_alerts_on_the_posts_they_reply_to(shop: Repository) -> None:
    """An incremental run (or a live reply) reads the alerts its new posts may answer, not every
    open one; a full run still finds any answer."""
    hour = timedelta(hours=1)
    upsert(shop, _complaint("twitter:400", 3))
    assert [d.post for d in raise_alerts.raise_alerts(shop, posts=["twitter:400"])] == [
        "twitter:400"
    ]
    upsert(shop, [
        model.Post(id="twitter:401", platform="twitter", text="@ann so sorry ^EO",
                   at=NOW - 2 * hour, source="t"),
        model.Posted(start_id="twitter:rapportshop", end_id="twitter:401", source="t"),
        model.RepliesTo(start_id="twitter:401", end_id="twitter:400", source="t"),
    ])  # fmt: skip
    assert raise_alerts.record_responses(shop, replies=[]) == 0
    assert raise_alerts.record_responses(shop, replies=["twitter:400", "twitter:105"]) == 0
    assert alert_queue.get_alert(shop, "alert:twitter:400").status == "open"
    assert raise_alerts.record_responses(shop, replies=["twitter:401", "twitter:401"]) == 1
    alert = alert_queue.get_alert(shop, "alert:twitter:400")
    assert (alert.status, alert.response_minutes) == ("acknowledged", 60.0)
    assert raise_alerts.record_responses(shop) == 0  # nothing left for a full run


def test_assign_resolve_and_reopen(shop: Repository) -> None:
    alert = alert_queue.assign(shop, "alert:twitter:101", "e2")
    assert (alert.assignee, alert.team) == ("e2", None)
    # The reason no longer claims the warmest employee was chosen.
    assert alert.reasons[-1] == "assigned by hand to e2"
    assert not any("warmest" in r for r in alert.reasons)
    alert = alert_queue.acknowledge(shop, "alert:twitter:101")
    assert alert.status == "acknowledged"
    assert alert.acknowledged_at is not None
    alert = alert_queue.resolve(shop, "alert:twitter:101", resolution="refunded")
    assert (alert.status, alert.resolution) == ("resolved", "refunded")
    with pytest.raises(InvalidTransition, match="reopen it first"):
        alert_queue.assign(shop, "alert:twitter:101", "e1")
    reopened = alert_queue.reopen(shop, "alert:twitter:101")
    assert (reopened.status, reopened.resolution, reopened.resolved_at) == ("open", None, None)
    assert "alert:twitter:101" in [a.id for a in alert_queue.list_alerts(shop, status="open")]


def test_unknown_alerts_and_employees_are_clear_errors(shop: Repository) -> None:
    with pytest.raises(NotFound, match="no alert 'alert:nope'"):
        alert_queue.acknowledge(shop, "alert:nope")
    with pytest.raises(NotFound, match="no employee 'e404'"):
        alert_queue.assign(shop, "alert:twitter:100", "e404")
    assert alert_queue.get_alert(shop, "alert:twitter:100").assignee == "e1"  # unchanged


def test_bad_posts_are_refused_naming_the_field(shop: Repository) -> None:
    with pytest.raises(InvalidRecord, match="text is empty"):
        ingest_post(shop, LivePost(handle="ann", text="  "))
    with pytest.raises(InvalidRecord, match="unknown platform 'myspace'"):
        ingest_post(shop, LivePost(handle="ann", text="hi", platform="myspace"))
    with pytest.raises(InvalidRecord, match="not a post id"):
        ingest_post(shop, LivePost(handle="ann", text="hi", in_reply_to="100"))


def test_the_queue_lists_open_alerts_most_severe_first(shop: Repository) -> None:
    ingest_post(shop, LivePost(handle="ann", post_id="106", at=NOW, followers=90_000, likes=500,
                               text="@rapportshop the Green Shirt is garbage. Terrible, awful "
                                    "service, never again!!! 😡😡"))  # fmt: skip
    queue = alert_queue.list_alerts(shop, status="open")
    assert queue[0].id == "alert:twitter:106"
    severities = [a.severity or 0 for a in queue]
    assert severities == sorted(severities, reverse=True)
    assert all(a.status == "open" for a in queue)
    assert alert_queue.list_alerts(shop, status="open", min_severity=1.0) == []
    with pytest.raises(Exception, match="unknown alert status"):
        alert_queue.list_alerts(shop, status="closed")


def test_cli_lists_and_resolves(shop: Repository, make_settings: Callable[..., Settings]) -> None:
    runner = CliRunner()
    base = [*cli_args(make_settings(db_name=shop.connection.database)), "alerts"]
    listed = runner.invoke(app, [*base, "list"])
    assert listed.exit_code == 0, listed.output
    assert "alert:twitter:106" in listed.output
    assert "Ann Lee -> Eve One (e1)" in listed.output
    done = runner.invoke(app, [*base, "resolve", "alert:twitter:106", "--note", "called her"])
    assert done.exit_code == 0, done.output
    assert "resolved" in done.output
    assert "called her" in done.output
