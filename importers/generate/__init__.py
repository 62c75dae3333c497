"""A deterministic synthetic dataset with planted truths (DESIGN.md §8).

``generate(out_dir, customers=N, seed=S)`` writes every source file the importers read
(customers, employees, products, follows, friendships, Shopify orders, X API tweets, Yelp,
interactions, an mbox) plus ``truth.json``, and returns the :class:`Truth`. The same seed and
``now`` give byte-identical files; ``now`` defaults to a fixed moment, never the wall clock.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     truth = generate(Path(tmp), customers=200, seed=1)
>>> truth.complements.top_two
('SKU-WOOL-SOCKS', 'SKU-SILK-TIE')
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from importers.generate import (
    catalog,
    contacts,
    mail,
    mime,
    network,
    orders,
    people,
    plant,
    shopify,
    tables,
    tweets,
    xapi,
    yelp,
)
from importers.generate.truth import AngryPost, Complements, TopInfluencer, Truth, WarmestEmployee
from importers.generate.world import World, rng_for
from importers.generate.writer import DAY, iso_z

__all__ = ["MIN_CUSTOMERS", "REFERENCE_NOW", "Truth", "generate"]

REFERENCE_NOW = datetime(2026, 11, 1, 12, 0, 0, tzinfo=UTC)
MIN_CUSTOMERS = 100
WINDOW_DAYS = 400


def build_world(*, customers: int, seed: int, now: int) -> World:
    """People, catalog, follower network and the plan, before any file is written."""
    start = now - WINDOW_DAYS * DAY
    handles: set[str] = {people.BRAND_HANDLE}
    stores = people.make_stores(customers, rng_for(seed, "stores"))
    folk = people.make_customers(
        customers, rng_for(seed, "customers"), start=start, now=now, used_handles=handles
    )
    staff = people.make_employees(
        max(8, customers // 250), rng_for(seed, "employees"), stores, handles
    )
    people.assign_referrals(folk, rng_for(seed, "referrals"))
    people.assign_affinities(folk, staff, rng_for(seed, "affinities"))
    products = catalog.make_catalog(customers, rng_for(seed, "catalog"))
    plan = plant.choose_plan(folk, staff, products, rng_for(seed, "plan"), now=now)
    acc = network.make_accounts(folk, staff)
    first = (acc.by_customer[plan.influencer], acc.by_customer[plan.angry])
    network.grow_follows(acc, rng_for(seed, "follows"), first=first)
    plant.shape_reach(acc, folk, plan, rng_for(seed, "reach"))
    network.index_followers(acc)
    plant.choose_converters(acc, folk, plan, rng_for(seed, "converters"))
    return World(seed, now, start, stores, folk, staff, products, acc, plan)


def _truth(world: World, praise_id: str, angry_id: str) -> Truth:
    plan, cs, es, acc = world.plan, world.customers, world.employees, world.accounts
    return Truth(
        seed=world.seed,
        customers=len(cs),
        now=iso_z(world.now),
        brand_handle=acc.handles[network.BRAND],
        top_influencer=TopInfluencer(
            customer=cs[plan.influencer].id,
            handle=cs[plan.influencer].handle,
            product=catalog.GREEN_SHIRT,
            praise_tweet=praise_id,
            praised_at=iso_z(plan.t0),
            converted_followers=tuple(cs[c].id for c in plan.converters),
        ),
        warmest_employee=WarmestEmployee(
            customer=cs[plan.warm].id,
            employee=es[plan.warm_employee].id,
            runner_up=es[plan.runner_up].id,
        ),
        complements=Complements(catalog.GREEN_SHIRT, (catalog.WOOL_SOCKS, catalog.SILK_TIE)),
        angry_post=AngryPost(
            tweet=angry_id,
            customer=cs[plan.angry].id,
            handle=cs[plan.angry].handle,
            product=world.catalog.products[plan.angry_product].sku,
            assignee=es[plan.assignee].id,
        ),
    )


def write_tones(path: Path, ids: list[int], tones: list[str | None]) -> None:
    """``truth_tones.json``: how a person reads each tweet, by tweet id (retweets left out), to
    judge the sentiment and alerts against."""
    found = {str(i): tone for i, tone in zip(ids, tones, strict=True) if tone is not None}
    path.write_text(json.dumps(found, sort_keys=True) + "\n", encoding="utf-8")


def write_files(out_dir: Path, world: World) -> Truth:
    """Write every file of the dataset into ``out_dir``; return the truths."""
    seed = world.seed
    tables.write_customers(out_dir / "customers.csv", world)
    tables.write_employees(out_dir / "employees.csv", world)
    tables.write_products(out_dir / "products.csv", world)
    tables.write_follows(out_dir / "follows.csv", world)
    pairs = network.make_friendships(world.customers, world.accounts, rng_for(seed, "friends"))
    tables.write_friendships(out_dir / "friendships.csv", world, pairs)
    del pairs
    made = orders.make_orders(world, rng_for(seed, "orders"))
    shopify.write_orders(out_dir / "orders.csv", world, made, rng_for(seed, "shopify"))
    del made
    book = tweets.make_tweets(world, rng_for(seed, "tweets"))
    order = tweets.publish_order(book)
    _, ids = xapi.write_tweets(out_dir / "tweets.jsonl", world, book, order, rng_for(seed, "x"))
    praise_id, angry_id = str(ids[book.praise]), str(ids[book.angry])
    write_tones(out_dir / "truth_tones.json", ids, tweets.tones(book))
    del book, order, ids
    yelp.write_yelp(out_dir, world, rng_for(seed, "yelp"))
    talk = contacts.random_contacts(world, rng_for(seed, "contacts"))
    talk += contacts.planted_contacts(world, rng_for(seed, "planted-contacts"))
    contacts.write_contacts(out_dir / "interactions.csv", world, talk)
    del talk
    mails = mail.make_mails(world, rng_for(seed, "mail"))
    mime.write_mbox(out_dir / "mail.mbox", world, mails, rng_for(seed, "mbox"))
    truth = _truth(world, praise_id, angry_id)
    truth.write(out_dir / "truth.json")
    return truth


def generate(out_dir: Path, *, customers: int, seed: int, now: datetime | None = None) -> Truth:
    """Write a synthetic dataset of ``customers`` customers into ``out_dir`` and return its truths.

    All event times fall in the 400 days before ``now`` (default :data:`REFERENCE_NOW`; a naive
    datetime is taken as UTC). Existing files are overwritten. Nothing is printed.
    """
    if customers < MIN_CUSTOMERS:
        raise ValueError(f"customers must be at least {MIN_CUSTOMERS}, got {customers}")
    moment = REFERENCE_NOW if now is None else now
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    world = build_world(customers=customers, seed=seed, now=int(moment.timestamp()))
    return write_files(out_dir, world)
