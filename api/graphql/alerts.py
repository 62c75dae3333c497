"""Alerts: the damage-control queue, the actions on it, and the live feed of raised alerts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from datetime import datetime

import strawberry

from api.auth.keys import Unauthorized
from api.graphql.common import from_view
from api.graphql.connections import Connection, db_connection
from api.graphql.context import AnyInfo, page_limit, repo
from api.graphql.loaders import off_loop
from api.graphql.refs import CustomerRef, EmployeeRef, customer_of, employee_of
from graph.answers import alert_queue
from graph.answers.paging import window


@strawberry.type(description="A damage-control alert on a negative post about us.")
class Alert:
    id: strawberry.ID
    kind: str | None
    severity: float | None
    status: str | None
    raised_at: datetime | None
    due_by: datetime | None
    overdue: bool
    team: str | None
    reasons: list[str]
    responded_at: datetime | None
    response_minutes: float | None
    post_id: strawberry.ID | None
    text: str | None
    customer_id: strawberry.ID | None
    customer_name: str | None
    assignee_id: strawberry.ID | None
    assignee_name: str | None
    resolution: str | None

    @strawberry.field(description="The author of the post, when they are a known customer.")
    async def customer(self, info: AnyInfo) -> CustomerRef | None:
        return await customer_of(info, self.customer_id)

    @strawberry.field(description="The employee the alert is assigned to.")
    async def assignee(self, info: AnyInfo) -> EmployeeRef | None:
        return await employee_of(info, self.assignee_id)

    @classmethod
    def of(cls, a: alert_queue.AlertView) -> Alert:
        """From the stored alert."""
        return from_view(
            cls, a, overdue=a.overdue(), reasons=list(a.reasons), post_id=a.post,
            customer_id=a.customer, assignee_id=a.assignee,
        )  # fmt: skip


@strawberry.type(name="Query")
class AlertQuery:
    @strawberry.field(
        description="Alerts, most severe first (status: open, acknowledged, resolved; null: all)."
    )
    async def alerts(
        self, info: AnyInfo, status: str | None = "open", min_severity: float = 0.0,
        first: int = 20, after: str | None = None,
    ) -> Connection[Alert]:  # fmt: skip
        skip, limit = window(first, after, page_limit(info))
        r = repo(info)
        found = await off_loop(
            alert_queue.list_alerts,
            r,
            status=status,
            min_severity=min_severity,
            first=limit,
            skip=skip,
        )

        async def count() -> int:
            return await off_loop(
                alert_queue.count_alerts, r, status=status, min_severity=min_severity
            )

        return db_connection(found, skip, first, Alert.of, count)


@strawberry.type(name="Mutation")
class AlertMutation:
    @strawberry.mutation(description="Someone is on it.")
    async def acknowledge_alert(self, info: AnyInfo, id: strawberry.ID) -> Alert:
        info.context.require("writer")
        return Alert.of(await off_loop(alert_queue.acknowledge, repo(info), str(id)))

    @strawberry.mutation(description="Give the alert to an employee.")
    async def assign_alert(
        self, info: AnyInfo, id: strawberry.ID, employee_id: strawberry.ID
    ) -> Alert:
        info.context.require("writer")
        return Alert.of(await off_loop(alert_queue.assign, repo(info), str(id), str(employee_id)))

    @strawberry.mutation(description="Resolve the alert, with an optional note on how.")
    async def resolve_alert(
        self, info: AnyInfo, id: strawberry.ID, resolution: str | None = None
    ) -> Alert:
        info.context.require("writer")
        found = await off_loop(alert_queue.resolve, repo(info), str(id), resolution=resolution)
        return Alert.of(found)


# How often an open subscription checks that its key was not revoked.
KEY_CHECK_SECONDS = 5.0


async def _events(info: AnyInfo, kind: str, min_severity: float) -> AsyncGenerator[Alert, None]:
    """The hub's ``kind`` events as alerts at least ``min_severity`` severe, while the key holds."""
    hub = info.context.shared.alerts
    queue = hub.subscribe()
    try:
        while True:
            # Wake up now and then even without events: a revoked key ends the feed.
            try:
                event = await asyncio.wait_for(queue.get(), timeout=KEY_CHECK_SECONDS)
            except TimeoutError:
                event = None
            if not await off_loop(info.context.key_is_valid):
                raise Unauthorized(
                    "the API key of this subscription was revoked",
                    hint="subscribe again with a valid key",
                )
            wanted = event is not None and event.kind == kind
            if event is not None and wanted and (event.alert.severity or 0.0) >= min_severity:
                yield Alert.of(event.alert)
    finally:
        hub.unsubscribe(queue)


@strawberry.type(name="Subscription")
class AlertSubscription:
    @strawberry.subscription(
        description="Alerts as they are raised, at least minSeverity severe: by ingestPost, "
        "imports, `rapport analyze` or `rapport ingest-post`, on this server or another."
    )
    async def alert_raised(
        self, info: AnyInfo, min_severity: float = 0.0
    ) -> AsyncGenerator[Alert, None]:
        async for alert in _events(info, "raised", min_severity):
            yield alert

    @strawberry.subscription(
        description="Alerts as they change (acknowledged, assigned, resolved, reopened), at least "
        "minSeverity severe, whoever changed them."
    )
    async def alert_updated(
        self, info: AnyInfo, min_severity: float = 0.0
    ) -> AsyncGenerator[Alert, None]:
        async for alert in _events(info, "updated", min_severity):
            yield alert
