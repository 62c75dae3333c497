"""Damage control: when a negative post raises an alert, how severe it is, who answers by when.

A post raises an alert when its sentiment is at or below the policy's ``threshold`` (-0.3) and it
is about our products or mentions our brand (DESIGN.md §5). Its severity, in 0..1, is::

    0.40 × negativity + 0.35 × influence percentile + 0.25 × reach

with ``negativity = min(1, -sentiment)`` (0 for a non-negative post), the author's influence
percentile among customers (1 = most influential, 0 when unknown) and
``reach = min(1, log10(1 + followers + 10 × shares + likes) / 5)``: a share weighs like ten
followers, and 100 000 followers' worth of audience is full reach. The alert goes to the
employee with the warmest relationship with the author, or else to the team on duty, and is due
within ``sla_urgent`` (4 h) when severity is at least ``urgent_at`` (0.7), else within
``sla_normal`` (24 h).

Datetimes without a zone are taken to be UTC; results are in UTC.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from graph import vocab
from graph.errors import InvalidTransition
from graph.times import to_utc

NEGATIVE_POST = vocab.AlertKind.NEGATIVE_POST.value
OPEN, ACKNOWLEDGED, RESOLVED = (s.value for s in vocab.AlertStatus)
STATUSES = vocab.values(vocab.AlertStatus)
NEGATIVITY_WEIGHT = 0.40
INFLUENCE_WEIGHT = 0.35
REACH_WEIGHT = 0.25
FULL_REACH_DECADES = 5.0
SHARE_AUDIENCE = 10


@dataclass(frozen=True, slots=True)
class AlertPolicy:
    """When to alert and how fast to answer."""

    threshold: float = -0.3
    sla_urgent: timedelta = timedelta(hours=4)
    sla_normal: timedelta = timedelta(hours=24)
    urgent_at: float = 0.7

    def sla(self, severity: float) -> timedelta:
        """How long the team has to answer an alert of this severity.

        >>> AlertPolicy().sla(0.7), AlertPolicy().sla(0.69)
        (datetime.timedelta(seconds=14400), datetime.timedelta(days=1))
        """
        return self.sla_urgent if severity >= self.urgent_at else self.sla_normal


DEFAULT_POLICY = AlertPolicy()


@dataclass(frozen=True, slots=True)
class PostSignal:
    """What alerting needs to know about one post and its author."""

    post: str
    author_customer: str | None
    sentiment: float
    at: datetime
    about_our_products: bool
    mentions_brand: bool
    followers: int = 0
    influence_percentile: float = 0.0
    likes: int = 0
    shares: int = 0


@dataclass(frozen=True, slots=True)
class AlertDecision:
    """An alert to raise: who answers (``assignee``, else ``team``), by when, and why."""

    post: str
    kind: str
    severity: float
    raised_at: datetime
    due_by: datetime
    assignee: str | None
    team: str | None
    reasons: tuple[str, ...]


def should_alert(signal: PostSignal, policy: AlertPolicy = DEFAULT_POLICY) -> bool:
    """Whether the post is negative enough and about us (our products or our brand).

    >>> at = datetime(2025, 10, 7)
    >>> should_alert(PostSignal("p1", "c1", -0.6, at, True, False))  # about our products
    True
    >>> should_alert(PostSignal("p2", "c1", -0.6, at, False, False))  # about something else
    False
    """
    return signal.sentiment <= policy.threshold and (
        signal.about_our_products or signal.mentions_brand
    )


def _reach(signal: PostSignal) -> float:
    audience = max(0, signal.followers) + SHARE_AUDIENCE * max(0, signal.shares)
    audience += max(0, signal.likes)
    return min(1.0, math.log10(1 + audience) / FULL_REACH_DECADES)


def severity(signal: PostSignal) -> float:
    """How bad the post is for us, in 0..1 rounded to 0.001 (formula in the module docstring).

    >>> at = datetime(2025, 10, 7)
    >>> severity(PostSignal("p1", None, -1.0, at, True, False, followers=99_999))
    0.65
    """
    negativity = min(1.0, max(0.0, -signal.sentiment))
    influence = min(1.0, max(0.0, signal.influence_percentile))
    score = (
        NEGATIVITY_WEIGHT * negativity
        + INFLUENCE_WEIGHT * influence
        + REACH_WEIGHT * _reach(signal)
    )
    return round(score, 3)


def reasons(
    signal: PostSignal, policy: AlertPolicy, assignee: str | None, team: str
) -> tuple[str, ...]:
    """Why the post alerts and how severe it is, in short sentences; the last one says who
    answers (``assignee``, else the on-duty ``team``)."""
    found = [f"sentiment {signal.sentiment:+.2f} is at or below {policy.threshold:+.2f}"]
    if signal.about_our_products:
        found.append("about our products")
    if signal.mentions_brand:
        found.append("mentions our brand")
    if signal.influence_percentile > 0:
        found.append(
            f"author's influence at the {signal.influence_percentile:.1%} percentile of customers"
        )
    if signal.followers or signal.likes or signal.shares:
        found.append(
            f"reach: {signal.followers} followers, {signal.likes} likes, {signal.shares} shares"
        )
    if assignee:
        found.append("assigned to the employee with the warmest relationship with the author")
    else:
        found.append(f"no employee knows the author: assigned to the {team} team on duty")
    return tuple(found)


def decide(
    signal: PostSignal,
    *,
    warmest_employee: str | None,
    on_duty_team: str = "care",
    now: datetime | None = None,
    policy: AlertPolicy = DEFAULT_POLICY,
) -> AlertDecision | None:
    """The alert to raise for a post, or ``None`` when it needs none.

    It is assigned to ``warmest_employee`` when there is one (``team`` is then ``None``), else to
    ``on_duty_team``; it is raised at ``now`` (default: when the post was made) and due
    ``policy.sla(severity)`` later.

    >>> post = PostSignal("p1", "c1", -0.9, datetime(2025, 10, 7, 9), True, True, 10, 0.99, 0, 0)
    >>> alert = decide(post, warmest_employee="e7")
    >>> alert.severity, alert.assignee, alert.due_by.isoformat()
    (0.759, 'e7', '2025-10-07T13:00:00+00:00')
    """
    if not should_alert(signal, policy):
        return None
    level = severity(signal)
    raised_at = to_utc(now if now is not None else signal.at)
    return AlertDecision(
        post=signal.post,
        kind=NEGATIVE_POST,
        severity=level,
        raised_at=raised_at,
        due_by=raised_at + policy.sla(level),
        assignee=warmest_employee,
        team=None if warmest_employee else on_duty_team,
        reasons=reasons(signal, policy, warmest_employee, on_duty_team),
    )


def response_minutes(alert_raised_at: datetime, reply_at: datetime) -> float:
    """Minutes from raising an alert to the first reply; a reply made before the alert counts 0.

    >>> response_minutes(datetime(2025, 10, 7, 9), datetime(2025, 10, 7, 10, 30))
    90.0
    """
    seconds = (to_utc(reply_at) - to_utc(alert_raised_at)).total_seconds()
    return max(0.0, seconds / 60.0)


def rank_percentile(rank: int | None, ranked: int) -> float:
    """The percentile of ``Customer.influenceRank`` ``rank`` among ``ranked`` customers.

    The share of customers at or below it: rank 1 is 1.0; no rank (never analysed) is 0.0. Ranks
    run from 1 without gaps, so this needs no other customer's score.

    >>> rank_percentile(1, 4), rank_percentile(4, 4), rank_percentile(None, 4)
    (1.0, 0.25, 0.0)
    """
    if rank is None or ranked <= 0 or rank < 1:
        return 0.0
    return max(0.0, (ranked - rank + 1) / ranked)


_ALLOWED = {
    "acknowledge": {OPEN: ACKNOWLEDGED, ACKNOWLEDGED: ACKNOWLEDGED},
    "assign": {OPEN: OPEN, ACKNOWLEDGED: ACKNOWLEDGED},
    "resolve": {OPEN: RESOLVED, ACKNOWLEDGED: RESOLVED},
    "reopen": {RESOLVED: OPEN, ACKNOWLEDGED: OPEN, OPEN: OPEN},
}


def transition(alert: str, status: str | None, action: str) -> str:
    """The status an alert moves to when ``action`` is taken, or :class:`InvalidTransition`.

    Acknowledging twice is harmless; a resolved alert must be reopened before anything else.

    >>> transition("alert:1", "open", "acknowledge"), transition("alert:1", "open", "resolve")
    ('acknowledged', 'resolved')
    >>> transition("alert:1", "resolved", "assign")
    Traceback (most recent call last):
    ...
    graph.errors.InvalidTransition: alert:1 is resolved: cannot assign it (hint: reopen it first)
    """
    moves = _ALLOWED.get(action)
    if moves is None:
        raise InvalidTransition(
            f"unknown alert action {action!r}", hint=f"use one of: {', '.join(_ALLOWED)}"
        )
    current = status or OPEN
    if current not in moves:
        raise InvalidTransition(f"{alert} is {current}: cannot {action} it", hint="reopen it first")
    return moves[current]
