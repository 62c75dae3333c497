"""The damage-control queue: alerts as people see them, and what people do with them.

An alert is ``(Alert {id: "alert:" + post id})-[:ON]->(Post)`` and ``-[:ASSIGNED_TO]->(Employee)``
(raised by :mod:`graph.jobs.raise_alerts`). :func:`list_alerts`, :func:`count_alerts` and
:func:`get_alert` read the queue; :func:`acknowledge`, :func:`assign`, :func:`resolve` and
:func:`reopen` move an alert along the transitions of :mod:`graph.analytics.alert_rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graph.analytics import alert_rules as alerting
from graph.answers.paging import Page, Window, cursor_params, window
from graph.errors import ConfigError, NotFound
from graph.store import outbox
from graph.store.repository import Repository, Row
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


@dataclass(frozen=True, slots=True)
class AlertFilter:
    """Which alerts: every condition given must hold (``raised_*``: ``[since, until)``)."""

    status: str | None = None
    min_severity: float = 0.0
    assignee: str | None = None
    raised_since: datetime | None = None
    raised_until: datetime | None = None

    def params(self) -> dict[str, Any]:
        """The statements' parameters."""
        _check_status(self.status)
        return {
            "status": self.status, "min_severity": self.min_severity, "assignee": self.assignee,
            "raised_since": to_utc(self.raised_since) if self.raised_since else None,
            "raised_until": to_utc(self.raised_until) if self.raised_until else None,
        }  # fmt: skip


def alert_page(repository: Repository, where: AlertFilter, w: Window) -> Page[AlertView]:
    """One keyset page of the alerts (most severe first when ``w`` is descending)."""
    rows = repository.read("alerts/list", **where.params(), **cursor_params(w))
    views = [(AlertView.from_row(r), (float(r["num"]), str(r["txt"]), str(r["id"]))) for r in rows]
    page = w.page(views, key=lambda pair: pair[1])
    return Page([v for v, _ in page.items], page.keys, page.has_next, page.has_previous)


def list_alerts(
    repository: Repository,
    *,
    status: str | None = None,
    min_severity: float = 0.0,
    first: int = 50,
) -> list[AlertView]:
    """Alerts, most severe first, optionally of one ``status`` and at least ``min_severity``."""
    if first < 1:
        raise ConfigError(f"cannot list {first} alerts", hint="first >= 1")
    w = window(first, None, None, None, first, descending=True)
    return alert_page(repository, AlertFilter(status, min_severity), w).items


def count_alerts(repository: Repository, where: AlertFilter | None = None) -> int:
    """How many alerts :func:`alert_page` pages through."""
    rows = repository.read("alerts/count", **(where or AlertFilter()).params())
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
    if repository.write_rows("write/upsert_alert", [row], count="changed"):
        outbox.record(repository, "updated", [alert])
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
    """Back to open (a resolved complaint came back): the earlier resolution no longer holds."""
    return _move(repository, alert, "reopen", {"resolution": None, "resolvedAt": None})


def assign(repository: Repository, alert: str, employee: str) -> AlertView:
    """Give the alert to ``employee`` (replacing the assignee or the team)."""
    current = get_alert(repository, alert)
    alerting.transition(alert, current.status, "assign")
    if not repository.write("alerts/assign", id=alert, employee=employee):
        raise NotFound(
            f"no employee {employee!r}", hint="give the id of an Employee node, e.g. e0003"
        )
    # The last reason says who answers: no longer "the warmest employee" but a person's choice.
    why = [*current.reasons[:-1], f"assigned by hand to {employee}"]
    repository.write_rows("write/upsert_alert", [{"id": alert, "props": {"reasons": why}}])
    outbox.record(repository, "updated", [alert])
    return get_alert(repository, alert)


def _now() -> datetime:
    return datetime.now(UTC)
