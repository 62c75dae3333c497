"""Tweets as compact specs: random posts, reactions along the follower graph, brand replies
signed by employees, staff and brand posts, and the planted praise and complaint."""

from __future__ import annotations

import itertools
import random
import string
from dataclasses import dataclass

from importers.generate import text
from importers.generate.network import BRAND
from importers.generate.sampling import Weighted, between
from importers.generate.world import World, everyday_product
from importers.generate.writer import DAY, HOUR

MINUTE = 60


@dataclass(slots=True)
class Tweet:
    """One tweet before ids exist: ``ref`` and ``root`` index other specs (-1 for none)."""

    ts: int
    author: int
    text: str
    kind: str = "post"  # a text.POSTS kind, or reply / retweet / quote / brand / staff / promo
    ref_type: str = ""
    ref: int = -1
    reply_to: int = -1  # account replied to
    root: int = -1
    link: str = ""  # expanded URL for a promotion's t.co link
    product: str = ""  # the product name the text mentions, if any


@dataclass(slots=True)
class Book:
    """All tweet specs plus the indices of the planted ones."""

    tweets: list[Tweet]
    praise: int = -1
    angry: int = -1

    def add(self, tweet: Tweet) -> int:
        """Append a spec; return its index."""
        self.tweets.append(tweet)
        return len(self.tweets) - 1


def short_url(rng: random.Random) -> str:
    """A t.co link with a random 10-character code."""
    return "https://t.co/" + "".join(rng.choices(string.ascii_letters + string.digits, k=10))


def _originals(world: World, book: Book, rng: random.Random, *, calm: frozenset[int]) -> None:
    """Customers' own posts; accounts in ``calm`` (the most followed) never post negatives."""
    acc, customers = world.accounts, world.customers
    authors = [a for a in range(1, len(acc)) if acc.customer[a] >= 0]
    weights = (customers[acc.customer[a]] for a in authors)
    cum = list(itertools.accumulate(c.activity * (world.now - c.joined) for c in weights))
    kinds = Weighted(list(text.KIND_WEIGHTS.items()))
    brand = "@" + acc.handles[BRAND]
    for a in rng.choices(authors, cum_weights=cum, k=int(1.2 * len(customers))):
        c = customers[acc.customer[a]]
        kind = kinds.draw(rng)
        if a in calm and kind in text.NEGATIVE_KINDS:
            kind = "praise"
        template = rng.choice(text.POSTS[kind])
        product = "" if kind == "chatter" else everyday_product(world, rng).name
        if kind == "chatter":
            body, since = text.chatter(template, rng, c.city.name), world.start
        else:
            body = text.fill(
                template,
                rng,
                positive=kind not in text.NEGATIVE_KINDS,
                product=product,
                brand=brand,
                city=c.city.name,
            )
            since = max(world.start, c.joined)
        ts = since + int(rng.random() * (world.now - HOUR - since))
        book.add(Tweet(ts, a, body, kind, product=product))


def _reply_root(book: Book, target: int) -> int:
    t = book.tweets[target]
    return t.root if t.ref_type == "replied_to" and t.root >= 0 else target


def react(book: Book, world: World, target: int, who: int, how: str, ts: int, body: str) -> int:
    """``who`` replies to / retweets / quotes tweet ``target`` at ``ts``."""
    original = book.tweets[target]
    author = world.accounts.handles[original.author]
    if how == "retweet":
        return book.add(
            Tweet(ts, who, f"RT @{author}: {original.text}", "retweet", "retweeted", target)
        )
    if how == "quote":
        return book.add(Tweet(ts, who, body, "quote", "quoted", target))
    return book.add(
        Tweet(
            ts, who, body, "reply", "replied_to", target, original.author, _reply_root(book, target)
        )
    )


def _reactions(world: World, book: Book, rng: random.Random, *, skip: frozenset[int]) -> None:
    """Followers reply to, retweet and quote posts, popular authors getting the most."""
    acc = world.accounts
    pool = [i for i, t in enumerate(book.tweets) if t.kind in text.POSTS and i not in skip]
    cum = list(itertools.accumulate(len(acc.inn[book.tweets[i].author]) + 1 for i in pool))
    for i in rng.choices(pool, cum_weights=cum, k=int(0.45 * len(world.customers))):
        target = book.tweets[i]
        fans = acc.inn[target.author]
        who = fans[int(rng.random() * len(fans))] if fans else BRAND
        ts = target.ts + between(rng, 2 * MINUTE, 2 * DAY)
        if who == BRAND or ts >= world.now:
            continue
        tone = text.tone_of(target.kind)
        how = rng.choices(("reply", "retweet", "quote"), weights=(45, 40, 15))[0]
        user = "@" + acc.handles[target.author]
        if how == "quote":
            body = text.fill(rng.choice(text.QUOTES[tone]), rng, url=short_url(rng))
        else:
            body = text.fill(rng.choice(text.REPLIES[tone]), rng, user=user)
        react(book, world, i, who, how, ts, body)


def _brand_replies(world: World, book: Book, rng: random.Random, *, skip: frozenset[int]) -> None:
    """The brand answers most complaints and questions, each reply signed by an employee."""
    signers = [e for e in world.employees if e.team in ("Social", "Customer Care")]
    acc = world.accounts
    for i in range(len(book.tweets)):
        t = book.tweets[i]
        if t.kind not in text.ANSWERED_KINDS or i in skip or rng.random() > 0.85:
            continue
        ts = t.ts + between(rng, 15 * MINUTE, 20 * HOUR)
        if ts >= world.now:
            continue
        kind = "question" if t.kind == "question" else "complaint"
        product = t.product or "order"
        body = text.fill(
            rng.choice(text.BRAND_REPLIES[kind]),
            rng,
            user="@" + acc.handles[t.author],
            product=product,
            sig=rng.choice(signers).signature,
        )
        reply = Tweet(ts, BRAND, body, "brand", "replied_to", i, t.author, _reply_root(book, i))
        book.add(reply)


def _staff_and_promos(world: World, book: Book, rng: random.Random) -> None:
    acc, brand = world.accounts, "@" + world.accounts.handles[BRAND]
    span = world.now - HOUR - world.start
    for e, a in world.accounts.by_employee.items():
        store = world.employee_store(e)
        city = store.city.name if store else world.stores[0].city.name
        for _ in range(rng.randint(2, 8)):
            body = text.fill(
                rng.choice(text.STAFF_POSTS),
                rng,
                product=everyday_product(world, rng).name,
                city=city,
                brand=brand,
            )
            book.add(Tweet(world.start + int(rng.random() * span), a, body, "staff"))
    every = max(4, span // DAY // max(1, len(world.customers) // 10))
    for day in range(0, span // DAY, every):
        product = everyday_product(world, rng)
        body = text.fill(
            rng.choice(text.PROMOS),
            rng,
            product=product.name,
            url=short_url(rng),
            city=world.stores[0].city.name,
        )
        link = f"https://{acc.handles[BRAND]}.example/products/{product.sku.lower()}"
        ts = world.start + day * DAY + rng.randint(8 * HOUR, 19 * HOUR)
        book.add(Tweet(ts, BRAND, body, "promo", link=link))


def _planted(world: World, book: Book, rng: random.Random) -> None:
    """The influencer's green-shirt praise and its echo; the angry complaint and its retweets."""
    acc, plan = world.accounts, world.plan
    brand = "@" + acc.handles[BRAND]
    inf = acc.by_customer[plan.influencer]
    body = text.fill(text.INFLUENCER_PRAISE, rng, product="Green Shirt", brand=brand)
    book.praise = book.add(Tweet(plan.t0, inf, body, "praise", product="Green Shirt"))
    user = "@" + acc.handles[inf]
    for c in plan.converters:
        if rng.random() < 0.45:
            _echo(world, book, rng, acc.by_customer[c], user)
    for a in acc.inn[inf]:
        if acc.customer[a] >= 0 and rng.random() < 0.08:
            react(book, world, book.praise, a, "retweet", plan.t0 + rng.randint(HOUR, 5 * DAY), "")
    product = world.catalog.products[plan.angry_product].name
    body = text.fill(text.ANGRY_POST, rng, product=product, brand=brand)
    angry = Tweet(plan.angry_at, acc.by_customer[plan.angry], body, "complaint", product=product)
    book.angry = book.add(angry)
    fans = acc.inn[acc.by_customer[plan.angry]]
    for a in rng.sample(fans, min(len(fans), rng.randint(3, 6))):
        ts = plan.angry_at + rng.randint(10 * MINUTE, 5 * HOUR)
        react(book, world, book.angry, a, "retweet", min(ts, world.now - MINUTE), "")


def _echo(world: World, book: Book, rng: random.Random, who: int, user: str) -> None:
    """A convert reacts to the praise before buying (purchases start two days after it)."""
    ts = world.plan.t0 + rng.randint(10 * MINUTE, 36 * HOUR)
    how = rng.choices(("reply", "quote", "retweet", "mention"), weights=(40, 20, 25, 15))[0]
    if how == "mention":
        book.add(Tweet(ts, who, text.fill(rng.choice(text.CONVERT_MENTIONS), rng, user=user)))
        return
    template = rng.choice(text.CONVERT_QUOTES if how == "quote" else text.CONVERT_REPLIES)
    react(
        book,
        world,
        book.praise,
        who,
        how,
        ts,
        text.fill(template, rng, user=user, url=short_url(rng)),
    )


_OWN_TONES = {"post": "positive", "staff": "positive", "promo": "neutral", "brand": "neutral"}


def tones(book: Book) -> list[str | None]:
    """How a person reads each tweet (positive, negative, neutral; None for a retweet, which
    says nothing of its own): a post by its kind, a reply or quote by the tone it was written
    in (that of the post it answers)."""
    found: list[str | None] = []
    for t in book.tweets:  # a reaction always comes after what it reacts to
        if t.kind in text.POSTS:
            found.append(text.tone_of(t.kind))
        elif t.kind in ("reply", "quote"):
            found.append(found[t.ref] if t.ref >= 0 else "neutral")
        else:
            found.append(_OWN_TONES.get(t.kind))
    return found


def make_tweets(world: World, rng: random.Random) -> Book:
    """Every tweet spec, in generation order (sort by ``ts`` to publish)."""
    acc = world.accounts
    degree = [len(f) for f in acc.inn]
    top = sorted(range(1, len(acc)), key=lambda a: (-degree[a], a))[:20]
    book = Book([])
    _originals(world, book, rng, calm=frozenset(top))
    _planted(world, book, rng)
    planted = frozenset((book.praise, book.angry))
    _reactions(world, book, rng, skip=planted)
    _staff_and_promos(world, book, rng)
    _brand_replies(world, book, rng, skip=planted)
    return book


def publish_order(book: Book) -> list[int]:
    """Spec indices by time (ties by creation order): the order ids increase in."""
    return sorted(range(len(book.tweets)), key=lambda i: (book.tweets[i].ts, i))
