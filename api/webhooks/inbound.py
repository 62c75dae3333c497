"""Webhooks taken in: X (Twitter) tweets at ``/hooks/x``, Shopify orders at ``/hooks/shopify``,
and interaction events from any system at ``/hooks/events``.

X checks an endpoint with a CRC challenge (``GET ?crc_token=``, answered with the HMAC of the
token under the app's consumer secret) and signs each delivery (``x-twitter-webhooks-signature``).
A delivery holds Account Activity ``tweet_create_events`` (v1.1 tweets) or a v2 ``data`` /
``includes`` body (filtered stream). Each tweet goes through the same single-post ingestion as
``ingestPost`` and `rapport ingest-post` (:func:`importers.run.live.ingest_post`): enrichment,
identity, alerting.

Shopify signs each delivery (``X-Shopify-Hmac-Sha256``, with the app's webhook secret) and names
its topic (``X-Shopify-Topic``). An ``orders/*`` body becomes the rows a Shopify orders export has
for that order and is read by the same reader as the export
(:class:`importers.formats.shopify.ShopifyOrders`): the same customer matching by e-mail, phone or
name, the same statuses and UTM fields, then identity resolution as after an import.

``/hooks/events`` takes one interaction (or a list of them) as JSON, with the fields of the
interactions CSV, from a caller holding a writer key (the API's ``X-API-Key`` or bearer token),
read by the same reader as the CSV and enriched by the same pipeline.

A body that cannot be read gets a 400 saying why and is kept in
``<data dir>/rejects/webhooks-<source>.jsonl``; a body delivered twice changes nothing.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.requests import HTTPConnection

from api.auth.keys import Forbidden
from api.graphql.errors import refusal_response as _refusal
from api.webhooks import signing
from api.webhooks.x_bodies import BadBody, x_posts
from graph import model
from graph.errors import InvalidRecord
from graph.settings import Settings
from graph.store.repository import Repository
from importers.directory import Directory, load_directory
from importers.formats.base import ImportContext, Item, Origin
from importers.formats.interactions import InteractionsCsv, event_row
from importers.formats.shopify import ShopifyOrders, webhook_rows
from importers.readers.csv_rows import CsvRow
from importers.run.live import Taken, ingest_items

if TYPE_CHECKING:
    from api.graphql.context import Context

MAX_BODY = 1_000_000
MAX_EVENTS = 1000  # interaction events in one body
SHOPIFY = "shopify:webhook"  # the source of what order webhooks write
#: Shopify topics whose body is an order; others (orders/delete holds only an id) are accepted
#: and left alone.
ORDER_TOPICS = ("orders/create", "orders/updated", "orders/paid", "orders/cancelled",
                "orders/fulfilled", "orders/partially_fulfilled")  # fmt: skip


def _keep_reject(data_dir: Path, raw: bytes, reason: str, source: str = "x") -> None:
    folder = data_dir / "rejects"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"webhooks-{source}.jsonl"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        at = datetime.now(UTC).isoformat(timespec="seconds")
        record = {"at": at, "reason": reason, "raw": raw.decode("utf-8", "replace")}
        fh.write(json.dumps(record) + "\n")


def routes(
    app: FastAPI, settings: Settings, context: Callable[[HTTPConnection], Awaitable[Context]]
) -> None:
    """Add ``/hooks/x`` (the CRC check and deliveries), ``/hooks/shopify`` and ``/hooks/events``
    (its caller's key checked by ``context``, as the API's) to ``app``."""
    _x_routes(app, settings)
    _shopify_routes(app, settings)
    _event_routes(app, settings, context)


@dataclass(frozen=True)
class _Signed:
    """How a platform signs its deliveries: the header, the digest of the body, and the setting
    holding the secret (None: the endpoint is not configured)."""

    platform: str
    header: str
    digest: Callable[[str, bytes], str]
    setting: str
    secret: str | None

    def not_set(self) -> JSONResponse:
        """The 503 of an endpoint without its secret."""
        return _refusal(503, "UNAVAILABLE",
                        f"{self.platform} webhooks are not configured on this server",
                        f"set {self.setting} to the {self.platform} app's secret")  # fmt: skip

    async def body(self, request: Request) -> bytes | JSONResponse:
        """The delivery's body once its signature checks out, else the refusal to answer."""
        if self.secret is None:
            return self.not_set()
        raw = await request.body()
        if len(raw) > MAX_BODY:
            return _refusal(413, "BAD_USER_INPUT", "the body is too large", f"{MAX_BODY} bytes")
        given = request.headers.get(self.header, "")
        if not hmac.compare_digest(given, self.digest(self.secret, raw)):
            return _refusal(
                401, "UNAUTHENTICATED", f"the {self.header} does not match",
                f"{self.platform} signs each delivery with the app's secret: {self.setting}",
            )  # fmt: skip
        return raw


def _x_routes(app: FastAPI, settings: Settings) -> None:
    secret = settings.x_consumer_secret.get_secret_value() if settings.x_consumer_secret else None
    signed = _Signed("X", "x-twitter-webhooks-signature", signing.x_digest,
                     "RAPPORT_X_CONSUMER_SECRET", secret)  # fmt: skip

    @app.get("/hooks/x", include_in_schema=False)
    async def x_crc(crc_token: str | None = None) -> Response:
        if secret is None:
            return signed.not_set()
        if not crc_token:
            return _refusal(400, "BAD_USER_INPUT", "crc_token is missing",
                            "X sends GET /hooks/x?crc_token=… to check the endpoint")  # fmt: skip
        return JSONResponse({"response_token": signing.x_digest(secret, crc_token.encode())})

    @app.post("/hooks/x", include_in_schema=False)
    async def x_delivery(request: Request) -> Response:
        raw = await signed.body(request)
        if isinstance(raw, Response):
            return raw
        return await _ingest(request, settings, raw)


async def _ingest(request: Request, settings: Settings, raw: bytes) -> Response:
    """Read a signed delivery and ingest its tweets; a body that cannot be read is kept."""
    try:
        posts = x_posts(json.loads(raw))
    except (ValueError, BadBody, KeyError, TypeError) as exc:
        reason = str(exc) if isinstance(exc, BadBody) else f"not JSON: {exc}"
        await asyncio.to_thread(_keep_reject, settings.data_dir, raw, reason)
        return _refusal(400, "BAD_USER_INPUT", f"cannot read this delivery: {reason}",
                        "the body was kept in rejects/webhooks-x.jsonl")  # fmt: skip
    from api.graphql.context import Context  # the app's shared repository and pipeline
    from importers.run.live import ingest_post

    context = Context(request.app.state.shared, role="writer")
    pipeline = await asyncio.to_thread(context.pipeline)
    alerts, refused = [], []
    for post in posts:
        try:
            done = await asyncio.to_thread(
                ingest_post, context.repository, post, enrichment=pipeline
            )
        except InvalidRecord as exc:
            refused.append(f"{post.post_id}: {exc}")
            continue
        if done.alert is not None:
            alerts.append(done.alert.id)
    if refused:
        await asyncio.to_thread(_keep_reject, settings.data_dir, raw, "; ".join(refused))
    body = {"ingested": len(posts) - len(refused), "alerts": alerts, "refused": refused}
    return JSONResponse(body)


async def _writer(request: Request) -> Context:
    """A writer's context on the app's shared repository, for a platform's signed delivery."""
    from api.graphql.context import Context  # the app's shared repository and pipeline

    return Context(request.app.state.shared, role="writer")


def _taken(taken: Taken) -> dict[str, Any]:
    written = taken.written
    return {"created": written.created, "updated": written.updated,
            "unchanged": written.unchanged, "waiting": taken.waiting}  # fmt: skip


KEEP_DIRECTORY = 60.0  # seconds a kept directory is used before it is read again


@dataclass
class _Kept:
    """The directory of people and products, kept between deliveries: reading it takes a quarter
    of a second at 10k customers, longer than the rest of a delivery. A delivery that names
    someone or something the kept one does not know is read again with a fresh one, so nothing
    is created twice or refused for being new."""

    directory: Directory | None = None
    at: float = 0.0
    fresh: bool = False  # the last context handed out was just read

    def context(
        self, repository: Repository, *, store: str | None = None, fresh: bool = False
    ) -> ImportContext:
        """An import context on the kept directory (read again when ``fresh`` or old)."""
        self.fresh = fresh or self.directory is None or time.monotonic() - self.at > KEEP_DIRECTORY
        if self.fresh:
            self.directory, self.at = load_directory(repository), time.monotonic()
        return ImportContext(repository, store=store, _directory=self.directory)


def _order(
    kept: _Kept, repository: Repository, store: str | None, origin: Origin, rows: list[CsvRow]
) -> Item:
    """The order's item, read again with a fresh directory when it makes a customer or product
    the kept directory did not know."""
    item = ShopifyOrders(kept.context(repository, store=store)).order_item(origin, rows, SHOPIFY)
    new = any(isinstance(r, model.Customer | model.Product) for r in item.records)
    if new and not kept.fresh:
        fresh = kept.context(repository, store=store, fresh=True)
        item = ShopifyOrders(fresh).order_item(origin, rows, SHOPIFY)
    return item


def _shopify_routes(app: FastAPI, settings: Settings) -> None:
    secret = settings.shopify_webhook_secret
    key = secret.get_secret_value() if secret else None
    signed = _Signed("Shopify", "X-Shopify-Hmac-Sha256", signing.shopify_digest,
                     "RAPPORT_SHOPIFY_WEBHOOK_SECRET", key)  # fmt: skip
    spec = ShopifyOrders.SPECS[0]
    kept = _Kept()

    @app.post("/hooks/shopify", include_in_schema=False)
    async def shopify_delivery(request: Request) -> Response:
        raw = await signed.body(request)
        if isinstance(raw, Response):
            return raw
        topic = request.headers.get("x-shopify-topic", "")
        if topic not in ORDER_TOPICS:
            return JSONResponse({"ignored": topic or "(no X-Shopify-Topic)",
                                 "reason": f"Rapport reads {', '.join(ORDER_TOPICS)}"})  # fmt: skip
        context = await _writer(request)
        origin = Origin("webhook:shopify", 1, raw[:2000].decode("utf-8", "replace"))
        try:
            body = json.loads(raw)
            if not isinstance(body, dict):
                raise ValueError("the body must be a JSON object (an order)")
            rows = webhook_rows(body)
            item = await asyncio.to_thread(
                _order, kept, context.repository, settings.shopify_store, origin, rows
            )
        except ValueError as exc:  # JSONDecodeError is one
            await asyncio.to_thread(_keep_reject, settings.data_dir, raw, str(exc), "shopify")
            return _refusal(400, "BAD_USER_INPUT", f"cannot read this order: {exc}",
                            "the body was kept in rejects/webhooks-shopify.jsonl")  # fmt: skip
        taken = await asyncio.to_thread(ingest_items, context.repository, [item], spec)
        purchase = next(r.id for r in item.records if isinstance(r, model.Purchase))
        return JSONResponse({"topic": topic, "purchase": purchase, **_taken(taken),
                             "warnings": item.warnings})  # fmt: skip


def _interactions(
    kept: _Kept, repository: Repository, events: list[Any]
) -> tuple[list[Item], list[dict[str, Any]]]:
    """The items of the events that can be read, and why the others cannot (by index)."""
    items, refused = [], []
    reader = InteractionsCsv(kept.context(repository))
    for n, event in enumerate(events):
        origin = Origin("webhook:events", n + 1, json.dumps(event)[:2000])
        try:
            if not isinstance(event, dict) or event.get("type") != "interaction":
                raise ValueError('an event is an object with "type": "interaction"')
            row = event_row(event)
            try:
                items.append(reader.item(origin, row, "events:webhook"))
            except ValueError as exc:
                if not str(exc).startswith("unknown ") or kept.fresh:
                    raise
                reader = InteractionsCsv(kept.context(repository, fresh=True))  # someone new?
                items.append(reader.item(origin, row, "events:webhook"))
        except ValueError as exc:
            refused.append({"index": n, "reason": str(exc)})
    return items, refused


def _event_routes(
    app: FastAPI, settings: Settings, context: Callable[[HTTPConnection], Awaitable[Context]]
) -> None:
    spec = InteractionsCsv.SPECS[0]
    kept = _Kept()

    @app.post("/hooks/events", include_in_schema=False)
    async def event_delivery(request: Request) -> Response:
        caller = await context(request)  # 401/429/503 as the API answers them
        try:
            caller.require("writer")
        except Forbidden as exc:
            return _refusal(403, "FORBIDDEN", exc.message, exc.hint or "")
        raw = await request.body()
        if len(raw) > MAX_BODY:
            return _refusal(413, "BAD_USER_INPUT", "the body is too large", f"{MAX_BODY} bytes")
        try:
            body = json.loads(raw)
        except ValueError as exc:
            await asyncio.to_thread(_keep_reject, settings.data_dir, raw, f"not JSON: {exc}",
                                    "events")  # fmt: skip
            return _refusal(400, "BAD_USER_INPUT", f"the body is not JSON: {exc}",
                            'send {"type": "interaction", ...} or a list of them')  # fmt: skip
        events = body if isinstance(body, list) else [body]
        if len(events) > MAX_EVENTS:
            return _refusal(413, "BAD_USER_INPUT", f"{len(events)} events in one body",
                            f"send at most {MAX_EVENTS} at a time")  # fmt: skip
        items, refused = await asyncio.to_thread(_interactions, kept, caller.repository, events)
        reasons = ""
        if refused:
            reasons = "; ".join(f"[{r['index']}] {r['reason']}" for r in refused)
            await asyncio.to_thread(_keep_reject, settings.data_dir, raw, reasons, "events")
        if not items:
            return _refusal(400, "BAD_USER_INPUT", f"cannot read the events: {reasons}",
                            "the body was kept in rejects/webhooks-events.jsonl")  # fmt: skip
        pipeline = await asyncio.to_thread(caller.pipeline)
        taken = await asyncio.to_thread(
            ingest_items, caller.repository, items, spec, enrichment=pipeline
        )
        ids = [r.id for item in items for r in item.records if isinstance(r, model.Interaction)]
        return JSONResponse({"ingested": ids, **_taken(taken), "refused": refused})
