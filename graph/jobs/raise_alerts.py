"""Raise alerts for negative posts, record brand answers, re-score open alerts.

The decisions (should a post alert, how severe, who answers, by when) are pure functions in
:mod:`graph.analytics.alert_rules`; this module reads what they need and writes what they decide.

- :func:`raise_alerts` runs after every import of posts, on single-post ingestion and in
  ``rapport analyze``. A post gets at most one alert, raised at the post's time (so an imported
  post's deadline is the one it really had). It goes to the author's warmest employee, computed
  from the author's contacts at that moment, else to the team on duty (``RAPPORT_ON_DUTY_TEAM``).
- :func:`record_responses`: the first brand reply to an alerted post records ``respondedAt`` and
  ``responseMinutes``, and an open alert becomes acknowledged (someone answered in public).
- :func:`refresh_open`: after influence and warmth are recomputed, open alerts get the new
  severity, and those the on-duty team holds go to the author's warmest employee if one exists.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import UTC, datetime
from typing import Any

from graph import model
from graph.analytics import alert_rules as alerting
from graph.analytics import warmth
from graph.analytics.alert_rules import AlertDecision, PostSignal
from graph.answers.alert_queue import alert_id
from graph.store import outbox
from graph.store.projection import load_contacts
from graph.store.repository import Repository, Row
from graph.store.writes import BatchWriter
from graph.times import from_db_time


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


#: Ranks looked up per statement while narrowing down how many customers are ranked.
_PROBES = 64


def _ranked(repository: Repository) -> int:
    """How many customers hold an ``influenceRank``: ranks run 1..n without gaps, so n is the
    last rank held. Found by index lookups, ``_PROBES`` ranks a statement, each statement
    narrowing [held, not held) about 64-fold: three statements for 100,000 customers."""
    rows = repository.read("alerts/customer_count")
    low, high = 0, (int(rows[0]["customers"]) if rows else 0) + 1  # rank `high` is not held
    while high - low > 1:
        step = -(-(high - low) // (_PROBES + 1))
        probes = list(range(low + step, high, step))[:_PROBES]
        held = {
            int(r["rank"]): bool(r["held"])
            for r in repository.read("alerts/ranks_held", ranks=probes)
        }
        low = max([k for k in probes if held.get(k)], default=low)
        high = min([k for k in probes if k > low and not held.get(k)], default=high)
    return low


def warmest_employees(
    repository: Repository, customers: Collection[str], *, at: datetime | None = None
) -> dict[str, str]:
    """Each customer's warmest employee (customers nobody knows are left out)."""
    if not customers:
        return {}
    inputs = load_contacts(repository, customers)
    day = warmth.as_of_day(at or datetime.now(UTC))
    scores = warmth.warmth(*inputs, now=day, params=repository.settings.warmth_params)
    best = warmth.warmest_of_each(scores)
    return {customer: w.employee for customer, w in best.items() if w.score > 0}


def _answer(raised_at: datetime | None, replied: datetime, status: str | None) -> dict[str, Any]:
    """An alert's fields once the brand answered its post at ``replied``: the response and its
    time, and an open alert acknowledged (attribute names)."""
    answer: dict[str, Any] = {"responded_at": replied}
    if raised_at is not None:
        answer["response_minutes"] = round(alerting.response_minutes(raised_at, replied), 1)
    if (status or alerting.OPEN) == alerting.OPEN:
        answer.update(status=alerting.ACKNOWLEDGED, acknowledged_at=replied)
    return answer


def _first_replies(repository: Repository, posts: Collection[str]) -> dict[str, datetime]:
    """When the brand first answered each of ``posts`` (posts without an answer left out)."""
    rows = repository.read("alerts/first_replies", posts=sorted(posts)) if posts else []
    return {row["post"]: from_db_time(row["repliedAt"]) for row in rows}


def _records(decision: AlertDecision, replied: datetime | None) -> Iterable[model.Record]:
    """The alert, its post and its assignee; ``replied``: when the brand first answered the post
    (the alert is written answered, as :func:`record_responses` would record it later)."""
    alert = alert_id(decision.post)
    answered: dict[str, Any] = {"status": alerting.OPEN}
    if replied is not None:
        answered = _answer(decision.raised_at, replied, alerting.OPEN)
    yield model.Alert(
        id=alert,
        kind=decision.kind,
        severity=decision.severity,
        raised_at=decision.raised_at,
        due_by=decision.due_by,
        team=decision.team,
        reasons=decision.reasons,
        source="alerting",
        **answered,
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
    # Posts answered before their alert is raised (an import of old posts) get it at once:
    # writing the alert, then its response, cost twice the writes.
    replies = _first_replies(repository, [d.post for d in decisions])
    with BatchWriter(repository) as writer:
        for decision in decisions:
            writer.add_all(_records(decision, replies.get(decision.post)))
    decisions.sort(key=lambda d: (-d.severity, d.post))
    # Every running API server tells its alertRaised subscribers, whoever raised them.
    outbox.record(repository, "raised", [alert_id(d.post) for d in decisions])
    return decisions


def record_responses(repository: Repository, replies: Collection[str] | None = None) -> int:
    """Record the first brand reply to each alerted post; returns how many alerts got one.

    ``replies``: only the alerts on the posts these new posts reply to (an incremental run or
    a live reply: 13,500 open alerts at 100,000 customers need not be read for 100 new posts;
    an alert raised later on a post answered before is written answered by the raising)."""
    if replies is None:
        unanswered = repository.read("alerts/unanswered")
    elif replies:
        unanswered = repository.read("alerts/unanswered_of", replies=sorted(replies))
    else:
        return 0
    first = _first_replies(repository, [row["post"] for row in unanswered])
    rows = []
    for row in unanswered:
        replied = first.get(row["post"])
        if replied is None:
            continue
        raised = from_db_time(row["raisedAt"]) if row.get("raisedAt") else None
        props = model.Alert(id=row["alert"], **_answer(raised, replied, row.get("status"))).props()
        del props["source"]  # the alert's own stays
        rows.append({"id": row["alert"], "props": props})
    return repository.write_rows("alerts/record_responses", rows) if rows else 0


def refresh_open(repository: Repository) -> tuple[int, int]:
    """Re-score open alerts and give team-held ones to a warmest employee: (changed, assigned)."""
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
    # Alerts whose severity, reasons and deadline are what they were are not rewritten.
    return repository.write_rows("write/upsert_alert", updates, count="changed"), assigned
