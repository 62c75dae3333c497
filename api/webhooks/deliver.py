"""Sending events to webhook subscribers: JSON bodies signed with HMAC-SHA256 and a timestamp,
retried with exponential back-off, dead-lettered after the last attempt, every attempt logged.

The dispatcher runs inside `rapport serve`, fed by the same outboxes as the GraphQL
subscriptions, so an alert raised by any process (an import, `rapport analyze`, the CLI, an
inbound webhook) and what any analysis found (``analysis.finished``, ``warmth.crossed``,
``influencer.entered``) is sent; deliveries are tasks of their own and never hold up a request
or an import. With several worker processes one of them (the holder of a file lock) dispatches,
so each event goes out once.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import logging
import os
import secrets
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from api.graphql.events import AlertEvent, GraphEvent, Hub
from api.webhooks import signing
from api.webhooks.store import Delivery, Subscription, WebhookStore
from graph.errors import NotFound

log = logging.getLogger(__name__)
USER_AGENT = "Rapport-Webhooks/1"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, tuple):
        return list(value)
    return value


def event_body(event: AlertEvent | GraphEvent) -> tuple[str, str]:
    """The event's name (``alert.raised``, ``analysis.finished``, ...) and its JSON body.

    >>> name, body = event_body(GraphEvent("analysis.finished", '{"mode":"full"}'))
    >>> name, json.loads(body)["data"]
    ('analysis.finished', {'mode': 'full'})
    """
    if isinstance(event, AlertEvent):
        name = f"alert.{event.kind}"
        data: Any = {"alert": {k: _plain(v) for k, v in asdict(event.alert).items()}}
    else:
        name, data = event.kind, json.loads(event.data)
    body = {
        "id": f"evt_{secrets.token_hex(8)}",
        "type": name,
        "createdAt": _plain(datetime.now(UTC).replace(microsecond=0)),
        "data": data,
    }
    return name, json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def headers(sub: Subscription, delivery: Delivery) -> dict[str, str]:
    """The headers of one attempt: signed now, so a retry carries a fresh timestamp."""
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Rapport-Event": delivery.event,
        "Rapport-Delivery": delivery.id,
        signing.HEADER: signing.sign(sub.secret, delivery.body.encode()),
    }


def send_once(
    sub: Subscription, delivery: Delivery, timeout: float
) -> tuple[int | None, str | None]:
    """One attempt, blocking (for `rapport webhooks replay`): the status and what went wrong."""
    try:
        answer = httpx.post(sub.url, content=delivery.body.encode(), headers=headers(sub, delivery),
                            timeout=timeout)  # fmt: skip
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"
    return answer.status_code, None if answer.is_success else f"HTTP {answer.status_code}"


@dataclass(frozen=True, slots=True)
class Replayed:
    """One dead letter sent again: ``url`` None when its webhook was removed (the letter is
    kept), else the answer's status or what went wrong."""

    delivery: Delivery
    url: str | None
    status: int | None
    error: str | None

    @property
    def delivered(self) -> bool:
        """Whether the receiver took it (it left the dead letters)."""
        return self.url is not None and self.error is None


def replay(store: WebhookStore, timeout: float, delivery: str | None = None) -> list[Replayed]:
    """Send the dead letters (or one) again, signed now, blocking; the delivered ones leave the
    list, every attempt is logged."""
    subs = {s.id: s for s in store.all()}
    dead = [d for d in store.dead() if delivery is None or d.id == delivery]
    if delivery is not None and not dead:
        raise NotFound(f"no dead letter {delivery!r}", hint="see `rapport webhooks deliveries`",
                       field="delivery")  # fmt: skip
    done = []
    for letter in dead:
        sub = subs.get(letter.webhook)
        if sub is None:
            done.append(Replayed(letter, None, None, f"webhook {letter.webhook} was removed"))
            continue
        status, error = send_once(sub, letter, timeout)
        store.log(letter, 0, status, 0.0, error)
        done.append(Replayed(letter, sub.url, status, error))
    store.forget_dead({r.delivery.id for r in done if r.delivered})
    return done


class Dispatcher:
    """Sends every alert event to the subscriptions that want it."""

    def __init__(
        self, store: WebhookStore, *, retries: int, backoff: float, timeout: float,
        check_every: float = 2.0,
    ) -> None:  # fmt: skip
        self.store, self.retries, self.backoff, self.timeout = store, retries, backoff, timeout
        self.check_every = check_every  # seconds between two looks at the subscriptions
        self.client: httpx.AsyncClient | None = None
        self.queue: asyncio.Queue[Any] | None = None
        self.hubs: tuple[Hub[AlertEvent], Hub[GraphEvent]] | None = None

    async def run(self, alerts: Hub[AlertEvent], events: Hub[GraphEvent]) -> None:
        """Forward the hubs' events until cancelled (runs for the app's whole life)."""
        self.hubs = (alerts, events)
        lock = _dispatch_lock(self.store)
        if lock is None:
            return  # another worker process of this server dispatches
        tasks: set[asyncio.Task[bool]] = set()
        self.client = httpx.AsyncClient(timeout=self.timeout)
        try:
            while True:
                event = await self._next()
                if event is None:
                    continue
                name, body = event_body(event)
                for sub in self.store.all():
                    if sub.wants(name):
                        delivery = Delivery(f"dlv_{secrets.token_hex(8)}", sub.id, name, body)
                        task = asyncio.create_task(self.deliver(sub, delivery))
                        tasks.add(task)
                        task.add_done_callback(tasks.discard)
        finally:
            self._listen(False)
            for task in tasks:
                task.cancel()
            await self.client.aclose()
            os.close(lock)

    def _listen(self, listen: bool) -> None:
        """Take the hubs' events into one queue, or stop."""
        assert self.hubs is not None
        if listen and self.queue is None:
            self.queue = asyncio.Queue(maxsize=1000)
            for hub in self.hubs:
                hub.subscribe(self.queue)
        elif not listen and self.queue is not None:
            for hub in self.hubs:
                hub.unsubscribe(self.queue)
            self.queue = None

    async def _next(self) -> AlertEvent | GraphEvent | None:
        """The next event, or None after a while; listens only while someone subscribed (no
        webhook, no outbox reads on their account)."""
        if not await asyncio.to_thread(self.store.all):
            self._listen(False)
            await asyncio.sleep(self.check_every)
            return None
        self._listen(True)
        assert self.queue is not None
        try:
            return await asyncio.wait_for(self.queue.get(), self.check_every)
        except TimeoutError:
            return None

    async def deliver(self, sub: Subscription, delivery: Delivery) -> bool:
        """Try until a 2xx or the last attempt (then a dead letter); every attempt logged."""
        assert self.client is not None
        error = None
        for attempt in range(1, self.retries + 2):
            started = time.perf_counter()
            status: int | None = None
            try:
                answer = await self.client.post(sub.url, content=delivery.body.encode(),
                                                headers=headers(sub, delivery))  # fmt: skip
                status = answer.status_code
                error = None if answer.is_success else f"HTTP {status}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            ms = (time.perf_counter() - started) * 1000
            await asyncio.to_thread(self.store.log, delivery, attempt, status, ms, error)
            if error is None:
                return True
            if attempt <= self.retries:
                await asyncio.sleep(self.backoff * 2 ** (attempt - 1))
        await asyncio.to_thread(self.store.bury, delivery, error or "failed")
        log.warning("webhook %s: delivery %s dead after %d attempts: %s",
                    sub.id, delivery.id, self.retries + 1, error)  # fmt: skip
        return False


def _dispatch_lock(store: WebhookStore) -> int | None:
    """A lock only one process of the data dir holds while it dispatches (None: another does)."""
    store.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(store.folder / ".dispatch.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


async def stop(task: asyncio.Task[None]) -> None:
    """Cancel the dispatcher and wait for it to let go."""
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
