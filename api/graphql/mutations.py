"""The Mutation and Subscription types: events written as they happen, alert actions, the
live alert feed.

Each mutation is one transaction (:func:`graph.store.writes.write_atomically`, or one alert move);
writing needs a writer key, recomputing the analytics an admin key.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from api.graphql import inputs
from api.graphql.context import AnyInfo, off_loop, repo, typed_errors
from api.graphql.inputs import (
    CustomerInput,
    EmployeeInput,
    InteractionInput,
    ProductInput,
    PurchaseInput,
)
from api.graphql.types import Alert, IngestedPost, PostInput, StageResult, WriteResult
from graph.answers import alert_queue
from graph.errors import ConfigError
from graph.jobs.analyze import analyze
from graph.jobs.incremental import last_run
from graph.model import Node, Record
from graph.store.repository import Repository
from graph.store.writes import write_atomically
from importers.run.live import Ingested, LivePost, ingest_post


def _ingest(info: AnyInfo, live: LivePost) -> Ingested:
    return ingest_post(info.context.repository, live, enrichment=info.context.pipeline())


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Ingest one post now; returns it and the alert it raised.")
    @typed_errors
    async def ingest_post(self, info: AnyInfo, post: PostInput) -> IngestedPost:
        info.context.require("writer")
        live = LivePost(
            handle=post.handle, text=post.text, platform=post.platform, post_id=post.post_id,
            at=post.at, in_reply_to=str(post.in_reply_to) if post.in_reply_to else None,
            followers=post.followers,
        )  # fmt: skip
        done = await off_loop(_ingest, info, live)
        p = done.post
        alert = Alert.of(done.alert) if done.alert else None
        if alert is not None:
            info.context.shared.alerts.publish(alert)
        return IngestedPost(
            post_id=strawberry.ID(p.id), sentiment=p.sentiment, sentiment_label=p.sentiment_label,
            intent=p.intent, category=p.category,
            alert=alert,
        )  # fmt: skip

    @strawberry.mutation(description="Create or update a customer.")
    @typed_errors
    async def upsert_customer(self, info: AnyInfo, customer: CustomerInput) -> WriteResult:
        return await _write(info, customer.records())

    @strawberry.mutation(description="Create or update an employee.")
    @typed_errors
    async def upsert_employee(self, info: AnyInfo, employee: EmployeeInput) -> WriteResult:
        return await _write(info, employee.records())

    @strawberry.mutation(description="Create or update a product (and its category).")
    @typed_errors
    async def upsert_product(self, info: AnyInfo, product: ProductInput) -> WriteResult:
        return await _write(info, product.records())

    @strawberry.mutation(
        description="Record a purchase with its lines; the customer, products and seller must "
        "exist. One transaction: all of it or nothing."
    )
    @typed_errors
    async def record_purchase(self, info: AnyInfo, purchase: PurchaseInput) -> WriteResult:
        return await _write(info, purchase.records())

    @strawberry.mutation(description="Log an interaction between an employee and a customer.")
    @typed_errors
    async def log_interaction(self, info: AnyInfo, interaction: InteractionInput) -> WriteResult:
        return await _write(info, interaction.records())

    @strawberry.mutation(description="A customer or employee owns a social account (confirmed).")
    @typed_errors
    async def link_account(
        self,
        info: AnyInfo,
        owner_id: strawberry.ID,
        handle: str,
        platform: str = "twitter",
        owner_kind: str = "customer",
    ) -> WriteResult:
        return await _write(info, inputs.link_records(str(owner_id), owner_kind, platform, handle))

    @strawberry.mutation(description="One social account follows another.")
    @typed_errors
    async def follow(
        self, info: AnyInfo, follower: str, followed: str, platform: str = "twitter"
    ) -> WriteResult:
        return await _write(info, inputs.follow_records(platform, follower, followed))

    @strawberry.mutation(
        description="Recompute the analytics (admin): everything, or incrementally what the "
        "events since the last run touch."
    )
    @typed_errors
    async def recompute_analytics(
        self, info: AnyInfo, incremental: bool = False
    ) -> list[StageResult]:
        info.context.require("admin")
        r = repo(info)
        since = last_run(r.settings, r.connection.database) if incremental else None
        if incremental and since is None:
            raise ConfigError(
                "no earlier analysis of this database to continue from",
                hint="run a full recomputeAnalytics first",
            )
        # An analysis runs for minutes on a large graph: the default transaction timeout, not
        # the API's.
        report = await off_loop(analyze, Repository(r.connection), since=since)
        return [
            StageResult(name=st.name, seconds=round(st.seconds, 3), written=st.written,
                        removed=st.removed)
            for st in report.stages
        ]  # fmt: skip

    @strawberry.mutation(description="Someone is on it.")
    @typed_errors
    async def acknowledge_alert(self, info: AnyInfo, id: strawberry.ID) -> Alert:
        info.context.require("writer")
        return Alert.of(await off_loop(alert_queue.acknowledge, repo(info), str(id)))

    @strawberry.mutation(description="Give the alert to an employee.")
    @typed_errors
    async def assign_alert(
        self, info: AnyInfo, id: strawberry.ID, employee_id: strawberry.ID
    ) -> Alert:
        info.context.require("writer")
        return Alert.of(await off_loop(alert_queue.assign, repo(info), str(id), str(employee_id)))

    @strawberry.mutation(description="Resolve the alert, with an optional note on how.")
    @typed_errors
    async def resolve_alert(
        self, info: AnyInfo, id: strawberry.ID, resolution: str | None = None
    ) -> Alert:
        info.context.require("writer")
        found = await off_loop(alert_queue.resolve, repo(info), str(id), resolution=resolution)
        return Alert.of(found)


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Alerts as they are raised by ingestPost, at least minSeverity severe."
    )
    async def alert_raised(
        self, info: AnyInfo, min_severity: float = 0.0
    ) -> AsyncGenerator[Alert, None]:
        hub = info.context.shared.alerts
        queue = hub.subscribe()
        try:
            while True:
                alert = await queue.get()
                if (alert.severity or 0.0) >= min_severity:
                    yield alert
        finally:
            hub.unsubscribe(queue)


async def _write(info: AnyInfo, records: list[Record]) -> WriteResult:
    """Write one mutation's records in one transaction (writer role)."""
    info.context.require("writer")
    summary = await off_loop(write_atomically, repo(info), records)
    ids = [strawberry.ID(r.id) for r in records if isinstance(r, Node)]
    return WriteResult(ids=ids, created=summary.created, updated=summary.updated)
