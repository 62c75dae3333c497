"""In-process publish/subscribe of raised alerts, for the ``alertRaised`` subscription.

One hub per app: ``ingestPost`` publishes the alert it raised; every open subscription has a
bounded queue (a subscriber too slow to keep up loses its oldest alerts, never blocks the API).
Publishing is safe from any thread: resolvers may run outside the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Generic, TypeVar

T = TypeVar("T")
QUEUE_SIZE = 100


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
