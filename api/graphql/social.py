"""Who influences whom, social accounts and posts: influence links with their evidence,
rankings, paths and campaign seeds; linking accounts, follows, and ingesting a post now.
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.graphql.activity import SocialAccount
from api.graphql.alerts import Alert
from api.graphql.common import (
    SOURCE,
    UserError,
    WritePayload,
    attempt,
    counts,
    required_id,
    short,
    stored,
    write,
)
from api.graphql.context import AnyInfo, page_limit, repo
from api.graphql.enums import CrmCategory, InfluenceEvidence, Intent, OwnerKind, SentimentLabel
from api.graphql.nodes import key_of
from api.graphql.refs import CustomerRef, customer_of
from api.graphql.threads import off_loop, reading
from graph import model
from graph.answers import explain, influencers
from graph.answers import search as search_answers
from graph.answers.paging import check_first
from graph.errors import InvalidRecord
from graph.model import Record
from graph.vocab import known
from importers.run.live import Ingested, LivePost, ingest_post


@strawberry.type(description="An influence edge seen from one customer, with its evidence.")
class InfluenceLink:
    customer_id: strawberry.ID
    name: str | None
    weight: float
    evidence: list[EvidenceCount]
    influencer_id: strawberry.Private[str]
    influenced_id: strawberry.Private[str]

    @strawberry.field(description="The other customer.")
    async def customer(self, info: AnyInfo) -> CustomerRef | None:
        return await customer_of(info, self.customer_id)

    @strawberry.field(description="The strongest dated evidence items behind this edge.")
    async def top_evidence(self, info: AnyInfo, first: int = 3) -> list[EvidenceItem]:
        found = await off_loop(
            explain.explain_influence, repo(info), self.influencer_id, self.influenced_id,
            first=short(info, first),
        )  # fmt: skip
        return [
            EvidenceItem(kind=i.kind, at=i.at, ref=i.ref, text=i.text, weight=i.weight)
            for i in found.items
        ]


def links(found: list[influencers.InfluenceLink], me: str, *, inbound: bool) -> list[InfluenceLink]:
    """The GraphQL view of ``me``'s influence links (``inbound``: who influences ``me``)."""
    return [
        InfluenceLink(
            customer_id=strawberry.ID(link.other),
            name=link.name,
            weight=link.weight,
            evidence=[
                EvidenceCount(kind=InfluenceEvidence(k), count=n)
                for k, n in link.counts.items()
                if n
            ],
            influencer_id=link.other if inbound else me,
            influenced_id=me if inbound else link.other,
        )
        for link in found
    ]


@strawberry.type(description="How often one kind of evidence supports an influence edge.")
class EvidenceCount:
    kind: InfluenceEvidence
    count: int


@strawberry.type(description="A dated fact behind a score (post, purchase, referral, follow).")
class EvidenceItem:
    kind: str
    at: datetime | None
    ref: str
    text: str | None
    weight: float


@strawberry.type(description="A customer in a ranking; score is what the ranking is by.")
class RankedCustomer:
    customer_id: strawberry.ID
    name: str | None
    score: float
    rank: int | None

    @strawberry.field(description="The customer.")
    async def customer(self, info: AnyInfo) -> CustomerRef | None:
        return await customer_of(info, self.customer_id)


@strawberry.type(description="A topic (a hashtag or an interest) and how much it is talked about.")
class TopicCount:
    topic: str = strawberry.field(description="The topic, lower case without '#'.")
    posts: int = strawberry.field(description="Posts tagged with it.")
    interested: int = strawberry.field(description="Customers interested in it.")


@strawberry.type(description="Campaign seeds and the spread they are expected to reach.")
class CampaignSeeds:
    customer_ids: list[strawberry.ID]
    expected_spread: float


@strawberry.type(description="How an ingested post was read.")
class IngestedPost:
    post_id: strawberry.ID = strawberry.field(description="The post's key.")
    sentiment: float | None = strawberry.field(description="-1 (negative) .. 1 (positive).")
    sentiment_label: SentimentLabel | None
    intent: Intent | None
    category: CrmCategory | None


@strawberry.input(description="A post to ingest now.")
class PostInput:
    handle: str
    text: str
    platform: str = "twitter"
    post_id: str | None = None
    at: datetime | None = None
    in_reply_to: strawberry.ID | None = None
    followers: int | None = None


def ranked(found: list[influencers.Ranked]) -> list[RankedCustomer]:
    return [
        RankedCustomer(
            customer_id=strawberry.ID(r.customer), name=r.name, score=r.score, rank=r.rank
        )
        for r in found
    ]


def ingest(info: AnyInfo, live: LivePost) -> Ingested:
    return ingest_post(info.context.repository, live, enrichment=info.context.pipeline())


def account_id(field: str, platform: str, handle: str) -> str:
    """The graph id of a social account, checked."""
    name = required_id(field, handle).lstrip("@").lower()
    return model.SocialAccount.key(required_id("platform", platform).lower(), name)


def link_records(owner: str, owner_kind: OwnerKind, platform: str, handle: str) -> list[Record]:
    """``(Customer|Employee)-[:OWNS]->(SocialAccount)``, confirmed by a person."""
    label = owner_kind.value.capitalize()
    account = account_id("handle", platform, handle)
    return [
        model.SocialAccount(
            id=account, platform=platform.lower(), handle=account.split(":", 1)[1], source=SOURCE
        ),
        model.Owns(start_id=required_id("ownerId", owner), end_id=account, start_label=label,
                   confidence=1.0, method="manual", source=SOURCE),
    ]  # fmt: skip


def follow_records(platform: str, follower: str, followed: str) -> list[Record]:
    """One account follows another (both are created when new)."""
    a = account_id("follower", platform, follower)
    b = account_id("followed", platform, followed)
    if a == b:
        raise InvalidRecord(
            "an account cannot follow itself", hint="fix follower or followed", field="followed"
        )
    accounts: list[Record] = [
        model.SocialAccount(
            id=x, platform=platform.lower(), handle=x.split(":", 1)[1], source=SOURCE
        )
        for x in (a, b)
    ]
    return [*accounts, model.Follows(start_id=a, end_id=b, source=SOURCE)]


@strawberry.type(name="Query")
class SocialQuery:
    @strawberry.field(
        description="Top influencers: overall, who converted most buyers of a product, or who "
        "leads the conversation on a topic."
    )
    async def influencers(
        self, info: AnyInfo, first: int = 10, product_id: strawberry.ID | None = None,
        topic: str | None = None,
    ) -> list[RankedCustomer]:  # fmt: skip
        check_first(first, page_limit(info))
        r = repo(info)
        if product_id is not None:
            product = key_of(product_id, "Product", "productId")
            found = await reading(
                lambda x: influencers.product_influencers(x, product, first=first), r
            )
        elif topic is not None:
            found = await reading(lambda x: influencers.topic_influencers(x, topic, first=first), r)
        else:
            found = await reading(lambda x: influencers.top_influencers(x, first=first), r)
        return ranked(found)

    @strawberry.field(
        description="Topics whose name contains `search` (every topic without it), most talked "
        "about first: what `influencers(topic:)` and `campaignSeeds(topic:)` take."
    )
    async def topics(
        self, info: AnyInfo, search: str | None = None, first: int = 10
    ) -> list[TopicCount]:
        check_first(first, page_limit(info))
        found = await reading(
            lambda x: search_answers.topics(x, search=search, first=first), repo(info)
        )
        return [TopicCount(topic=t.topic, posts=t.posts, interested=t.interested) for t in found]

    @strawberry.field(description="The strongest chain of influence between two customers.")
    async def influence_path(
        self, info: AnyInfo, from_id: strawberry.ID, to_id: strawberry.ID
    ) -> list[strawberry.ID] | None:
        source, target = key_of(from_id, "Customer", "fromId"), key_of(to_id, "Customer", "toId")
        path = await off_loop(influencers.influence_path, repo(info), source, target)
        return None if path is None else [strawberry.ID(c) for c in path]

    @strawberry.field(description="The k customers with the largest expected spread (CELF).")
    async def campaign_seeds(
        self, info: AnyInfo, k: int = 5, product_id: strawberry.ID | None = None,
        topic: str | None = None,
    ) -> CampaignSeeds:  # fmt: skip
        check_first(k, page_limit(info))
        seeds, spread = await off_loop(
            influencers.campaign_seeds, repo(info), k=k,
            product=key_of(product_id, "Product", "productId") if product_id else None, topic=topic,
        )  # fmt: skip
        return CampaignSeeds(customer_ids=[strawberry.ID(s) for s in seeds], expected_spread=spread)


@strawberry.type(description="What ingestPost did: the post as enriched, and its alert.")
class IngestPostPayload:
    post: IngestedPost | None = strawberry.field(
        description="The post's enrichment (null when the input was refused)."
    )
    alert: Alert | None = strawberry.field(description="The alert it raised, if any.")
    user_errors: list[UserError] = strawberry.field(
        description="What was wrong with the input (nothing was written then)."
    )


@strawberry.type(description="What linkAccount did.")
class LinkAccountPayload(WritePayload):
    account: SocialAccount | None = strawberry.field(
        description="The account as stored now (null when the input was refused)."
    )


@strawberry.type(description="What follow did.")
class FollowPayload(WritePayload):
    follower: SocialAccount | None = strawberry.field(
        description="The following account as stored now (null when the input was refused)."
    )


@strawberry.type(name="Mutation")
class SocialMutation:
    @strawberry.mutation(description="Ingest one post now; returns it and the alert it raised.")
    async def ingest_post(self, info: AnyInfo, post: PostInput) -> IngestPostPayload:
        info.context.require("writer")

        async def run() -> Ingested:
            live = LivePost(
                handle=post.handle, text=post.text, platform=post.platform,
                post_id=post.post_id, at=post.at,
                in_reply_to=str(post.in_reply_to) if post.in_reply_to else None,
                followers=post.followers,
            )  # fmt: skip
            return await off_loop(ingest, info, live)

        done = await attempt(run)
        if done.value is None:
            return IngestPostPayload(post=None, alert=None, user_errors=done.user_errors)
        p = done.value.post
        alert = done.value.alert  # subscribers hear of it via the outbox
        return IngestPostPayload(
            post=IngestedPost(
                post_id=strawberry.ID(p.id), sentiment=p.sentiment,
                sentiment_label=known(SentimentLabel, p.sentiment_label),
                intent=known(Intent, p.intent), category=known(CrmCategory, p.category),
            ),
            alert=Alert.of(alert) if alert else None,
            user_errors=[],
        )  # fmt: skip

    @strawberry.mutation(description="A customer or employee owns a social account (confirmed).")
    async def link_account(
        self,
        info: AnyInfo,
        owner_id: strawberry.ID,
        handle: str,
        platform: str = "twitter",
        owner_kind: OwnerKind = OwnerKind.CUSTOMER,
    ) -> LinkAccountPayload:
        done = await write(info, lambda: link_records(str(owner_id), owner_kind, platform, handle))
        found = await stored(info, "SocialAccount", done)
        return LinkAccountPayload(account=found and SocialAccount.of(found), **counts(done))

    @strawberry.mutation(description="One social account follows another.")
    async def follow(
        self, info: AnyInfo, follower: str, followed: str, platform: str = "twitter"
    ) -> FollowPayload:
        done = await write(info, lambda: follow_records(platform, follower, followed))
        found = await stored(info, "SocialAccount", done)
        return FollowPayload(follower=found and SocialAccount.of(found), **counts(done))
