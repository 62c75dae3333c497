"""Alert events for the ``alertRaised`` and ``alertUpdated`` subscriptions and for webhooks, and
the analyses' events (``analysis.finished``, ...) for webhooks, from every process.

Whoever raises or changes an alert (an import, ``rapport analyze``, the CLI, this or another
server) writes it to the alert outbox in the database (:mod:`graph.store.outbox`), and analyses
write what they found to the event outbox. Each server reads an outbox every
``RAPPORT_API_EVENT_POLL`` seconds while someone listens to it (by position, never the
whole graph) and publishes to its hub; every open subscription has a bounded queue (a subscriber
too slow to keep up loses its oldest events, never blocks the API). Publishing is safe from any
thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from graph.answers.alert_queue import AlertView, get_alert
from graph.errors import RapportError
from graph.store import outbox

if TYPE_CHECKING:
    from api.graphql.context import Shared

T = TypeVar("T")
QUEUE_SIZE = 100
PRUNE_EVERY = 3600.0  # seconds between two prunings of the outbox
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """An alert raised or changed (``kind``: "raised" or "updated"), as it is now."""

    kind: str
    alert: AlertView


@dataclass(frozen=True, slots=True)
class GraphEvent:
    """An event an analysis wrote (``kind``: one of :data:`graph.store.outbox.EVENT_KINDS`), with
    its data as JSON text, as written."""

    kind: str
    data: str


class Hub(Generic[T]):
    """Fan one stream of events out to every subscriber."""

    def __init__(self) -> None:
        self._queues: dict[asyncio.Queue[T], asyncio.AbstractEventLoop] = {}

    def subscribe(self, queue: asyncio.Queue[T] | None = None) -> asyncio.Queue[T]:
        """A new subscriber's queue, or ``queue`` fed by this hub too (call from the event
        loop)."""
        queue = queue if queue is not None else asyncio.Queue(maxsize=QUEUE_SIZE)
        self._queues[queue] = asyncio.get_running_loop()
        return queue

    def unsubscribe(self, queue: asyncio.Queue[T]) -> None:
        """Stop delivering to ``queue``."""
        self._queues.pop(queue, None)

    def publish(self, event: T) -> None:
        """Deliver ``event`` to every subscriber, from any thread."""
        for queue, loop in list(self._queues.items()):
            loop.call_soon_threadsafe(self._put, queue, event)

    @staticmethod
    def _put(queue: asyncio.Queue[T], event: T) -> None:
        if queue.full():
            with contextlib.suppress(asyncio.QueueEmpty):
                queue.get_nowait()  # drop the oldest: a slow subscriber never blocks the API
        queue.put_nowait(event)

    @property
    def subscribers(self) -> int:
        """How many subscriptions are open."""
        return len(self._queues)


async def relay_outbox(shared: Shared, every: float) -> None:
    """Read each outbox every ``every`` seconds while someone listens to it and publish what it
    holds (runs for the app's whole life)."""
    loop = asyncio.get_running_loop()
    feeds: list[tuple[Hub[Any], outbox.Reader, Callable[[Shared, outbox.Entry], Any]]] = [
        (shared.alerts, outbox.Reader(outbox.ALERTS), _alert),
        (shared.events, outbox.Reader(outbox.EVENTS), _event),
    ]
    pruned = time.monotonic()
    while True:
        await asyncio.sleep(every)
        for hub, reader, told in feeds:
            if not hub.subscribers:
                reader.skip_to_now()  # nobody to tell
                continue
            if not shared.health.available:
                continue  # the entries wait in the database; the cursor stays where it was
            try:
                for event in await loop.run_in_executor(None, _read, shared, reader, told):
                    hub.publish(event)
            except RapportError as exc:
                log.info("outbox not read: %s", exc.code)
        if time.monotonic() - pruned > PRUNE_EVERY and shared.health.available:
            pruned = time.monotonic()
            try:
                await loop.run_in_executor(None, outbox.prune, shared.repository)
            except RapportError as exc:
                log.info("outbox not pruned: %s", exc.code)


def _alert(shared: Shared, entry: outbox.Entry) -> AlertEvent:
    return AlertEvent(entry.kind, get_alert(shared.repository, entry.subject))


def _event(_: Shared, entry: outbox.Entry) -> GraphEvent:
    return GraphEvent(entry.kind, entry.subject)


def _read(
    shared: Shared, reader: outbox.Reader, told: Callable[[Shared, outbox.Entry], T]
) -> list[T]:
    events = []
    for entry in reader.read(shared.repository):
        try:
            events.append(told(shared, entry))
        except RapportError:  # the alert is gone (a restore, a test's wipe): nothing to tell
            continue
    return events
