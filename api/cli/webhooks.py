"""`rapport webhooks ...`: events sent to other systems, signed; deliveries and dead letters."""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli.common import console, settings_from
from api.webhooks.deliver import send_once
from api.webhooks.store import EVENTS, WebhookStore
from graph.errors import ConfigError

app = typer.Typer(
    help="Webhooks: `rapport serve` sends alert events to these URLs, signed with HMAC-SHA256 "
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
    store = WebhookStore(settings.data_dir)
    subs = {s.id: s for s in store.all()}
    dead = [d for d in store.dead() if delivery is None or d.id == delivery]
    if delivery is not None and not dead:
        raise ConfigError(f"no dead letter {delivery!r}", hint="see `rapport webhooks deliveries`")
    delivered: set[str] = set()
    for letter in dead:
        sub = subs.get(letter.webhook)
        if sub is None:
            console.print(
                f"{letter.id}: webhook {letter.webhook} was removed; kept", highlight=False
            )
            continue
        status, error = send_once(sub, letter, settings.webhook_timeout)
        store.log(letter, 0, status, 0.0, error)
        if error is None:
            delivered.add(letter.id)
        console.print(f"{letter.id} -> {sub.url}: {error or status}", highlight=False)
    store.forget_dead(delivered)
    console.print(
        f"replayed {len(delivered)} of {len(dead)}; {len(dead) - len(delivered)} still dead"
    )
