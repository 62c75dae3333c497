"""Alerts in the graph: raise them for negative posts, record brand answers, act on them.

The decisions (should a post alert, how severe, who answers, by when) are pure functions in
:mod:`graph.analytics.alert_rules`; this module reads what they need and writes what they decide:
``(Alert {id: "alert:" + post id})-[:ON]->(Post)`` and ``-[:ASSIGNED_TO]->(Employee)``.

- :func:`raise_alerts` runs after every import of posts, on single-post ingestion and in
  ``rapport analyze``. A post gets at most one alert, raised at the post's time (so an imported
  post's deadline is the one it really had). It goes to the author's warmest employee, computed
  from the author's contacts at that moment, else to the team on duty (``RAPPORT_ON_DUTY_TEAM``).
- :func:`record_responses`: the first brand reply to an alerted post records ``respondedAt`` and
  ``responseMinutes``, and an open alert becomes acknowledged (someone answered in public).
- :func:`refresh_open`: after influence and warmth are recomputed, open alerts get the new
  severity, and those the on-duty team holds go to the author's warmest employee if one exists.
- :func:`acknowledge`, :func:`assign`, :func:`resolve`, :func:`reopen`: what a person does.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graph import model
from graph.analytics import alert_rules as alerting
from graph.analytics import warmth
from graph.analytics.alert_rules import AlertDecision, PostSignal
from graph.errors import ConfigError, NotFound
from graph.store.projection import load_contacts
from graph.store.repository import Repository, Row
from graph.store.writes import BatchWriter
from graph.times import from_db_time, to_utc

ALERT_PREFIX = "alert:"


def alert_id(post: str) -> str:
    """The id of the alert on ``post`` (one alert per post).

    >>> alert_id("twitter:1846")
    'alert:twitter:1846'
    """
    return ALERT_PREFIX + post


@dataclass(frozen=True, slots=True)
class AlertView:
    """An alert as people see it: its state, the post, the author and who answers."""

    id: str
    kind: str | None
    severity: float | None
    status: str | None
    raised_at: datetime | None
    due_by: datetime | None
    team: str | None
    reasons: tuple[str, ...]
    responded_at: datetime | None
    response_minutes: float | None
    acknowledged_at: datetime | None
    resolved_at: datetime | None
    resolution: str | None
    post: str | None
    text: str | None
    posted_at: datetime | None
    sentiment: float | None
    account: str | None
    customer: str | None
    customer_name: str | None
    assignee: str | None
    assignee_name: str | None

    def overdue(self, now: datetime | None = None) -> bool:
        """Whether it is still unanswered and past its deadline."""
        if self.due_by is None or self.responded_at is not None or self.status == "resolved":
            return False
        return to_utc(now or datetime.now(UTC)) > self.due_by

    @classmethod
    def from_row(cls, row: Row) -> AlertView:
        """Build it from a row of ``alerts/list``."""

        def when(key: str) -> datetime | None:
            value = row.get(key)
            return None if value is None else from_db_time(value)

        return cls(
            id=row["id"],
            kind=row.get("kind"),
            severity=row.get("severity"),
            status=row.get("status"),
            raised_at=when("raisedAt"),
            due_by=when("dueBy"),
            team=row.get("team"),
            reasons=tuple(row.get("reasons") or ()),
            responded_at=when("respondedAt"),
            response_minutes=row.get("responseMinutes"),
            acknowledged_at=when("acknowledgedAt"),
            resolved_at=when("resolvedAt"),
            resolution=row.get("resolution"),
            post=row.get("post"),
            text=row.get("text"),
            posted_at=when("postedAt"),
            sentiment=row.get("sentiment"),
            account=row.get("account"),
            customer=row.get("customer"),
            customer_name=row.get("customerName"),
            assignee=row.get("assignee"),
            assignee_name=row.get("assigneeName"),
        )


def _signal(row: Row, ranked: int) -> PostSignal:
    return PostSignal(
        post=row["post"],
        author_customer=row.get("customer"),
        sentiment=float(row["sentiment"]),
        at=from_db_time(row["at"]) if row.get("at") is not None else datetime.now(UTC),
        about_our_products=int(row.get("products") or 0) > 0,
        mentions_brand=int(row.get("brands") or 0) > 0,
        followers=int(row.get("followers") or 0),
        influence_percentile=alerting.rank_percentile(row.get("rank"), ranked),
        likes=int(row.get("likes") or 0),
        shares=int(row.get("shares") or 0),
    )


def _ranked(repository: Repository) -> int:
    rows = repository.read("alerts/ranked_customers")
    return int(rows[0]["ranked"]) if rows else 0


def warmest_employees(
    repository: Repository, customers: Collection[str], *, at: datetime | None = None
) -> dict[str, str]:
    """Each customer's warmest employee (customers nobody knows are left out)."""
    if not customers:
        return {}
    contacts, sales = load_contacts(repository, customers)
    day = warmth.as_of_day(at or datetime.now(UTC))
    scores = warmth.warmth(contacts, sales, now=day, params=repository.settings.warmth_params)
    best = warmth.warmest_of_each(scores)
    return {customer: w.employee for customer, w in best.items() if w.score > 0}


def _records(decision: AlertDecision) -> Iterable[model.Record]:
    alert = alert_id(decision.post)
    yield model.Alert(
        id=alert,
        kind=decision.kind,
        severity=decision.severity,
        raised_at=decision.raised_at,
        due_by=decision.due_by,
        status="open",
        team=decision.team,
        reasons=decision.reasons,
        source="alerting",
    )
    yield model.On(start_id=alert, end_id=decision.post, source="alerting")
    if decision.assignee:
        yield model.AssignedTo(start_id=alert, end_id=decision.assignee, source="alerting")


def raise_alerts(
    repository: Repository, *, posts: Collection[str] | None = None
) -> list[AlertDecision]:
    """Raise an alert on every post that needs one and has none (``posts``: only those).

    Returns the alerts raised, most severe first.
    """
    settings = repository.settings
    policy = settings.alert_policy
    if posts is None:
        rows = repository.read("alerts/negative_posts", threshold=policy.threshold)
    elif posts:
        rows = repository.read(
            "alerts/negative_posts_by_ids", ids=sorted(posts), threshold=policy.threshold
        )
    else:
        return []
    if not rows:
        return []
    ranked = _ranked(repository)
    signals = {row["post"]: _signal(row, ranked) for row in rows}  # one per post
    authors = {s.author_customer for s in signals.values() if s.author_customer}
    assignees = warmest_employees(repository, authors) if authors else {}
    decisions = [
        decision
        for signal in signals.values()
        if (
            decision := alerting.decide(
                signal,
                warmest_employee=assignees.get(signal.author_customer or ""),
                on_duty_team=settings.on_duty_team,
                policy=policy,
            )
        )
        is not None
    ]
    with BatchWriter(repository) as writer:
        for decision in decisions:
            writer.add_all(_records(decision))
    decisions.sort(key=lambda d: (-d.severity, d.post))
    return decisions


def record_responses(repository: Repository) -> int:
    """Record the first brand reply to each alerted post; returns how many alerts got one."""
    rows = []
    for row in repository.read("alerts/brand_replies"):
        raised = from_db_time(row["raisedAt"]) if row.get("raisedAt") else None
        replied = from_db_time(row["repliedAt"])
        props: dict[str, Any] = {"respondedAt": replied}
        if raised is not None:
            props["responseMinutes"] = round(alerting.response_minutes(raised, replied), 1)
        if (row.get("status") or alerting.OPEN) == alerting.OPEN:
            props.update(status=alerting.ACKNOWLEDGED, acknowledgedAt=replied)
        rows.append({"id": row["alert"], "props": props})
    if rows:
        repository.write_rows("write/upsert_alert", rows)
    return len(rows)


def refresh_open(repository: Repository) -> tuple[int, int]:
    """Re-score open alerts and give team-held ones to a warmest employee: (updated, assigned)."""
    settings = repository.settings
    rows = repository.read("alerts/open_alert_authors")
    if not rows:
        return 0, 0
    ranked = _ranked(repository)
    held = {row["id"]: row for row in rows if row.get("team") and row.get("customer")}
    assignees = warmest_employees(repository, {row["customer"] for row in held.values()})
    updates = []
    assigned = 0
    for row in rows:
        signal = _signal(row, ranked)
        level = alerting.severity(signal)
        raised = from_db_time(row["raisedAt"]) if row.get("raisedAt") else None
        employee = assignees.get(row.get("customer") or "") if row["id"] in held else None
        # New facts about the post and author; who answers stays as decided (or reassigned).
        why = alerting.reasons(signal, settings.alert_policy, employee, row.get("team") or "")
        kept = tuple(row.get("reasons") or ())[-1:] if not employee else why[-1:]
        props: dict[str, Any] = {"severity": level, "reasons": [*why[:-1], *kept]}
        if raised is not None:
            props["dueBy"] = raised + settings.alert_policy.sla(level)
        updates.append({"id": row["id"], "props": props})
        if employee:
            repository.write("alerts/assign", id=row["id"], employee=employee)
            assigned += 1
    repository.write_rows("write/upsert_alert", updates)
    return len(updates), assigned


def list_alerts(
    repository: Repository,
    *,
    status: str | None = None,
    min_severity: float = 0.0,
    first: int = 50,
    skip: int = 0,
) -> list[AlertView]:
    """Alerts, most severe first, optionally of one ``status`` and at least ``min_severity``."""
    _check_status(status)
    if first < 1 or skip < 0:
        raise ConfigError(
            f"cannot list {first} alerts from {skip}", hint="first >= 1 and skip >= 0"
        )
    rows = repository.read(
        "alerts/list", status=status, min_severity=min_severity, skip=skip, limit=first
    )
    return [AlertView.from_row(row) for row in rows]


def count_alerts(
    repository: Repository, *, status: str | None = None, min_severity: float = 0.0
) -> int:
    """How many alerts :func:`list_alerts` would page through."""
    _check_status(status)
    rows = repository.read("alerts/count", status=status, min_severity=min_severity)
    return int(rows[0]["total"]) if rows else 0


def _check_status(status: str | None) -> None:
    if status is not None and status not in alerting.STATUSES:
        raise ConfigError(
            f"unknown alert status {status!r}", hint=f"use one of: {', '.join(alerting.STATUSES)}"
        )


def get_alert(repository: Repository, alert: str) -> AlertView:
    """One alert, or :class:`NotFound`."""
    rows = repository.read("alerts/one", id=alert)
    if not rows:
        raise NotFound(
            f"no alert {alert!r}", hint="list them with `rapport alerts list --status open`"
        )
    return AlertView.from_row(rows[0])


def _move(repository: Repository, alert: str, action: str, props: dict[str, Any]) -> AlertView:
    current = get_alert(repository, alert)
    status = alerting.transition(alert, current.status, action)
    row = {"id": alert, "props": {**props, "status": status}}
    repository.write_rows("write/upsert_alert", [row])
    return get_alert(repository, alert)


def acknowledge(repository: Repository, alert: str, *, at: datetime | None = None) -> AlertView:
    """Someone is on it: open -> acknowledged (again: harmless)."""
    return _move(repository, alert, "acknowledge", {"acknowledgedAt": to_utc(at or _now())})


def resolve(
    repository: Repository, alert: str, *, resolution: str | None = None, at: datetime | None = None
) -> AlertView:
    """Done: open or acknowledged -> resolved, with an optional note on how."""
    props: dict[str, Any] = {"resolvedAt": to_utc(at or _now())}
    if resolution:
        props["resolution"] = resolution
    return _move(repository, alert, "resolve", props)


def reopen(repository: Repository, alert: str) -> AlertView:
    """Back to open (a resolved complaint came back)."""
    return _move(repository, alert, "reopen", {})


def assign(repository: Repository, alert: str, employee: str) -> AlertView:
    """Give the alert to ``employee`` (replacing the assignee or the team)."""
    current = get_alert(repository, alert)
    alerting.transition(alert, current.status, "assign")
    if not repository.write("alerts/assign", id=alert, employee=employee):
        raise NotFound(
            f"no employee {employee!r}", hint="give the id of an Employee node, e.g. e0003"
        )
    return get_alert(repository, alert)


def _now() -> datetime:
    return datetime.now(UTC)
