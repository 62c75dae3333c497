"""tweets.jsonl: tweet specs rendered as X API v2 response pages (``data``/``includes``/``meta``).

Entities are found in the final text with the same patterns X uses, so ``text[start:end]`` is
exactly ``@username``, ``#tag`` or the t.co URL. Ids are snowflakes: they grow with time.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from importers.generate.names import BIOS
from importers.generate.network import BRAND
from importers.generate.sampling import between
from importers.generate.tweets import Book, Tweet
from importers.generate.world import World
from importers.generate.writer import DAY, tweet_time, write_jsonl

MENTION = re.compile(r"(?<![\w@])@(\w{1,15})")
HASHTAG = re.compile(r"(?<![\w#&])#(\w+)")
URL = re.compile(r"https://t\.co/[A-Za-z0-9]+")
TWITTER_EPOCH_MS = 1_288_834_974_657
PAGE_SIZE = 100
COUNTRY = {"FR": "France", "BE": "Belgium", "CH": "Switzerland"}
BRAND_BIO = (
    "Thoughtful clothing, made to last. Stores across France. Help: DM us, we sign with ^initials."
)


def snowflakes(book: Book, order: list[int]) -> list[int]:
    """Tweet ids by spec index: (milliseconds since the X epoch << 22) | sequence."""
    ids = [0] * len(book.tweets)
    last, seq = -1, 0
    for i in order:
        ts = book.tweets[i].ts
        seq = seq + 1 if ts == last else 0
        last = ts
        ms, low = divmod(seq, 4096)
        ids[i] = ((ts * 1000 + ms - TWITTER_EPOCH_MS) << 22) | low
    return ids


class Renderer:
    """Turns specs into API objects; per-tweet and per-user numbers are drawn once, up front."""

    def __init__(self, world: World, book: Book, order: list[int], rng: random.Random) -> None:
        self.world, self.book, self.order = world, book, order
        self.ids = snowflakes(book, order)
        self.by_handle = {h: a for a, h in enumerate(world.accounts.handles)}
        n = len(book.tweets)
        self.replies, self.retweets, self.quotes = [0] * n, [0] * n, [0] * n
        authored = [0] * len(world.accounts)
        for t in book.tweets:
            authored[t.author] += 1
            if t.ref >= 0:
                counter = {"replied_to": self.replies, "retweeted": self.retweets}
                counter.get(t.ref_type, self.quotes)[t.ref] += 1
        self.likes = [self._likes(i, t, rng) for i, t in enumerate(book.tweets)]
        self.views = [self._views(t, self.likes[i], rng) for i, t in enumerate(book.tweets)]
        self.profiles = [self._profile(a, authored[a], rng) for a in range(len(world.accounts))]
        self.users: dict[int, dict[str, Any]] = {}

    def _likes(self, i: int, t: Tweet, rng: random.Random) -> int:
        if t.ref_type == "retweeted":
            return 0
        followers = len(self.world.accounts.inn[t.author])
        share = 0.12 if i == self.book.praise else rng.uniform(0.002, 0.03)
        return int(followers * share) + 3 * self.replies[i] + 2 * self.retweets[i]

    def _views(self, t: Tweet, likes: int, rng: random.Random) -> int:
        followers = len(self.world.accounts.inn[t.author])
        return int(followers * rng.uniform(0.4, 1.6)) + 12 * likes + between(rng, 3, 40)

    def _profile(self, a: int, authored: int, rng: random.Random) -> tuple[str, str, str, int]:
        """(description, location, created_at, tweet_count) for account ``a``."""
        acc, world = self.world.accounts, self.world
        created = tweet_time(world.start - between(rng, 30 * DAY, 12 * 365 * DAY))
        extra = between(rng, 20, 3000)
        if a == BRAND:
            return BRAND_BIO, "Lyon, France", created, authored + extra
        if acc.customer[a] >= 0:
            city = world.customers[acc.customer[a]].city
            return (
                rng.choice(BIOS),
                f"{city.name}, {COUNTRY[city.country]}",
                created,
                authored + extra,
            )
        e = acc.employee[a]
        store = world.employee_store(e) or world.stores[0]
        bio = f"{world.employees[e].role} at Rapport Shop. Views my own."
        return bio, f"{store.city.name}, {COUNTRY[store.city.country]}", created, authored + extra

    def user(self, a: int) -> dict[str, Any]:
        """An X API v2 user object (built once per account)."""
        cached = self.users.get(a)
        if cached is None:
            cached = self.users[a] = self._user(a)
        return cached

    def _user(self, a: int) -> dict[str, Any]:
        acc = self.world.accounts
        bio, location, created, tweets = self.profiles[a]
        followers, following = len(acc.inn[a]), len(acc.out[a])
        return {
            "id": acc.user_ids[a],
            "username": acc.handles[a],
            "name": acc.names[a],
            "description": bio,
            "location": location,
            "created_at": created,
            "verified": a == BRAND,
            "public_metrics": {
                "followers_count": followers,
                "following_count": following,
                "tweet_count": tweets,
                "listed_count": followers // 40,
            },
        }

    def mentioned(self, i: int) -> list[int]:
        """Accounts mentioned in tweet ``i``'s text."""
        found = (self.by_handle.get(m.group(1)) for m in MENTION.finditer(self.book.tweets[i].text))
        return [a for a in found if a is not None]

    def _entities(self, i: int) -> dict[str, list[dict[str, Any]]]:
        t, acc = self.book.tweets[i], self.world.accounts
        entities: dict[str, list[dict[str, Any]]] = {}
        mentions = [
            {
                "start": m.start(),
                "end": m.end(),
                "username": m.group(1),
                "id": acc.user_ids[self.by_handle[m.group(1)]],
            }
            for m in MENTION.finditer(t.text)
            if m.group(1) in self.by_handle
        ]
        hashtags = [
            {"start": m.start(), "end": m.end(), "tag": m.group(1)}
            for m in HASHTAG.finditer(t.text)
        ]
        urls = [self._url(i, m) for m in URL.finditer(t.text)]
        for key, found in (("mentions", mentions), ("hashtags", hashtags), ("urls", urls)):
            if found:
                entities[key] = found
        return entities

    def _url(self, i: int, m: re.Match[str]) -> dict[str, Any]:
        t = self.book.tweets[i]
        expanded = t.link
        if t.ref_type == "quoted":
            quoted = self.book.tweets[t.ref]
            handle = self.world.accounts.handles[quoted.author]
            expanded = f"https://twitter.com/{handle}/status/{self.ids[t.ref]}"
        display = expanded.split("://", 1)[1]
        display = display if len(display) <= 26 else display[:26] + "…"
        return {
            "start": m.start(),
            "end": m.end(),
            "url": m.group(0),
            "expanded_url": expanded,
            "display_url": display,
        }

    def tweet(self, i: int) -> dict[str, Any]:
        """An X API v2 tweet object."""
        t, acc = self.book.tweets[i], self.world.accounts
        tid = str(self.ids[i])
        obj: dict[str, Any] = {
            "id": tid,
            "edit_history_tweet_ids": [tid],
            "text": t.text,
            "author_id": acc.user_ids[t.author],
            "created_at": tweet_time(t.ts),
            "conversation_id": str(self.ids[t.root]) if t.root >= 0 else tid,
            "lang": "en",
        }
        if t.reply_to >= 0:
            obj["in_reply_to_user_id"] = acc.user_ids[t.reply_to]
        if t.ref >= 0:
            obj["referenced_tweets"] = [{"type": t.ref_type, "id": str(self.ids[t.ref])}]
        entities = self._entities(i)
        if entities:
            obj["entities"] = entities
        obj["public_metrics"] = {
            "retweet_count": self.retweets[i],
            "reply_count": self.replies[i],
            "like_count": self.likes[i],
            "quote_count": self.quotes[i],
            "impression_count": self.views[i],
        }
        return obj

    def page(self, chunk: list[int]) -> dict[str, Any]:
        """One response object: the chunk's tweets plus everything they reference."""
        inside = set(chunk)
        included = list(
            dict.fromkeys(
                self.book.tweets[i].ref
                for i in chunk
                if self.book.tweets[i].ref >= 0 and self.book.tweets[i].ref not in inside
            )
        )
        users: dict[int, None] = {}
        for i in (*chunk, *included):
            users[self.book.tweets[i].author] = None
            users.update(dict.fromkeys(self.mentioned(i)))
        ids = [self.ids[i] for i in chunk]
        return {
            "data": [self.tweet(i) for i in chunk],
            "includes": {
                "users": [self.user(a) for a in users],
                "tweets": [self.tweet(i) for i in included],
            },
            "meta": {
                "result_count": len(chunk),
                "newest_id": str(max(ids)),
                "oldest_id": str(min(ids)),
            },
        }

    def pages(self) -> Iterator[dict[str, Any]]:
        """Pages of ``PAGE_SIZE`` tweets, oldest first."""
        for start in range(0, len(self.order), PAGE_SIZE):
            yield self.page(self.order[start : start + PAGE_SIZE])


def write_tweets(
    path: Path, world: World, book: Book, order: list[int], rng: random.Random
) -> tuple[int, list[int]]:
    """Write tweets.jsonl; return (number of pages, tweet ids by spec index)."""
    renderer = Renderer(world, book, order, rng)
    return write_jsonl(path, renderer.pages()), renderer.ids
