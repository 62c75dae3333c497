"""`rapport alerts ...` (the damage-control queue) and `rapport ingest-post`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from api.cli.common import console, repository
from graph.analytics.alert_rules import STATUSES
from graph.answers import alert_queue
from graph.answers.alert_queue import AlertView
from importers.run.live import PLATFORMS, LivePost, ingest_post

app = typer.Typer(
    help="Alerts raised by negative posts about us: list, show, acknowledge, assign, resolve.",
    no_args_is_help=True,
)


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


def _who(alert: AlertView) -> str:
    if alert.assignee:
        return f"{alert.assignee_name or ''} ({alert.assignee})".strip()
    return f"team {alert.team}" if alert.team else "-"


def show_alert(alert: AlertView) -> None:
    """Print one alert in full: state, post, author, assignee, reasons."""
    late = " [red]overdue[/]" if alert.overdue() else ""
    console.print(f"[bold]{alert.id}[/]  severity {alert.severity or 0:.3f}  {alert.status}{late}")
    console.print(f"  raised {_when(alert.raised_at)}, due {_when(alert.due_by)}", highlight=False)
    if alert.responded_at:
        console.print(
            f"  answered {_when(alert.responded_at)} after {alert.response_minutes or 0:,.0f} min",
            highlight=False,
        )
    author = f"{alert.customer_name} ({alert.customer})" if alert.customer else "unknown"
    console.print(f"  post {alert.post} by {alert.account}, customer {author}", highlight=False)
    if alert.text:
        console.print(f"  “{alert.text[:280]}”", highlight=False)
    console.print(f"  assigned to {_who(alert)}", highlight=False)
    for reason in alert.reasons:
        console.print(f"  - {reason}", highlight=False)
    if alert.resolution:
        console.print(f"  resolution: {alert.resolution}", highlight=False)


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option(help=f"Only alerts in this state: {', '.join(STATUSES)}.")
    ] = "open",
    all_states: Annotated[bool, typer.Option("--all", help="Every state.")] = False,
    min_severity: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Only alerts at least this severe.")
    ] = 0.0,
    first: Annotated[int, typer.Option(min=1, max=10_000, help="How many.")] = 20,
) -> None:
    """The alert queue, most severe first (open ones by default)."""
    with repository(ctx) as repo:
        found = alert_queue.list_alerts(
            repo, status=None if all_states else status, min_severity=min_severity, first=first
        )
    if not found:
        console.print("no alerts")
        return
    for a in found:
        late = " [red]late[/]" if a.overdue() else ""
        author = a.customer_name or a.account or "unknown author"
        text = (a.text or "").replace("\n", " ")
        console.print(
            f"[bold]{a.severity or 0:.3f}[/] {a.status:<12} due {_when(a.due_by)}{late}  {a.id}\n"
            f"      {author} -> {_who(a)}: “{text[:100]}{'…' if len(text) > 100 else ''}”",
            highlight=False,
        )


@app.command("show")
def show_command(ctx: typer.Context, alert: str) -> None:
    """One alert in full, with the reasons for its severity and assignee."""
    with repository(ctx) as repo:
        show_alert(alert_queue.get_alert(repo, alert))


@app.command("ack")
def acknowledge_command(ctx: typer.Context, alert: str) -> None:
    """Acknowledge: someone is on it."""
    with repository(ctx) as repo:
        show_alert(alert_queue.acknowledge(repo, alert))


@app.command("assign")
def assign_command(ctx: typer.Context, alert: str, employee: str) -> None:
    """Give the alert to an employee (by id)."""
    with repository(ctx) as repo:
        show_alert(alert_queue.assign(repo, alert, employee))


@app.command("resolve")
def resolve_command(
    ctx: typer.Context,
    alert: str,
    note: Annotated[str | None, typer.Option(help="How it was resolved.")] = None,
) -> None:
    """Resolve the alert, with an optional note."""
    with repository(ctx) as repo:
        show_alert(alert_queue.resolve(repo, alert, resolution=note))


@app.command("reopen")
def reopen_command(ctx: typer.Context, alert: str) -> None:
    """Open a resolved or acknowledged alert again."""
    with repository(ctx) as repo:
        show_alert(alert_queue.reopen(repo, alert))


def ingest_post_command(
    ctx: typer.Context,
    handle: Annotated[str, typer.Option(help="The author's handle, e.g. @ann.")],
    text: Annotated[str, typer.Option(help="The post's text.")],
    platform: Annotated[str, typer.Option(help=f"One of: {', '.join(PLATFORMS)}.")] = "twitter",
    post_id: Annotated[
        str | None, typer.Option("--id", help="The platform's post id (default: a new one).")
    ] = None,
    at: Annotated[
        datetime | None, typer.Option(help="When it was posted (default: now; UTC if no zone).")
    ] = None,
    reply_to: Annotated[
        str | None, typer.Option(help="The post it answers, as platform:postId.")
    ] = None,
    followers: Annotated[int | None, typer.Option(min=0, help="The author's followers.")] = None,
) -> None:
    """Ingest one post now: enrich it, write it, and raise its alert if it is a complaint."""
    live = LivePost(
        handle=handle,
        text=text,
        platform=platform,
        post_id=post_id,
        at=at.replace(tzinfo=at.tzinfo or UTC) if at else None,
        in_reply_to=reply_to,
        followers=followers,
    )
    with repository(ctx) as repo:
        done = ingest_post(repo, live)
    post = done.post
    console.print(
        f"post {post.id}: sentiment {post.sentiment:+.2f} ({post.sentiment_label}), "
        f"intent {post.intent}, category {post.category}",
        highlight=False,
    )
    if done.answered_alerts:
        console.print(f"answers {done.answered_alerts} alert(s): response time recorded")
    if done.alert is None:
        console.print("no alert")
    else:
        show_alert(done.alert)
