"""X (Twitter) webhook bodies as posts to ingest: Account Activity ``tweet_create_events`` (v1.1
tweets) and v2 ``data`` / ``includes`` bodies (filtered stream), read into
:class:`importers.run.live.LivePost` (served at ``/hooks/x`` by :mod:`api.webhooks.inbound`)."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from importers.run.live import LivePost

_REFERENCE = {"replied_to": "reply", "quoted": "quote", "retweeted": "reshare"}


class BadBody(ValueError):
    """A delivery that is not a tweet body Rapport reads."""


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
