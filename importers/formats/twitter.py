"""X / Twitter API v2 responses (JSON or JSON lines): accounts, tweets and how they connect.

Three shapes are read, a response or a record a line (a file may also be one pretty-printed
response):

- **a tweets response** ``{"data": [tweets], "includes": {"users", "tweets"}, "errors"}`` (search,
  timelines): each tweet in ``data`` is a record; ``includes`` are what those records refer to
  (their authors and referenced tweets), written but not counted as records of their own;
- **twarc2 flatten output**: one tweet a line, its ``author``, ``in_reply_to_user``, mentioned
  users and referenced tweets inlined (no ``includes``);
- **a users response** ``{"data": [users], "includes": {"tweets": [pinned tweets]}}`` (``GET
  /2/users``): each user is a record, a ``SocialAccount`` with its public fields; pinned tweets
  become posts.

Users become ``SocialAccount`` nodes (``twitter:<username>``), tweets ``Post`` nodes (``lang``
and the thread, ``conversation_id``, kept). ``referenced_tweets`` give ``REPLIES_TO`` and
``QUOTES``; a **retweet** is not a post of its own but a share of the original (``SHARED`` from
the retweeting account, at its time), since X reports the original's metrics on every retweet
and counting them again would inflate reach. A replied-to tweet that the file does not hold is
kept as a bare post, written by ``in_reply_to_user_id``'s account, so the reply still connects
the two people. ``entities.mentions`` give ``MENTIONS`` and ``entities.hashtags`` ``TAGGED``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from graph import model
from graph.model import Record
from graph.model.records import MAX_INT
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
    Skip,
    SourceItem,
    guarded,
    reason_for,
)
from importers.readers import values as v
from importers.readers.fields import left_empty
from importers.readers.json_lines import read_json_lines

PLATFORM = "twitter"
_REFERENCES = {"replied_to": model.RepliesTo, "quoted": model.Quotes}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _email_in(text: Any) -> str | None:
    """An e-mail address a profile's description shows, lower-cased."""
    found = _EMAIL.search(text) if isinstance(text, str) else None
    return found.group().lower() if found else None


def post_id(tweet_id: Any) -> str:
    """The graph id of a tweet.

    >>> post_id(3001)
    'twitter:3001'
    """
    return f"{PLATFORM}:{v.identifier('tweet id', tweet_id)}"


def _is_user(value: Any) -> bool:
    return isinstance(value, dict) and "username" in value and "text" not in value


def _is_tweet(value: Any) -> bool:
    return isinstance(value, dict) and ("text" in value or "author_id" in value)


@dataclass
class _File:
    """What one file has told so far: user id -> handle, the source name, our brand accounts."""

    source: str
    brands: frozenset[str]
    handles: dict[str, str] = field(default_factory=dict)

    def account(self, user: Any) -> model.SocialAccount:
        """The account of an X user object (``username`` required), remembering its handle."""
        if not isinstance(user, dict) or not str(user.get("username") or "").strip():
            raise ValueError("a user without a username")
        handle = str(user["username"]).strip().lstrip("@").lower()
        user_id = v.identifier("user id", user["id"]) if user.get("id") is not None else None
        if user_id is not None:
            self.handles[user_id] = handle
        account_id = model.SocialAccount.key(PLATFORM, handle)
        metrics = user.get("public_metrics") or {}
        followers = metrics.get("followers_count")
        return model.SocialAccount(
            id=account_id,
            platform=PLATFORM,
            handle=handle,
            display_name=user.get("name") or None,
            followers=v.integer("followers_count", str(followers))
            if followers is not None
            else None,
            is_brand=account_id in self.brands,
            location=user.get("location") or None,
            description=user.get("description") or None,
            verified=user["verified"] if isinstance(user.get("verified"), bool) else None,
            created_at=v.when("created_at", user.get("created_at")),
            platform_id=user_id,
            email=_email_in(user.get("description")),
            source=self.source,
        )

    def handle(self, user_id: Any) -> str | None:
        return self.handles.get(str(user_id)) if user_id is not None else None


class TwitterV2:
    """Tweets and users as returned by the X API v2 (and as twarc2 flattens them)."""

    SPECS: ClassVar[tuple[FormatSpec, ...]] = (
        FormatSpec(
            "twitter",
            "X API v2 tweets or users (JSON or JSON lines; twarc2 flatten output too)",
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
        """True for JSON that looks like X API v2 tweets, users or twarc2 output."""
        first = head.lstrip()[:2000]
        if not first.startswith(("{", "[")):
            return False
        tweets = '"author_id"' in head or '"includes"' in head
        users = '"username"' in head and '"public_metrics"' in head
        return tweets or users

    def read(self, path: Path) -> Iterator[SourceItem]:
        """Per response: its users and its tweets, in file order."""
        known = _File(f"twitter:{path.name}", self.brand_accounts)
        for line in read_json_lines(path):
            origin = Origin(str(path), line.line, line.raw)
            if line.problem:
                yield Reject(origin, line.problem)
                continue
            for response in line.value if isinstance(line.value, list) else [line.value]:
                yield from guarded(origin, self._response, response, origin, known)

    def _response(self, response: Any, origin: Origin, known: _File) -> Iterator[SourceItem]:
        if _is_tweet(response):  # one tweet a line (twarc2 flatten, or a bare tweet)
            yield from self._tweet(response, origin, known, secondary=False)
            return
        if _is_user(response):
            yield from self._user(response, origin, known)
            return
        if not isinstance(response, dict):
            yield Reject(origin, "expected a JSON object (an X API v2 response, tweet or user)")
            return
        data = response.get("data")
        records = [data] if isinstance(data, dict) else [d for d in data or [] if d is not None]
        includes = response.get("includes") or {}
        if not records:
            errors = response.get("errors") or []
            detail = "; ".join(str(e.get("detail") or e) for e in errors if isinstance(e, dict))
            yield Skip(origin, f"a response without data{': ' + detail if detail else ''}")
            return
        if all(_is_user(r) for r in records):  # GET /2/users: users, with their pinned tweets
            for user in records:
                yield from self._user(user, origin, known)
        else:
            yield from self._included_users(includes.get("users") or [], origin, known)
            for tweet in records:
                yield from self._tweet(tweet, origin, known, secondary=False)
        primary = {str(r.get("id")) for r in records if isinstance(r, dict)}
        for tweet in includes.get("tweets") or []:
            if isinstance(tweet, dict) and str(tweet.get("id")) not in primary:
                yield from self._tweet(tweet, origin, known, secondary=True)

    def _user(self, user: Any, origin: Origin, known: _File) -> Iterator[SourceItem]:
        try:
            yield Item(origin, [known.account(user)])
        except Exception as exc:
            yield Reject(origin, f"user {str(user.get('id', ''))[:40]}: {reason_for(exc)}")

    def _included_users(self, users: list[Any], origin: Origin, known: _File) -> Iterator[Item]:
        """The users a page includes: written (not records of their own); a bad one is left out
        with a warning."""
        accounts: list[Record] = []
        warnings: list[str] = []
        for n, user in enumerate(users):
            try:
                accounts.append(known.account(user))
            except Exception as exc:
                warnings.append(f"includes.users[{n}]: {reason_for(exc)} (left out)")
        if accounts or warnings:
            yield Item(origin, accounts, secondary=True, warnings=warnings)

    def _tweet(
        self, tweet: Any, origin: Origin, known: _File, *, secondary: bool
    ) -> Iterator[SourceItem]:
        if not isinstance(tweet, dict) or tweet.get("id") is None:
            if not secondary:
                yield Reject(origin, "tweet without an id")
            return
        try:
            yield from self._tweet_items(tweet, origin, known, secondary)
        except Exception as exc:
            if not secondary:
                yield Reject(origin, f"tweet {str(tweet['id'])[:40]}: {reason_for(exc)}")

    def _tweet_items(
        self, tweet: dict[str, Any], origin: Origin, known: _File, secondary: bool
    ) -> Iterator[SourceItem]:
        records: list[Record] = []
        inline = tweet.get("author")
        if isinstance(inline, dict):
            records.append(known.account(inline))
        author = known.handle(tweet.get("author_id")) or (
            str(inline.get("username")).lower() if isinstance(inline, dict) else None
        )
        this = post_id(tweet["id"])
        if author is None and not secondary:
            raise ValueError(
                f"author_id {tweet.get('author_id')!r} is not in includes.users "
                "(request expansions=author_id, or flatten the file with twarc2)"
            )
        references = [r for r in tweet.get("referenced_tweets") or [] if isinstance(r, dict)]
        # Referenced tweets given whole (twarc2 flatten): written as the posts they are.
        for ref in references:
            if _is_tweet(ref) and "text" in ref:
                yield from self._tweet(ref, origin, known, secondary=True)
        retweet = next((r for r in references if r.get("type") == "retweeted"), None)
        account_id = model.SocialAccount.key(PLATFORM, author) if author else None
        if retweet is not None:
            yield Item(origin, records + self._share(tweet, retweet, account_id, known.source),
                       secondary=secondary)  # fmt: skip
            return
        warnings: list[str] = []
        records += self._post(tweet, this, author, account_id, known, warnings)
        for ref in references:
            records += self._reference(this, ref, tweet, known, warnings)
        records += self._entities(this, tweet, known, warnings)
        authors = {this: account_id} if account_id else {}
        yield Item(origin, records, authors=authors, secondary=secondary, warnings=warnings)

    def _post(
        self, tweet: dict[str, Any], this: str, author: str | None, account_id: str | None,
        known: _File, warnings: list[str],
    ) -> list[Record]:  # fmt: skip
        metrics = tweet.get("public_metrics")
        if not isinstance(metrics, dict):
            if metrics is not None:
                warnings.append("public_metrics: not an object (left empty)")
            metrics = {}
        counts = {name: _count(metrics, name, warnings) for name in _METRICS}
        conversation = tweet.get("conversation_id")
        post = model.Post(
            id=this,
            platform=PLATFORM,
            text=str(tweet.get("text") or ""),
            at=_when(tweet.get("created_at"), warnings),
            url=f"https://x.com/{author or 'i'}/status/{this.split(':', 1)[1]}",
            likes=counts["like_count"],
            shares=counts["retweet_count"] + counts["quote_count"],
            lang=str(tweet["lang"]) if tweet.get("lang") else None,
            conversation_id=post_id(conversation) if conversation is not None else None,
            source=known.source,
        )
        records: list[Record] = [post]
        if account_id is not None:
            records.append(model.Posted(start_id=account_id, end_id=this, source=known.source))
        return records

    def _share(
        self, tweet: dict[str, Any], retweet: dict[str, Any], account_id: str | None, source: str
    ) -> list[Record]:
        """A retweet: the account shared the original (its metrics are the original's: unused)."""
        original = post_id(retweet.get("id"))
        records: list[Record] = [model.Post(id=original, platform=PLATFORM, source=source)]
        if account_id is not None:
            at = v.when("created_at", tweet.get("created_at"))
            platform_id = v.identifier("id", tweet["id"])
            records.append(model.Shared(start_id=account_id, end_id=original, at=at,
                                        platform_id=platform_id, source=source))  # fmt: skip
        return records

    def _reference(
        self, this: str, ref: dict[str, Any], tweet: dict[str, Any], known: _File,
        warnings: list[str],
    ) -> list[Record]:  # fmt: skip
        rel = _REFERENCES.get(str(ref.get("type")))
        if rel is None:
            warnings.append(f"referenced_tweets: unknown type {str(ref.get('type'))[:40]!r} "
                            "(left out)")  # fmt: skip
            return []
        target = post_id(ref.get("id"))
        records: list[Record] = [model.Post(id=target, platform=PLATFORM, source=known.source)]
        if ref.get("type") == "replied_to":
            # The replied-to tweet may be absent; who wrote it is known all the same.
            inline = tweet.get("in_reply_to_user")
            if isinstance(inline, dict):
                records.append(known.account(inline))
            replied = known.handle(tweet.get("in_reply_to_user_id"))
            if replied is not None:
                account = model.SocialAccount.key(PLATFORM, replied)
                records.append(model.Posted(start_id=account, end_id=target, source=known.source))
        records.append(rel(start_id=this, end_id=target, source=known.source))
        return records

    def _entities(
        self, this: str, tweet: dict[str, Any], known: _File, warnings: list[str]
    ) -> list[Record]:
        records: list[Record] = []
        entities = tweet.get("entities") or {}
        if not isinstance(entities, dict):
            warnings.append("entities: not an object (mentions and hashtags left out)")
            return records
        for mention in _objects(entities.get("mentions"), "username"):
            if "public_metrics" in mention or "created_at" in mention:  # twarc2: the whole user
                account = known.account(mention)
            else:
                handle = str(mention["username"]).lstrip("@").lower()
                account_id = model.SocialAccount.key(PLATFORM, handle)
                account = model.SocialAccount(
                    id=account_id, platform=PLATFORM, handle=handle, source=known.source,
                    is_brand=True if account_id in known.brands else None,
                )  # fmt: skip
            records.append(account)
            records.append(model.Mentions(start_id=this, end_id=account.id, source=known.source))
        for tag in _objects(entities.get("hashtags"), "tag"):
            topic = str(tag["tag"]).lower()
            records.append(model.Topic(id=topic, name=topic, source=known.source))
            records.append(model.Tagged(start_id=this, end_id=topic, source=known.source))
        return records


_METRICS = ("like_count", "retweet_count", "quote_count")


def _objects(value: Any, key: str) -> list[dict[str, Any]]:
    """The entries of an entity list that hold ``key`` (others are not entities we read)."""
    if not isinstance(value, list):
        return []
    return [e for e in value if isinstance(e, dict) and str(e.get(key) or "").strip()]


def _count(metrics: dict[str, Any], name: str, warnings: list[str]) -> int:
    value = metrics.get(name)
    if value is None:
        return 0
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_INT:
        return value
    warnings.append(f"public_metrics.{name}: {str(value)[:40]!r} is not a count (left empty)")
    return 0


def _when(value: Any, warnings: list[str]) -> datetime | None:
    """A tweet's time; one that cannot be read is left empty, with a warning."""
    if value is not None and not isinstance(value, str):
        warnings.append(f"created_at: {str(value)[:40]!r} is not a date (left empty)")
        return None
    try:
        return v.when("created_at", value)
    except ValueError as exc:
        warnings.append(left_empty("created_at", exc))
        return None
