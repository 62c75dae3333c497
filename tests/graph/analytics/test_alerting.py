"""Damage control: which posts raise alerts, how severe, who answers and by when."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from graph.analytics.alert_rules import (
    AlertPolicy,
    PostSignal,
    decide,
    rank_percentile,
    response_minutes,
    severity,
    should_alert,
)

AT = datetime(2025, 10, 7, 9, 0, tzinfo=UTC)
ANGRY = PostSignal(
    post="twitter:1",
    author_customer="c1",
    sentiment=-0.8,
    at=AT,
    about_our_products=True,
    mentions_brand=False,
)


def test_a_neutral_post_raises_nothing() -> None:
    calm = replace(ANGRY, sentiment=0.0, mentions_brand=True)
    assert not should_alert(calm)
    assert decide(calm, warmest_employee="e1") is None


def test_a_negative_post_not_about_us_raises_nothing() -> None:
    elsewhere = replace(ANGRY, about_our_products=False, mentions_brand=False)
    assert not should_alert(elsewhere)
    assert decide(elsewhere, warmest_employee="e1") is None


def test_a_negative_post_mentioning_only_the_brand_raises() -> None:
    assert should_alert(replace(ANGRY, about_our_products=False, mentions_brand=True))


def test_threshold_is_inclusive_and_configurable() -> None:
    assert should_alert(replace(ANGRY, sentiment=-0.3))
    assert not should_alert(replace(ANGRY, sentiment=-0.29))
    strict = AlertPolicy(threshold=-0.9)
    assert not should_alert(ANGRY, strict)
    assert decide(ANGRY, warmest_employee="e1", policy=strict) is None


def test_severity_follows_the_documented_formula() -> None:
    unknown = ANGRY
    assert severity(unknown) == 0.32  # 0.4 × 0.8; no influence, no reach (log10(1) = 0)
    famous = replace(ANGRY, influence_percentile=0.95, followers=50_000, shares=100, likes=400)
    reach = math.log10(1 + 50_000 + 10 * 100 + 400) / 5
    assert severity(famous) == round(0.4 * 0.8 + 0.35 * 0.95 + 0.25 * reach, 3) == 0.888


def test_an_influential_authors_angry_post_is_more_severe_than_an_unknowns() -> None:
    influential = replace(ANGRY, influence_percentile=0.99, followers=20_000)
    assert severity(influential) > severity(ANGRY)
    alert = decide(influential, warmest_employee="e1")
    plain = decide(ANGRY, warmest_employee="e1")
    assert alert is not None
    assert plain is not None
    assert alert.severity > plain.severity


def test_severity_is_capped_at_one() -> None:
    worst = replace(ANGRY, sentiment=-5.0, influence_percentile=2.0, followers=10**9)
    assert severity(worst) == 1.0
    assert severity(replace(ANGRY, sentiment=0.5)) == 0.0


def test_due_time_follows_the_sla_of_the_severity() -> None:
    urgent = decide(
        replace(ANGRY, influence_percentile=1.0, followers=10**5), warmest_employee="e1"
    )
    normal = decide(ANGRY, warmest_employee="e1")
    assert urgent is not None
    assert normal is not None
    assert urgent.severity >= 0.7 > normal.severity
    assert (urgent.raised_at, urgent.due_by) == (AT, AT + timedelta(hours=4))
    assert (normal.raised_at, normal.due_by) == (AT, AT + timedelta(hours=24))
    fast = AlertPolicy(
        sla_urgent=timedelta(minutes=30), sla_normal=timedelta(hours=2), urgent_at=0.3
    )
    now = AT + timedelta(hours=1)
    quick = decide(ANGRY, warmest_employee="e1", now=now, policy=fast)
    assert quick is not None
    assert (quick.raised_at, quick.due_by) == (now, now + timedelta(minutes=30))


def test_the_warmest_employee_is_assigned() -> None:
    alert = decide(ANGRY, warmest_employee="e7", on_duty_team="night")
    assert alert is not None
    assert (alert.post, alert.kind, alert.assignee, alert.team) == (
        "twitter:1",
        "negative_post",
        "e7",
        None,
    )
    assert alert.reasons[:2] == ("sentiment -0.80 is at or below -0.30", "about our products")


def test_without_a_warm_employee_the_team_on_duty_gets_it() -> None:
    alert = decide(ANGRY, warmest_employee=None)
    assert alert is not None
    assert (alert.assignee, alert.team) == (None, "care")
    night = decide(ANGRY, warmest_employee=None, on_duty_team="night")
    assert night is not None
    assert night.team == "night"
    assert night.reasons[-1] == "no employee knows the author: assigned to the night team on duty"


def test_naive_times_are_utc() -> None:
    naive = replace(ANGRY, at=datetime(2025, 10, 7, 9, 0))
    alert = decide(naive, warmest_employee="e1")
    assert alert is not None
    assert alert.raised_at == AT
    assert alert.raised_at.utcoffset() == timedelta(0)


def test_response_minutes() -> None:
    paris = timezone(timedelta(hours=2))
    assert response_minutes(AT, AT + timedelta(minutes=95, seconds=30)) == 95.5
    assert response_minutes(AT, datetime(2025, 10, 7, 12, 0, tzinfo=paris)) == 60.0
    assert response_minutes(AT, AT - timedelta(minutes=5)) == 0.0  # replied before the alert


def test_rank_percentile_is_one_for_the_top_and_zero_without_a_rank() -> None:
    assert rank_percentile(1, 5) == 1.0
    assert rank_percentile(5, 5) == 0.2
    assert rank_percentile(3, 4) == 0.5
    assert rank_percentile(None, 5) == 0.0
    assert rank_percentile(2, 0) == 0.0


def test_rank_percentile_feeds_severity() -> None:
    louder = severity(replace(ANGRY, influence_percentile=rank_percentile(1, 4)))
    quieter = severity(replace(ANGRY, influence_percentile=rank_percentile(4, 4)))
    assert louder - quieter == pytest.approx(0.35 * (1.0 - 0.25), abs=1e-3)
