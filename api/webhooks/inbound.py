"""Platform webhooks taken in: X (Twitter) tweets at ``/hooks/x``.

X checks an endpoint with a CRC challenge (``GET ?crc_token=``, answered with the HMAC of the
token under the app's consumer secret) and signs each delivery (``x-twitter-webhooks-signature``).
A delivery holds Account Activity ``tweet_create_events`` (v1.1 tweets) or a v2 ``data`` /
``includes`` body (filtered stream). Each tweet goes through the same single-post ingestion as
``ingestPost`` and `rapport ingest-post` (:func:`importers.run.live.ingest_post`): enrichment,
identity, alerting. A body that cannot be read gets a 400 saying why and is kept in
``<data dir>/rejects/webhooks-x.jsonl``; a tweet delivered twice changes nothing.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import os
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from api.webhooks import signing
from graph.errors import InvalidRecord
from graph.settings import Settings
from importers.run.live import LivePost

MAX_BODY = 1_000_000
_REFERENCE = {"replied_to": "reply", "quoted": "quote", "retweeted": "reshare"}


class BadBody(ValueError):
    """A delivery that is not a tweet body Rapport reads."""


def _refusal(status: int, code: str, message: str, hint: str) -> JSONResponse:
    error = {"message": message, "extensions": {"code": code, "hint": hint}}
    return JSONResponse({"errors": [error]}, status_code=status)


def _v1_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return parsedate_to_datetime(value).astimezone(UTC)
    except (TypeError, ValueError):
        return None


def _v2_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return None


def _v1(tweet: dict[str, Any]) -> LivePost:
    user = tweet.get("user") or {}
    text = (
        (tweet.get("extended_tweet") or {}).get("full_text")
        or tweet.get("full_text")
        or tweet.get("text")
    )
    if not user.get("screen_name") or not isinstance(text, str) or not tweet.get("id_str"):
        raise BadBody("a tweet_create_events item needs id_str, text and user.screen_name")
    reply, quote = tweet.get("in_reply_to_status_id_str"), tweet.get("quoted_status_id_str")
    parent, kind = (reply, "reply") if reply else (quote, "quote") if quote else (None, "reply")
    return LivePost(
        handle=user["screen_name"], text=text, at=_v1_time(tweet.get("created_at")),
        post_id=str(tweet["id_str"]), in_reply_to=f"twitter:{parent}" if parent else None,
        reference=kind, display_name=user.get("name"), followers=user.get("followers_count"),
        likes=int(tweet.get("favorite_count") or 0), shares=int(tweet.get("retweet_count") or 0),
    )  # fmt: skip


def _v2(tweet: dict[str, Any], users: dict[str, dict[str, Any]]) -> LivePost:
    author = users.get(str(tweet.get("author_id")))
    if author is None or not author.get("username") or not isinstance(tweet.get("text"), str):
        raise BadBody("a v2 tweet needs id, text and an author_id found in includes.users")
    refs = tweet.get("referenced_tweets") or []
    ref = refs[0] if refs and isinstance(refs[0], dict) else None
    metrics = tweet.get("public_metrics") or {}
    return LivePost(
        handle=author["username"], text=tweet["text"], at=_v2_time(tweet.get("created_at")),
        post_id=str(tweet["id"]), in_reply_to=f"twitter:{ref['id']}" if ref else None,
        reference=_REFERENCE.get(ref.get("type", ""), "reply") if ref else "reply",
        display_name=author.get("name"),
        followers=(author.get("public_metrics") or {}).get("followers_count"),
        likes=int(metrics.get("like_count") or 0), shares=int(metrics.get("retweet_count") or 0),
    )  # fmt: skip


def x_posts(body: Any) -> list[LivePost]:
    """The tweets of an X webhook delivery, as posts to ingest.

    >>> v2 = {"data": {"id": "9", "text": "hi", "author_id": "1"},
    ...       "includes": {"users": [{"id": "1", "username": "ann"}]}}
    >>> [(p.handle, p.post_id, p.text) for p in x_posts(v2)]
    [('ann', '9', 'hi')]
    """
    if not isinstance(body, dict):
        raise BadBody("the body must be a JSON object")
    if "tweet_create_events" in body:
        events = body["tweet_create_events"]
        if not isinstance(events, list):
            raise BadBody("tweet_create_events must be a list")
        return [_v1(t) for t in events if isinstance(t, dict)]
    if "data" in body:
        data = body["data"] if isinstance(body["data"], list) else [body["data"]]
        users = {str(u.get("id")): u for u in (body.get("includes") or {}).get("users", [])
                 if isinstance(u, dict)}  # fmt: skip
        return [_v2(t, users) for t in data if isinstance(t, dict)]
    if any(k.endswith("_events") for k in body):
        return []  # other Account Activity events (likes, follows, DMs): not read, accepted
    raise BadBody("expected tweet_create_events (Account Activity) or data/includes (API v2)")


def _keep_reject(data_dir: Path, raw: bytes, reason: str) -> None:
    folder = data_dir / "rejects"
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / "webhooks-x.jsonl", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        at = datetime.now(UTC).isoformat(timespec="seconds")
        record = {"at": at, "reason": reason, "raw": raw.decode("utf-8", "replace")}
        fh.write(json.dumps(record) + "\n")


def routes(app: FastAPI, settings: Settings) -> None:
    """Add ``/hooks/x`` (the CRC check and deliveries) to ``app``."""
    secret = settings.x_consumer_secret.get_secret_value() if settings.x_consumer_secret else None
    not_set = ("X webhooks are not configured on this server",
               "set RAPPORT_X_CONSUMER_SECRET to the X app's consumer secret")  # fmt: skip

    @app.get("/hooks/x", include_in_schema=False)
    async def x_crc(crc_token: str | None = None) -> Response:
        if secret is None:
            return _refusal(503, "UNAVAILABLE", *not_set)
        if not crc_token:
            return _refusal(400, "BAD_USER_INPUT", "crc_token is missing",
                            "X sends GET /hooks/x?crc_token=… to check the endpoint")  # fmt: skip
        return JSONResponse({"response_token": signing.x_digest(secret, crc_token.encode())})

    @app.post("/hooks/x", include_in_schema=False)
    async def x_delivery(request: Request) -> Response:
        if secret is None:
            return _refusal(503, "UNAVAILABLE", *not_set)
        raw = await request.body()
        if len(raw) > MAX_BODY:
            return _refusal(413, "BAD_USER_INPUT", "the body is too large", f"{MAX_BODY} bytes")
        given = request.headers.get("x-twitter-webhooks-signature", "")
        if not hmac.compare_digest(given, signing.x_digest(secret, raw)):
            return _refusal(
                401, "UNAUTHENTICATED", "the x-twitter-webhooks-signature does not match",
                "X signs each delivery with the app's consumer secret: RAPPORT_X_CONSUMER_SECRET",
            )  # fmt: skip
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
