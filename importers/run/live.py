"""Live ingestion: records as they happen, from an integration, written and acted on at once.

One post (`rapport ingest-post`, the API's ``ingestPost``, the X webhook): the same records and
enrichment as an import (:mod:`importers.formats.twitter`, :mod:`importers.run.enrichment`); a
negative post about us raises its alert before this returns; a brand reply to an alerted post
records the response time. Any other item a format reads (an order webhook, an interaction event):
:func:`ingest_items`, the same enrichment, writing, pending ends and settling as a file import.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from graph import model
from graph.answers import alert_queue
from graph.answers.alert_queue import AlertView
from graph.errors import InvalidRecord
from graph.jobs import raise_alerts
from graph.model import Record, Relationship
from graph.store import pending
from graph.store.repository import Repository
from graph.store.writes import BatchWriter, WriteSummary
from graph.times import to_utc
from importers.directory import load_directory
from importers.formats.base import FormatSpec, Item, Origin
from importers.run.settle import Settled, settle

if TYPE_CHECKING:  # spaCy and VADER load when a post is first enriched, not when this is imported
    from importers.run.enrichment import PostEnrichment

PLATFORMS = ("twitter", "yelp", "facebook", "instagram", "web")
MAX_TEXT = 100_000

_REPLY_KINDS = {
    "reply": model.RepliesTo,
    "reshare": model.Reshares,
    "quote": model.Quotes,
}


@dataclass(frozen=True, slots=True)
class LivePost:
    """A post to ingest. ``handle`` is the author's handle on ``platform``.

    ``post_id`` is the platform's id (a random one is made when absent); ``in_reply_to`` the
    graph id of the post it answers (``platform:postId``), ``reference`` how it refers to it.
    """

    handle: str
    text: str
    platform: str = "twitter"
    at: datetime | None = None
    post_id: str | None = None
    in_reply_to: str | None = None
    reference: str = "reply"
    display_name: str | None = None
    followers: int | None = None
    likes: int = 0
    shares: int = 0
    url: str | None = None

    def check(self) -> None:
        """Raise :class:`InvalidRecord` naming the first field that is wrong."""
        if not self.handle.strip().lstrip("@"):
            raise InvalidRecord("handle is empty", hint="give the author's handle, e.g. @ann")
        if not self.text.strip():
            raise InvalidRecord("text is empty", hint="a post needs its text")
        if len(self.text) > MAX_TEXT:
            raise InvalidRecord(
                f"text is {len(self.text):,} characters long", hint=f"at most {MAX_TEXT:,}"
            )
        if self.platform not in PLATFORMS:
            raise InvalidRecord(
                f"unknown platform {self.platform!r}", hint=f"use one of: {', '.join(PLATFORMS)}"
            )
        if self.reference not in _REPLY_KINDS:
            raise InvalidRecord(
                f"unknown reference {self.reference!r}",
                hint=f"use one of: {', '.join(_REPLY_KINDS)}",
            )
        if self.in_reply_to is not None and ":" not in self.in_reply_to:
            raise InvalidRecord(
                f"in_reply_to {self.in_reply_to!r} is not a post id",
                hint="post ids are platform:postId, e.g. twitter:1846",
            )
        for name in ("followers", "likes", "shares"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise InvalidRecord(f"{name} is negative ({value})", hint="counts are >= 0")


@dataclass(frozen=True, slots=True)
class Ingested:
    """What ingestion wrote: the enriched post, the write counts, and the alert it raised."""

    post: model.Post
    written: WriteSummary
    alert: AlertView | None
    answered_alerts: int = 0


def records(live: LivePost, brand_accounts: frozenset[str]) -> Item:
    """The graph records of ``live`` (before enrichment), as one import item."""
    live.check()
    handle = live.handle.strip().lstrip("@").lower()
    account = model.SocialAccount.key(live.platform, handle)
    post = model.Post(
        id=f"{live.platform}:{live.post_id or 'live-' + uuid.uuid4().hex[:16]}",
        platform=live.platform,
        text=live.text,
        at=to_utc(live.at or datetime.now(UTC)),
        url=live.url,
        likes=live.likes,
        shares=live.shares,
        source="live",
    )
    found: list[Record] = [
        model.SocialAccount(
            id=account,
            platform=live.platform,
            handle=handle,
            display_name=live.display_name,
            followers=live.followers,
            is_brand=account in brand_accounts,
            source="live",
        ),
        post,
        model.Posted(start_id=account, end_id=post.id, source="live"),
    ]
    if live.in_reply_to:
        platform = live.in_reply_to.split(":", 1)[0]
        found.append(model.Post(id=live.in_reply_to, platform=platform, source="live"))
        found.append(
            _REPLY_KINDS[live.reference](start_id=post.id, end_id=live.in_reply_to, source="live")
        )
    origin = Origin(path="live", line=1, raw=live.text[:2000])
    return Item(origin=origin, records=found, authors={post.id: account})


def ingest_post(
    repository: Repository, live: LivePost, *, enrichment: PostEnrichment | None = None
) -> Ingested:
    """Enrich and write one post, raise its alert if it needs one, record brand answers.

    Building the enrichment pipeline reads the catalog; a caller ingesting many posts (the API)
    passes one ``enrichment`` it keeps.
    """
    settings = repository.settings
    item = records(live, frozenset(settings.brand_accounts))
    if enrichment is None:
        from importers.run.enrichment import PostEnrichment

        enrichment = PostEnrichment.from_graph(
            repository, load_directory(repository, customers=False)
        )
    enrichment.apply([item])
    post = item.records[1]  # enrichment replaces the post in place
    assert isinstance(post, model.Post)
    with BatchWriter(repository) as writer:
        writer.add_all(item.records)
    raised = raise_alerts.raise_alerts(repository, posts=[post.id])
    answered = (
        raise_alerts.record_responses(repository, replies=[post.id]) if live.in_reply_to else 0
    )
    alert = alert_queue.get_alert(repository, alert_queue.alert_id(post.id)) if raised else None
    return Ingested(post=post, written=writer.summary, alert=alert, answered_alerts=answered)


@dataclass(frozen=True, slots=True)
class Taken:
    """What :func:`ingest_items` wrote and what followed: ``waiting`` names the relationships
    kept until their other end arrives (as an import keeps them)."""

    written: WriteSummary
    waiting: list[str]
    settled: Settled


def ingest_items(
    repository: Repository,
    items: list[Item],
    spec: FormatSpec,
    *,
    enrichment: PostEnrichment | None = None,
) -> Taken:
    """Enrich (when ``spec`` says so), write and settle the items a format read from a pushed
    body, as :func:`importers.run.files.import_path` does for a file's."""
    if spec.enriched:
        if enrichment is None:
            from importers.run.enrichment import PostEnrichment

            enrichment = PostEnrichment.from_graph(
                repository, load_directory(repository, customers=False)
            )
        enrichment.apply(items)
    waiting: list[str] = []

    def keep(record: Relationship, origin: object, reason: str) -> None:
        waiting.append(reason)
        writer.add(pending.pending_record(record, "webhook"))

    writer = BatchWriter(repository, on_missing=keep)
    with writer:
        for item in items:
            for record in item.records:
                writer.add(record, item.origin)
    if pending.count(repository):
        pending.link(repository)  # this body may bring the ends others were waiting for
    posts, accounts = _scope(items)
    return Taken(
        writer.summary, waiting, settle(repository, [spec], posts=posts, accounts=accounts)
    )


def _scope(items: list[Item]) -> tuple[list[str], list[str] | None]:
    """What settling a pushed body looks at, ``(posts, accounts)``: its posts' alerts and
    answers; its accounts' owners, unless it brings people (None: then every unowned account
    may have found its owner).

    At 100,000 customers, settling the whole graph after a body of one tweet (X API v2) took
    2.8-10.1 s (identities 2.4-9.6 s, alerts 0.3-0.4 s); its own posts and accounts, 0.02 s when
    its accounts have owners, 2.2 s when one is new (every person is read to match it)."""
    records = [r for item in items for r in item.records]
    people = any(isinstance(r, model.Customer | model.Employee) for r in records)
    posts = [r.id for r in records if isinstance(r, model.Post)]
    if people:
        return posts, None
    return posts, [r.id for r in records if isinstance(r, model.SocialAccount)]
