"""Webhooks for admins: the subscriptions of this data directory, their delivery log, and the
dead letters to replay; the same store and sending as `rapport webhooks` (admin key)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from api.graphql.common import UserError
from api.graphql.context import AnyInfo, repo
from api.graphql.threads import off_loop
from api.webhooks.deliver import replay
from api.webhooks.store import EVENTS, Subscription, WebhookStore
from graph.errors import RapportError

_EVENTS = ", ".join(EVENTS)


@strawberry.type(description="Where Rapport sends which events, signed with the webhook's secret.")
class Webhook:
    id: strawberry.ID = strawberry.field(description="wh_…")
    url: str = strawberry.field(description="The receiver's http(s) URL.")
    events: list[str] = strawberry.field(description=f"What it is sent, of: {_EVENTS}.")
    created_at: datetime = strawberry.field(description="When it was added.")

    @classmethod
    def of(cls, sub: Subscription) -> Webhook:
        return cls(id=strawberry.ID(sub.id), url=sub.url, events=list(sub.events),
                   created_at=datetime.fromisoformat(sub.created_at))  # fmt: skip


@strawberry.type(description="One attempt to deliver an event (replays are attempt 0).")
class WebhookAttempt:
    at: datetime = strawberry.field(description="When the attempt ended.")
    delivery_id: strawberry.ID = strawberry.field(description="dlv_…: the event for one webhook.")
    webhook_id: strawberry.ID = strawberry.field(description="The webhook it was for.")
    event: str = strawberry.field(description="alert.raised, analysis.finished, …")
    attempt: int = strawberry.field(description="1 for the first, 0 for a replay.")
    status: int | None = strawberry.field(description="The receiver's HTTP status (null: none).")
    milliseconds: float = strawberry.field(description="How long the receiver took.")
    error: str | None = strawberry.field(description="What went wrong; null when delivered.")


@strawberry.type(description="The latest delivery attempts, and the dead letters waiting.")
class WebhookDeliveries:
    attempts: list[WebhookAttempt] = strawberry.field(description="Oldest first.")
    dead_letters: list[strawberry.ID] = strawberry.field(
        description="Deliveries that failed every attempt, to send again with "
        "replayWebhookDeliveries."
    )


@strawberry.type(description="What addWebhook did.")
class AddWebhookPayload:
    webhook: Webhook | None = strawberry.field(description="The webhook added (null: refused).")
    signing_secret: str | None = strawberry.field(
        description="Verifies the Rapport-Signature header of every delivery; shown only here."
    )
    user_errors: list[UserError] = strawberry.field(description="Why it was refused, if so.")


@strawberry.type(description="What removeWebhook did.")
class RemoveWebhookPayload:
    removed_webhook_id: strawberry.ID | None = strawberry.field(
        description="The webhook removed (null: refused)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why it was refused, if so.")


@strawberry.type(description="What replayWebhookDeliveries did.")
class ReplayWebhookDeliveriesPayload:
    replayed: int = strawberry.field(description="Dead letters the receivers took this time.")
    still_dead: list[strawberry.ID] = strawberry.field(description="Those that failed again.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was sent, if so.")


def _store(info: AnyInfo) -> WebhookStore:
    info.context.require("admin")
    return WebhookStore(repo(info).settings.data_dir)


@strawberry.type(name="Query")
class WebhookQuery:
    @strawberry.field(description="Every webhook, oldest first (admin).")
    async def webhooks(self, info: AnyInfo) -> list[Webhook]:
        return [Webhook.of(s) for s in await off_loop(_store(info).all)]

    @strawberry.field(description="The latest delivery attempts and the dead letters (admin).")
    async def webhook_deliveries(
        self,
        info: AnyInfo,
        last: Annotated[int, strawberry.argument(description="How many attempts, 1-500.")] = 20,
    ) -> WebhookDeliveries:
        store = _store(info)
        last = min(max(last, 1), 500)
        attempts = (await off_loop(store.attempts))[-last:]
        dead = await off_loop(store.dead)
        return WebhookDeliveries(
            attempts=[
                WebhookAttempt(
                    at=datetime.fromisoformat(a["at"]), delivery_id=a["delivery"],
                    webhook_id=a["webhook"], event=a["event"], attempt=a["attempt"],
                    status=a["status"], milliseconds=a["ms"], error=a["error"],
                )
                for a in attempts
            ],
            dead_letters=[strawberry.ID(d.id) for d in dead],
        )  # fmt: skip


@strawberry.type(name="Mutation")
class WebhookMutation:
    @strawberry.mutation(
        description="Send these events to a URL (admin); the signing secret is in the answer, once."
    )
    async def add_webhook(
        self,
        info: AnyInfo,
        url: Annotated[str, strawberry.argument(description="The receiver's http(s) URL.")],
        events: Annotated[
            list[str] | None, strawberry.argument(description=f"Some of: {_EVENTS} (null: all).")
        ] = None,
    ) -> AddWebhookPayload:
        store = _store(info)
        try:
            sub = await off_loop(store.add, url, list(EVENTS) if events is None else events)
        except RapportError as exc:
            return AddWebhookPayload(webhook=None, signing_secret=None,
                                     user_errors=[UserError.of(exc)])  # fmt: skip
        return AddWebhookPayload(webhook=Webhook.of(sub), signing_secret=sub.secret, user_errors=[])

    @strawberry.mutation(description="Stop sending to a webhook (admin).")
    async def remove_webhook(
        self,
        info: AnyInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="The webhook (wh_…).")],
    ) -> RemoveWebhookPayload:
        store = _store(info)
        try:
            gone = await off_loop(store.remove, str(id))
        except RapportError as exc:
            return RemoveWebhookPayload(removed_webhook_id=None, user_errors=[UserError.of(exc)])
        return RemoveWebhookPayload(removed_webhook_id=strawberry.ID(gone.id), user_errors=[])

    @strawberry.mutation(
        description="Send the dead letters (or one) again, signed now (admin); the delivered "
        "ones leave the list."
    )
    async def replay_webhook_deliveries(
        self,
        info: AnyInfo,
        delivery_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="One dead letter (dlv_…); null: all of them."),
        ] = None,
    ) -> ReplayWebhookDeliveriesPayload:
        store = _store(info)
        timeout = repo(info).settings.webhook_timeout
        try:
            done = await off_loop(
                replay, store, timeout, None if delivery_id is None else str(delivery_id)
            )
        except RapportError as exc:
            return ReplayWebhookDeliveriesPayload(replayed=0, still_dead=[],
                                                  user_errors=[UserError.of(exc)])  # fmt: skip
        return ReplayWebhookDeliveriesPayload(
            replayed=sum(r.delivered for r in done),
            still_dead=[strawberry.ID(r.delivery.id) for r in done if not r.delivered],
            user_errors=[],
        )
