"""The planted truths: who, when, and the network shaping that makes them unmistakable."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from importers.generate.catalog import ANGRY_PRODUCT_NAME, Catalog
from importers.generate.network import BRAND, Accounts, add_followers
from importers.generate.people import Customer, Employee
from importers.generate.writer import DAY, HOUR

MIN_CONVERTERS = 15
CONVERSION_SHARE = 0.3


@dataclass(slots=True)
class Plan:
    """Planted people, products and moments (indices into the world's lists, epoch seconds)."""

    t0: int
    influencer: int
    angry: int
    warm: int
    warm_employee: int
    runner_up: int
    cold_employee: int
    assignee: int
    angry_other: int
    angry_product: int
    angry_at: int
    converters: list[int] = field(default_factory=list)
    referred: list[int] = field(default_factory=list)

    @property
    def scripted(self) -> tuple[int, int]:
        """Customers whose orders, interactions and mails are fully planted (no random ones)."""
        return (self.warm, self.angry)


def _early(customers: list[Customer], share: float, *, handle: bool) -> list[int]:
    pool = [c for c in customers if c.handle or not handle]
    pool.sort(key=lambda c: (c.joined, c.idx))
    return [c.idx for c in pool[: max(5, int(len(pool) * share))]]


def choose_plan(
    customers: list[Customer],
    employees: list[Employee],
    catalog: Catalog,
    rng: random.Random,
    *,
    now: int,
) -> Plan:
    """Pick the planted customers (early joiners), employees and times."""
    influencer = rng.choice(_early(customers, 0.05, handle=True))
    angry = rng.choice([i for i in _early(customers, 0.3, handle=True) if i != influencer])
    warm = rng.choice(
        [i for i in _early(customers, 0.2, handle=False) if i not in (influencer, angry)]
    )
    retail = [e.idx for e in employees if e.team == "Retail"]
    care = [e.idx for e in employees if e.team == "Customer Care"]
    warm_employee, runner_up, assignee, angry_other = rng.sample(retail, 4)
    day0 = (now - 120 * DAY) // DAY * DAY
    plan = Plan(
        t0=day0 + rng.randint(9 * HOUR, 20 * HOUR),
        influencer=influencer,
        angry=angry,
        warm=warm,
        warm_employee=warm_employee,
        runner_up=runner_up,
        cold_employee=rng.choice(care),
        assignee=assignee,
        angry_other=angry_other,
        angry_product=next(p.idx for p in catalog.products if p.name == ANGRY_PRODUCT_NAME),
        angry_at=now - rng.randint(6 * HOUR, 60 * HOUR),
    )
    customers[warm].employees = (warm_employee, runner_up, plan.cold_employee)
    customers[angry].employees = (assignee, angry_other)
    return plan


def shape_reach(acc: Accounts, customers: list[Customer], plan: Plan, rng: random.Random) -> None:
    """Give the angry customer a top-5 audience, then the influencer a clear lead over everyone
    but the brand, with enough followers who were already customers at ``t0``."""
    inf, angry = acc.by_customer[plan.influencer], acc.by_customer[plan.angry]
    pool = [a for a in range(1, len(acc)) if acc.customer[a] >= 0]
    rng.shuffle(pool)
    pool.sort(key=lambda a: customers[acc.customer[a]].joined >= plan.t0)  # customers at t0 first
    degree = acc.in_degree()
    others = sorted((d for a, d in enumerate(degree) if a not in (BRAND, inf, angry)), reverse=True)
    add_followers(acc, angry, max(0, others[2] + 1 - degree[angry]), pool[::-1])
    degree = acc.in_degree()
    lead = max(d for a, d in enumerate(degree) if a not in (BRAND, inf))
    target = max(math.ceil(1.5 * lead), 60)
    add_followers(acc, inf, max(0, target - degree[inf]), pool)
    eligible = [a for a in pool if customers[acc.customer[a]].joined < plan.t0]
    have = sum(1 for a in eligible if inf in acc.out[a])
    add_followers(acc, inf, max(0, 4 * MIN_CONVERTERS - have), eligible)


def choose_converters(
    acc: Accounts, customers: list[Customer], plan: Plan, rng: random.Random
) -> None:
    """A share of the influencer's customer followers who will buy the green shirt after ``t0``,
    and a few followers the influencer referred."""
    inf = acc.by_customer[plan.influencer]
    followers = [acc.customer[a] for a in acc.inn[inf] if acc.customer[a] >= 0]
    eligible = [c for c in followers if customers[c].joined < plan.t0 and c not in plan.scripted]
    want = max(MIN_CONVERTERS, math.ceil(CONVERSION_SHARE * len(followers)))
    plan.converters = sorted(rng.sample(eligible, min(want, len(eligible))))
    joined = customers[plan.influencer].joined
    later = [c for c in followers if customers[c].joined > joined and c not in plan.scripted]
    plan.referred = sorted(rng.sample(later, min(len(later), rng.randint(3, 6))))
    for c in plan.referred:
        customers[c].referred_by = plan.influencer
