"""`rapport webhooks ...`: events sent to other systems, signed; deliveries and dead letters."""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli.common import console, settings_from
from api.webhooks.deliver import replay
from api.webhooks.store import EVENTS, WebhookStore

app = typer.Typer(
    help="Webhooks: `rapport serve` sends events (alerts raised and updated, analyses finished, "
    "warmth crossing RAPPORT_WEBHOOK_WARMTH_THRESHOLD, customers entering the top "
    "RAPPORT_WEBHOOK_TOP_K influencers) to these URLs, signed with HMAC-SHA256 "
    '(header Rapport-Signature: t=<unix>,v1=<hex of HMAC(secret, "t.body")>), retried with '
    "back-off; what fails every attempt waits in the dead letters for `replay`.",
    no_args_is_help=True,
)


@app.command("add")
def add_command(
    ctx: typer.Context,
    url: str,
    events: Annotated[str, typer.Option(help=f"Comma-separated: {', '.join(EVENTS)}.")] = ",".join(
        EVENTS
    ),
) -> None:
    """Send these events to URL; prints the signing secret once."""
    sub = WebhookStore(settings_from(ctx).data_dir).add(url, [e.strip() for e in events.split(",")])
    console.print(f"webhook {sub.id} -> {sub.url} for {', '.join(sub.events)}", highlight=False)
    console.print("signing secret (verify the Rapport-Signature header with it):")
    console.print(sub.secret, highlight=False, soft_wrap=True)


@app.command("list")
def list_command(ctx: typer.Context) -> None:
    """Every webhook: id, events, URL."""
    subs = WebhookStore(settings_from(ctx).data_dir).all()
    if not subs:
        console.print("no webhooks (add one with `rapport webhooks add URL`)")
    for sub in subs:
        console.print(f"{sub.id}  {','.join(sub.events):<27} {sub.url}", highlight=False)


@app.command("remove")
def remove_command(ctx: typer.Context, webhook: str) -> None:
    """Stop sending to a webhook."""
    gone = WebhookStore(settings_from(ctx).data_dir).remove(webhook)
    console.print(f"removed webhook {gone.id} ({gone.url})", highlight=False)


@app.command("deliveries")
def deliveries_command(
    ctx: typer.Context,
    last: Annotated[int, typer.Option(min=1, help="How many attempts to show.")] = 20,
) -> None:
    """The latest delivery attempts (status, time taken, error) and how many are dead."""
    store = WebhookStore(settings_from(ctx).data_dir)
    for a in store.attempts()[-last:]:
        status = a["status"] if a["status"] is not None else "-"
        console.print(f"{a['at']}  {a['delivery']}  {a['webhook']}  {a['event']:<13} "
                      f"attempt {a['attempt']}  {status}  {a['ms']} ms  {a['error'] or ''}",
                      highlight=False)  # fmt: skip
    console.print(f"{len(store.dead())} dead letter(s); resend them with `rapport webhooks replay`")


@app.command("replay")
def replay_command(
    ctx: typer.Context,
    delivery: Annotated[str | None, typer.Argument(help="One dead letter (default: all).")] = None,
) -> None:
    """Send the dead letters again (signed now); the delivered ones leave the list."""
    settings = settings_from(ctx)
    done = replay(WebhookStore(settings.data_dir), settings.webhook_timeout, delivery)
    for r in done:
        outcome = "kept" if r.url is None else r.error or r.status
        console.print(f"{r.delivery.id} -> {r.url or '-'}: {outcome}", highlight=False)
    delivered = sum(r.delivered for r in done)
    console.print(f"replayed {delivered} of {len(done)}; {len(done) - delivered} still dead")
