"""Orders: random baskets with a popularity skew, the planted ones, and the complement pattern."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field

from importers.generate.catalog import Catalog
from importers.generate.people import Customer
from importers.generate.sampling import Weighted
from importers.generate.world import World
from importers.generate.writer import DAY, HOUR

GS, SOCKS, TIE = 0, 1, 2  # catalog indices of the planted products
SOCKS_SHARE, TIE_SHARE = 0.7, 0.6
DISCOUNTS = (("WELCOME10", 10), ("SPRING15", 15), ("RAPPORT20", 20))


@dataclass(slots=True)
class Order:
    """One order: items are (product index, quantity); ``employee`` is -1 when nobody sold it."""

    ts: int
    customer: int
    source: str  # "web" or "pos"
    employee: int
    items: list[tuple[int, int]] = field(default_factory=list)
    discount: str = ""


BASKET_SIZE = Weighted([(1, 50), (2, 30), (3, 15), (4, 5)])
QUANTITY = Weighted([(1, 90), (2, 9), (3, 1)])


def _basket(catalog: Catalog, rng: random.Random) -> list[tuple[int, int]]:
    chosen = dict.fromkeys(catalog.draw(rng) for _ in range(BASKET_SIZE.draw(rng)))
    return [(p, QUANTITY.draw(rng)) for p in chosen]


def _seller(world: World, c: Customer, pos: bool, rng: random.Random) -> int:
    """Who sold it: for store sales one of the customer's store contacts, else anyone on the
    floor; a web order carries a contact now and then (clienteling)."""
    if not pos:
        return rng.choice(c.employees) if rng.random() < 0.3 else -1
    retail = [e for e in c.employees if world.employees[e].team == "Retail"]
    if retail:
        return retail[0] if rng.random() < 0.7 else rng.choice(retail)
    store = rng.randrange(len(world.stores))
    return rng.choice([e.idx for e in world.employees if e.store == store])


def _discount(pos: bool, rng: random.Random) -> str:
    return "" if pos or rng.random() > 0.08 else rng.choice(DISCOUNTS)[0]


def random_orders(world: World, rng: random.Random) -> list[Order]:
    """About three orders per customer, after they joined: more for active and long-standing
    customers (a steady order rate, so volume grows with the customer base)."""
    customers = world.customers
    cum = list(itertools.accumulate(c.activity * (world.now - c.joined) for c in customers))
    store_cities = {s.city.name for s in world.stores}
    scripted = world.plan.scripted
    orders = []
    for ci in rng.choices(range(len(customers)), cum_weights=cum, k=3 * len(customers)):
        if ci in scripted:
            continue
        c = customers[ci]
        pos = rng.random() < (0.6 if c.city.name in store_cities else 0.1)
        ts = c.joined + int(rng.random() * (world.now - HOUR - c.joined))
        employee = _seller(world, c, pos, rng)
        source = "pos" if pos else "web"
        orders.append(
            Order(ts, ci, source, employee, _basket(world.catalog, rng), _discount(pos, rng))
        )
    return orders


def _burst(world: World, rng: random.Random) -> list[Order]:
    """The influencer's own green shirt before ``t0``; the converts' 2 to 29 days after."""
    plan = world.plan
    early = plan.t0 - rng.randint(3 * DAY, 10 * DAY)
    orders = [Order(early, plan.influencer, "web", -1, [(GS, 1)])]
    for c in plan.converters:
        delay = 2 * DAY + min(int(rng.expovariate(1 / (5 * DAY))), 27 * DAY)
        pos = rng.random() < 0.2
        seller = _seller(world, world.customers[c], pos, rng)
        orders.append(Order(plan.t0 + delay, c, "pos" if pos else "web", seller, [(GS, 1)]))
    return orders


def _scripted(world: World, rng: random.Random) -> list[Order]:
    """Warm customer: recent store sales by the warm employee, an old one by the runner-up.
    Angry customer: the product they complain about, and more, sold by the assignee."""
    plan, now = world.plan, world.now
    recent = sorted(rng.sample(range(4, 56), 3))
    script = [
        *((plan.warm, now - d * DAY - rng.randint(0, 8 * HOUR), "pos", plan.warm_employee)
          for d in recent),
        (plan.warm, now - rng.randint(200, 260) * DAY, "pos", plan.runner_up),
        (plan.warm, now - rng.randint(90, 150) * DAY, "web", -1),
        (plan.angry, now - rng.randint(35, 80) * DAY, "pos", plan.assignee),
        (plan.angry, now - rng.randint(150, 250) * DAY, "web", plan.angry_other),
    ]  # fmt: skip
    orders = [Order(ts, c, source, seller, _basket(world.catalog, rng))
              for c, ts, source, seller in script]  # fmt: skip
    bought = plan.angry_at - rng.randint(18, 30) * DAY
    orders.append(Order(bought, plan.angry, "pos", plan.assignee, [(plan.angry_product, 1)]))
    for o in orders:  # the shirt stays out of their baskets
        o.items = [(p, q) for p, q in o.items if p != GS] or [(world.catalog.popular[0], 1)]
    return orders


def planted_orders(world: World, rng: random.Random) -> list[Order]:
    """The green-shirt burst, and the warm and angry customers' orders (never before joining)."""
    orders = _burst(world, rng) + _scripted(world, rng)
    for o in orders:
        o.ts = max(o.ts, world.customers[o.customer].joined + HOUR)
    return orders


def plant_complements(orders: list[Order], catalog: Catalog, rng: random.Random) -> None:
    """Green-shirt orders: exactly 70% also hold wool socks and 60% a silk tie; at most one
    popular extra otherwise, so nothing else co-occurs with the shirt nearly as often."""
    shirts = [o for o in orders if any(p == GS for p, _ in o.items)]
    for o in shirts:
        extra = [(rng.choice(catalog.popular), 1)] if rng.random() < 0.25 else []
        o.items = [(GS, 1), *extra]
    for o in rng.sample(shirts, round(SOCKS_SHARE * len(shirts))):
        o.items.append((SOCKS, rng.choice((1, 2))))
    for o in rng.sample(shirts, round(TIE_SHARE * len(shirts))):
        o.items.append((TIE, 1))


def make_orders(world: World, rng: random.Random) -> list[Order]:
    """Every order, sorted by time (so ``#1001`` is the oldest)."""
    orders = random_orders(world, rng) + planted_orders(world, rng)
    plant_complements(orders, world.catalog, rng)
    orders.sort(key=lambda o: (o.ts, o.customer))
    return orders
