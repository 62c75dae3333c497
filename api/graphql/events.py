"""Alert events for the ``alertRaised`` and ``alertUpdated`` subscriptions, from every process.

Whoever raises or changes an alert (an import, ``rapport analyze``, the CLI, this or another
server) writes it to the outbox in the database (:mod:`graph.store.outbox`). Each server reads
the outbox every ``RAPPORT_API_EVENT_POLL`` seconds while someone listens (by position, never the
whole graph) and publishes to its hub; every open subscription has a bounded queue (a subscriber
too slow to keep up loses its oldest events, never blocks the API). Publishing is safe from any
thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

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


class Hub(Generic[T]):
    """Fan one stream of events out to every subscriber."""

    def __init__(self) -> None:
        self._queues: dict[asyncio.Queue[T], asyncio.AbstractEventLoop] = {}

    def subscribe(self) -> asyncio.Queue[T]:
        """A new subscriber's queue (call from the event loop)."""
        queue: asyncio.Queue[T] = asyncio.Queue(maxsize=QUEUE_SIZE)
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
    """Read the outbox every ``every`` seconds while someone listens and publish what it holds
    (runs for the app's whole life)."""
    loop = asyncio.get_running_loop()
    reader = outbox.Reader()
    pruned = time.monotonic()
    while True:
        await asyncio.sleep(every)
        if not shared.alerts.subscribers:
            reader.skip_to_now()  # nobody to tell
            continue
        if not shared.health.available:
            continue  # the entries wait in the database; the cursor stays where it was
        try:
            for event in await loop.run_in_executor(None, _read, shared, reader):
                shared.alerts.publish(event)
            if time.monotonic() - pruned > PRUNE_EVERY:
                pruned = time.monotonic()
                await loop.run_in_executor(None, outbox.prune, shared.repository)
        except RapportError as exc:
            log.info("alert outbox not read: %s", exc.code)


def _read(shared: Shared, reader: outbox.Reader) -> list[AlertEvent]:
    events = []
    for entry in reader.read(shared.repository):
        try:
            events.append(AlertEvent(entry.kind, get_alert(shared.repository, entry.alert)))
        except RapportError:  # the alert is gone (a restore, a test's wipe): nothing to tell
            continue
    return events
