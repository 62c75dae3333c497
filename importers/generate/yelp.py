"""Yelp Open Dataset files: the stores as businesses, about 10% of customers as Yelp users
(separate identities, first name only) with friends, and reviews that agree with their stars."""

from __future__ import annotations

import random
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importers.generate import prose
from importers.generate.world import World, everyday_product
from importers.generate.writer import DAY, plain_time, write_jsonl

ID_ALPHABET = string.ascii_letters + string.digits + "-_"
CATEGORIES = "Fashion, Shopping, Men's Clothing, Women's Clothing, Accessories"
STARS = (5, 4, 3, 2, 1)
STAR_WEIGHTS = (40, 30, 12, 8, 10)


@dataclass(slots=True)
class YelpUser:
    """A Yelp account of one customer."""

    user_id: str
    customer: int
    since: int
    friends: list[int] = field(default_factory=list)
    stars: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Yelp:
    """Everything the three files need."""

    business_ids: list[str]
    users: list[YelpUser]
    reviews: list[dict[str, Any]]


def yelp_id(rng: random.Random) -> str:
    """A 22-character base64url-like id, as Yelp's."""
    return "".join(rng.choices(ID_ALPHABET, k=22))


def _users(world: World, rng: random.Random) -> list[YelpUser]:
    count = max(10, len(world.customers) // 10)
    chosen = sorted(rng.sample(range(len(world.customers)), count))
    users = [
        YelpUser(yelp_id(rng), c, world.start - rng.randint(10 * DAY, 10 * 365 * DAY))
        for c in chosen
    ]
    for k, user in enumerate(users):
        for _ in range(rng.choice((0, 0, 1, 2, 3))):
            other = rng.randrange(len(users))
            if other != k and other not in user.friends:
                user.friends.append(other)
                users[other].friends.append(k)
    return users


def make_yelp(world: World, rng: random.Random) -> Yelp:
    """Users, their reviews of the stores, and the stores' business ids."""
    business_ids = [yelp_id(rng) for _ in world.stores]
    by_city = {s.city.name: s.idx for s in world.stores}
    users = _users(world, rng)
    reviews: list[dict[str, Any]] = []
    span = world.now - world.start
    for user in users:
        c = world.customers[user.customer]
        for _ in range(rng.choices((1, 2, 3), weights=(60, 30, 10))[0]):
            home = by_city.get(c.city.name)
            store = (
                home
                if home is not None and rng.random() < 0.8
                else rng.randrange(len(world.stores))
            )
            stars = rng.choices(STARS, weights=STAR_WEIGHTS)[0]
            product = everyday_product(world, rng).name
            user.stars.append(stars)
            reviews.append(
                {
                    "review_id": yelp_id(rng),
                    "user_id": user.user_id,
                    "business_id": business_ids[store],
                    "stars": float(stars),
                    "useful": rng.choice((0, 0, 0, 1, 2, 5)),
                    "funny": rng.choice((0, 0, 0, 1)),
                    "cool": rng.choice((0, 0, 1, 2)),
                    "text": prose.review(stars, product, world.stores[store].city.name, rng),
                    "date": plain_time(world.start + int(rng.random() * span)),
                }
            )
    reviews.sort(key=lambda r: (r["date"], r["review_id"]))
    return Yelp(business_ids, users, reviews)


def _businesses(world: World, yelp: Yelp) -> Iterator[dict[str, Any]]:
    for store, business_id in zip(world.stores, yelp.business_ids, strict=True):
        stars = [r["stars"] for r in yelp.reviews if r["business_id"] == business_id]
        mean = sum(stars) / len(stars) if stars else 0.0
        yield {
            "business_id": business_id,
            "name": store.name,
            "address": store.street,
            "city": store.city.name,
            "state": store.city.state,
            "postal_code": store.zip,
            "latitude": store.city.lat,
            "longitude": store.city.lon,
            "stars": round(mean * 2) / 2,
            "review_count": len(stars),
            "is_open": 1,
            "categories": CATEGORIES,
        }


def _users_json(world: World, yelp: Yelp, rng: random.Random) -> Iterator[dict[str, Any]]:
    for user in yelp.users:
        friends = ", ".join(yelp.users[f].user_id for f in user.friends) or "None"
        yield {
            "user_id": user.user_id,
            "name": world.customers[user.customer].first,
            "review_count": len(user.stars),
            "yelping_since": plain_time(user.since),
            "friends": friends,
            "useful": rng.randint(0, 40),
            "funny": rng.randint(0, 10),
            "cool": rng.randint(0, 15),
            "fans": rng.choice((0, 0, 0, 1, 2, 5)),
            "average_stars": round(sum(user.stars) / len(user.stars), 2),
        }


def write_yelp(out_dir: Path, world: World, rng: random.Random) -> tuple[int, int, int]:
    """Write the three Yelp files; return (businesses, users, reviews)."""
    yelp = make_yelp(world, rng)
    businesses = write_jsonl(out_dir / "yelp_business.json", _businesses(world, yelp))
    users = write_jsonl(out_dir / "yelp_user.json", _users_json(world, yelp, rng))
    reviews = write_jsonl(out_dir / "yelp_review.json", yelp.reviews)
    return businesses, users, reviews
