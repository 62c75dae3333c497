"""Alerts: the damage-control queue, the actions on it, and the live feed of raised alerts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Callable
from datetime import datetime
from typing import Annotated

import strawberry

from api.auth.keys import Unauthorized
from api.graphql.common import UserError, attempt, from_view
from api.graphql.connections import (
    After,
    Before,
    Connection,
    Direction,
    First,
    Last,
    connection,
    descending,
)
from api.graphql.context import AnyInfo, page_limit, repo
from api.graphql.enums import AlertKind, AlertStatus
from api.graphql.nodes import Node, key_field, key_of
from api.graphql.refs import CustomerRef, EmployeeRef, customer_of, employee_of
from api.graphql.threads import off_loop
from graph.answers import alert_queue
from graph.answers.paging import window
from graph.store.repository import Repository
from graph.vocab import known


@strawberry.type(description="A damage-control alert on a negative post about us.")
class Alert(Node):
    id: strawberry.ID = key_field("alert:twitter:1850000000000000000")
    kind: AlertKind | None
    severity: float | None
    status: AlertStatus | None
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
            customer_id=a.customer, assignee_id=a.assignee, kind=known(AlertKind, a.kind),
            status=known(AlertStatus, a.status),
        )  # fmt: skip


@strawberry.input(description="Which alerts: every condition given must hold.")
class AlertFilter:
    status: AlertStatus | None = strawberry.field(default=None, description="Only this status.")
    all_statuses: bool = strawberry.field(
        default=False, description="Every status (the default is open alerts only)."
    )
    min_severity: float | None = strawberry.field(
        default=None, description="At least this severe (0..1)."
    )
    assignee_id: strawberry.ID | None = strawberry.field(
        default=None, description="Assigned to this employee (id or key)."
    )
    raised_since: datetime | None = strawberry.field(
        default=None, description="Raised at or after this moment."
    )
    raised_until: datetime | None = strawberry.field(
        default=None, description="Raised before this moment."
    )


@strawberry.type(name="Query")
class AlertQuery:
    @strawberry.field(
        description="Alerts, most severe first: open ones unless a status or filter says otherwise."
    )
    async def alerts(
        self, info: AnyInfo,
        status: Annotated[AlertStatus | None, strawberry.argument(
            description="Only this status (null: every status); `filter.status` wins.")
        ] = AlertStatus.OPEN,
        min_severity: Annotated[float, strawberry.argument(
            description="Only alerts at least this severe (0..1); `filter.minSeverity` wins.")
        ] = 0.0,
        filter: AlertFilter | None = None, direction: Direction = None, first: First = None,
        after: After = None, last: Last = None, before: Before = None,
    ) -> Connection[Alert]:  # fmt: skip
        f = filter or AlertFilter()
        chosen = f.status if f.status is not None else status
        where = alert_queue.AlertFilter(
            status=None if f.all_statuses or chosen is None else chosen.value,
            min_severity=f.min_severity if f.min_severity is not None else min_severity,
            assignee=key_of(f.assignee_id, "Employee", "assigneeId") if f.assignee_id else None,
            raised_since=f.raised_since, raised_until=f.raised_until,
        )  # fmt: skip
        w = window(first, after, last, before, page_limit(info),
                   descending=descending(direction, natural=True))  # fmt: skip
        r = repo(info)
        page = await off_loop(alert_queue.alert_page, r, where, w)

        async def count() -> int:
            return await off_loop(alert_queue.count_alerts, r, where)

        return connection(page, Alert.of, count)


@strawberry.type(description="What an action on an alert did.")
class AlertPayload:
    alert: Alert | None = strawberry.field(
        description="The alert as it is now (null when the action was refused)."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why the action was refused: an unknown alert or employee (NOT_FOUND), an "
        "action its status does not allow (BAD_USER_INPUT)."
    )


async def _act(
    info: AnyInfo, action: Callable[[Repository], alert_queue.AlertView]
) -> AlertPayload:
    """Run one action on an alert (writer role); input problems become user errors."""
    info.context.require("writer")

    async def run() -> alert_queue.AlertView:
        return await off_loop(action, repo(info))

    done = await attempt(run)
    return AlertPayload(
        alert=Alert.of(done.value) if done.value else None, user_errors=done.user_errors
    )


def _alert(id: strawberry.ID) -> str:
    return key_of(id, "Alert")


IdArg = Annotated[strawberry.ID, strawberry.argument(description="The alert's id or key.")]


@strawberry.type(name="Mutation")
class AlertMutation:
    @strawberry.mutation(description="Someone is on it: OPEN -> ACKNOWLEDGED.")
    async def acknowledge_alert(self, info: AnyInfo, id: IdArg) -> AlertPayload:
        return await _act(info, lambda r: alert_queue.acknowledge(r, _alert(id)))

    @strawberry.mutation(description="Give the alert to an employee (its status stays).")
    async def assign_alert(
        self, info: AnyInfo, id: IdArg,
        employee_id: Annotated[
            strawberry.ID, strawberry.argument(description="The employee's id or key.")
        ],
    ) -> AlertPayload:  # fmt: skip
        return await _act(info, lambda r: alert_queue.assign(
            r, _alert(id), key_of(employee_id, "Employee", "employeeId")))  # fmt: skip

    @strawberry.mutation(description="Resolve the alert, with an optional note on how.")
    async def resolve_alert(
        self, info: AnyInfo, id: IdArg,
        resolution: Annotated[
            str | None, strawberry.argument(description="How it was resolved, for colleagues.")
        ] = None,
    ) -> AlertPayload:  # fmt: skip
        return await _act(info, lambda r: alert_queue.resolve(r, _alert(id), resolution=resolution))

    @strawberry.mutation(
        description="Open the alert again (the complaint came back): its resolution is cleared."
    )
    async def reopen_alert(self, info: AnyInfo, id: IdArg) -> AlertPayload:
        return await _act(info, lambda r: alert_queue.reopen(r, _alert(id)))


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
