"""X / Twitter API v2 responses (JSON or JSON lines): accounts, tweets and how they connect.

A line is a response ``{"data": [...], "includes": {"users": [...], "tweets": [...]}}``, or a
single tweet. Users become ``SocialAccount`` nodes (``twitter:<username>``), tweets ``Post``
nodes; ``referenced_tweets`` give ``REPLIES_TO`` / ``QUOTES`` / ``RESHARES``,
``entities.mentions`` ``MENTIONS`` and ``entities.hashtags`` ``TAGGED`` topics. A referenced
tweet that the file does not hold is kept as a bare post so the edge is not lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from graph import model
from graph.model import Record
from importers.formats.base import (
    ACCOUNTS,
    PEOPLE,
    POSTS,
    PRODUCTS,
    FormatSpec,
    ImportContext,
    Item,
    Origin,
    Reject,
    SourceItem,
    guarded,
    reason_for,
)
from importers.readers import values as v
from importers.readers.json_lines import read_json_lines

PLATFORM = "twitter"
_REFERENCES = {"replied_to": model.RepliesTo, "quoted": model.Quotes, "retweeted": model.Reshares}


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _email_in(text: Any) -> str | None:
    """An e-mail address a profile's description shows, lower-cased."""
    found = _EMAIL.search(text) if isinstance(text, str) else None
    return found.group().lower() if found else None


def post_id(tweet_id: Any) -> str:
    """The graph id of a tweet."""
    return f"{PLATFORM}:{tweet_id}"


class TwitterV2:
    """Tweets and users as returned by the X API v2."""

    SPECS: ClassVar[tuple[FormatSpec, ...]] = (
        FormatSpec(
            "twitter",
            "X/Twitter API v2 responses (JSON or JSON lines)",
            provides=frozenset({ACCOUNTS, POSTS}),
            needs=frozenset({PEOPLE, PRODUCTS}),
            enriched=True,
            identities=True,
            posts=True,
        ),
    )
    spec = SPECS[0]
    name = spec.name

    def __init__(self, brand_accounts: tuple[str, ...] = ()) -> None:
        self.brand_accounts = frozenset(brand_accounts)

    @classmethod
    def build(cls, spec: FormatSpec, context: ImportContext) -> TwitterV2:
        """A reader that knows our brand accounts."""
        return cls(context.brand_accounts)

    def sniff(self, path: Path, head: str) -> bool:
        """True for JSON whose first record looks like a v2 response or tweet."""
        first = head.lstrip()[:2000]
        return first.startswith(("{", "[")) and ('"author_id"' in head or '"includes"' in head)

    def read(self, path: Path) -> Iterator[SourceItem]:
        """Per line: one item for its users, then one per tweet (data, then includes.tweets)."""
        handles: dict[str, str] = {}  # user id -> handle, across the whole file
        source = f"twitter:{path.name}"
        for line in read_json_lines(path):
            origin = Origin(str(path), line.line, line.raw)
            if line.problem:
                yield Reject(origin, line.problem)
                continue
            for response in line.value if isinstance(line.value, list) else [line.value]:
                yield from guarded(origin, self._response, response, origin, handles, source)

    def _response(
        self, response: Any, origin: Origin, handles: dict[str, str], source: str
    ) -> Iterator[SourceItem]:
        if not isinstance(response, dict):
            yield Reject(origin, "expected a JSON object (a v2 response or a tweet)")
            return
        if "data" not in response and "text" in response:
            response = {"data": [response]}
        includes = response.get("includes") or {}
        users = [u for u in includes.get("users") or [] if isinstance(u, dict)]
        if users:
            yield self._users(users, origin, handles, source)
        data = response.get("data") or []
        tweets = [data] if isinstance(data, dict) else list(data)
        for tweet in [*tweets, *(includes.get("tweets") or [])]:
            yield self._tweet(tweet, origin, handles, source)

    def _users(
        self, users: list[dict[str, Any]], origin: Origin, handles: dict[str, str], source: str
    ) -> SourceItem:
        records: list[Record] = []
        try:
            for user in users:
                handle = str(user["username"]).lower()
                handles[v.identifier("user id", user.get("id"))] = handle
                account_id = model.SocialAccount.key(PLATFORM, handle)
                metrics = user.get("public_metrics") or {}
                records.append(
                    model.SocialAccount(
                        id=account_id,
                        platform=PLATFORM,
                        handle=handle,
                        display_name=user.get("name"),
                        followers=v.integer(
                            "followers_count", str(metrics.get("followers_count", ""))
                        ),
                        is_brand=account_id in self.brand_accounts,
                        location=user.get("location") or None,
                        email=_email_in(user.get("description")),
                        source=source,
                    )
                )
        except Exception as exc:
            return Reject(origin, f"bad user in includes.users: {reason_for(exc)}")
        return Item(origin=origin, records=records)

    def _tweet(
        self, tweet: Any, origin: Origin, handles: dict[str, str], source: str
    ) -> SourceItem:
        if not isinstance(tweet, dict) or "id" not in tweet:
            return Reject(origin, "tweet without an id")
        author = handles.get(str(tweet.get("author_id")))
        if author is None:
            return Reject(
                origin,
                f"tweet {tweet['id']}: author_id {tweet.get('author_id')!r} is not in "
                "includes.users (request expansions=author_id)",
            )
        try:
            return self._tweet_item(tweet, author, origin, source)
        except Exception as exc:
            return Reject(origin, f"tweet {tweet['id']}: {reason_for(exc)}")

    def _tweet_item(self, tweet: dict[str, Any], author: str, origin: Origin, source: str) -> Item:
        metrics = tweet.get("public_metrics") or {}
        account_id = model.SocialAccount.key(PLATFORM, author)
        post = model.Post(
            id=post_id(v.identifier("id", tweet["id"])),
            platform=PLATFORM,
            text=str(tweet.get("text") or ""),
            at=v.when("created_at", tweet.get("created_at")),
            url=f"https://x.com/{author}/status/{tweet['id']}",
            likes=int(metrics.get("like_count") or 0),
            shares=int(metrics.get("retweet_count") or 0) + int(metrics.get("quote_count") or 0),
            source=source,
        )
        records: list[Record] = [
            post,
            model.Posted(start_id=account_id, end_id=post.id, source=source),
        ]
        for ref in tweet.get("referenced_tweets") or []:
            rel = _REFERENCES.get(ref.get("type"))
            if rel is None:
                raise ValueError(f"unknown referenced_tweets type {ref.get('type')!r}")
            target = post_id(v.identifier("referenced_tweets id", ref.get("id")))
            records.append(model.Post(id=target, platform=PLATFORM, source=source))
            records.append(rel(start_id=post.id, end_id=target, source=source))
        entities = tweet.get("entities") or {}
        for mention in entities.get("mentions") or []:
            handle = str(mention["username"]).lower()
            target = model.SocialAccount.key(PLATFORM, handle)
            records.append(
                model.SocialAccount(id=target, platform=PLATFORM, handle=handle, source=source)
            )
            records.append(model.Mentions(start_id=post.id, end_id=target, source=source))
        for tag in entities.get("hashtags") or []:
            topic = str(tag["tag"]).lower()
            records.append(model.Topic(id=topic, name=topic, source=source))
            records.append(model.Tagged(start_id=post.id, end_id=topic, source=source))
        return Item(origin=origin, records=records, authors={post.id: account_id})
