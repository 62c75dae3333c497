"""Twitter accounts, a power-law follower network among them, and customer friendships.

The follower network grows by preferential attachment (Barabási–Albert style): accounts arrive in
turn and follow earlier accounts with probability proportional to their followers + 1, mixed with
some uniform follows and follow-backs. Accounts are integers; 0 is the brand account.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

from importers.generate.people import BRAND_HANDLE, Customer, Employee

BRAND = 0


@dataclass(slots=True)
class Accounts:
    """Every twitter account: the brand (0), customers' and employees' accounts."""

    handles: list[str]
    names: list[str]
    user_ids: list[str]
    customer: list[int]  # owning customer index, or -1
    employee: list[int]  # owning employee index, or -1
    by_customer: dict[int, int]
    by_employee: dict[int, int]
    out: list[list[int]] = field(default_factory=list)  # whom each account follows
    inn: list[list[int]] = field(default_factory=list)  # who follows each account

    def __len__(self) -> int:
        return len(self.handles)

    def in_degree(self) -> list[int]:
        """Follower count per account, from ``out``."""
        counts = [0] * len(self.handles)
        for targets in self.out:
            for t in targets:
                counts[t] += 1
        return counts


def user_id(handle: str, taken: set[str]) -> str:
    """A stable 18-digit id derived from the handle (bumped on the rare collision)."""
    digest = hashlib.blake2b(handle.encode("ascii"), digest_size=8).digest()
    number = 10**17 + int.from_bytes(digest, "big") % (9 * 10**17)
    while str(number) in taken:
        number += 1
    taken.add(str(number))
    return str(number)


def make_accounts(customers: list[Customer], employees: list[Employee]) -> Accounts:
    """The brand account first, then customers' accounts, then employees'."""
    taken: set[str] = set()
    acc = Accounts(
        [BRAND_HANDLE], ["Rapport Shop"], [user_id(BRAND_HANDLE, taken)], [-1], [-1], {}, {}
    )
    for c in customers:
        if c.handle:
            acc.by_customer[c.idx] = len(acc.handles)
            _append(acc, c.handle, c.name, taken, customer=c.idx, employee=-1)
    for e in employees:
        if e.handle:
            acc.by_employee[e.idx] = len(acc.handles)
            _append(acc, e.handle, f"{e.first} @ Rapport", taken, customer=-1, employee=e.idx)
    return acc


def _append(
    acc: Accounts, handle: str, name: str, taken: set[str], *, customer: int, employee: int
) -> None:
    acc.handles.append(handle)
    acc.names.append(name)
    acc.user_ids.append(user_id(handle, taken))
    acc.customer.append(customer)
    acc.employee.append(employee)


def grow_follows(acc: Accounts, rng: random.Random, *, first: tuple[int, ...]) -> None:
    """Fill ``acc.out``: preferential attachment among people, then brand and colleague ties.

    Accounts in ``first`` arrive first (early arrivals become hubs).
    """
    people = [a for a in range(1, len(acc)) if a not in first]
    rng.shuffle(people)
    order = [*first, *people]
    acc.out = _attach(len(acc), order, rng)
    _brand_and_colleagues(acc, rng)
    _follow_back(acc, rng)


def _attach(n: int, order: list[int], rng: random.Random) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in range(n)]
    targets: list[int] = []  # each account once, plus once per follower it has gained
    for pos, node in enumerate(order):
        want = min(pos, 1 + int(rng.expovariate(1 / 9.0)), 150)
        mine = out[node]
        for _ in range(3 * want):
            if len(mine) >= want:
                break
            preferential = rng.random() < 0.9
            t = rng.choice(targets) if preferential else order[rng.randrange(len(order))]
            if t != node and t not in mine:
                mine.append(t)
                targets.append(t)
        targets.append(node)
    return out


def _brand_and_colleagues(acc: Accounts, rng: random.Random) -> None:
    staff = [a for a in range(1, len(acc)) if acc.employee[a] >= 0]
    for a in range(1, len(acc)):
        if acc.employee[a] >= 0 or rng.random() < 0.3:
            acc.out[a].append(BRAND)
    for a in staff:
        acc.out[BRAND].append(a)
        for b in rng.sample(staff, min(5, len(staff))):
            if b != a and b not in acc.out[a]:
                acc.out[a].append(b)
    for a in range(1, len(acc)):
        if acc.customer[a] >= 0 and rng.random() < 0.01:
            acc.out[BRAND].append(a)


def _follow_back(acc: Accounts, rng: random.Random) -> None:
    """Small accounts sometimes follow back; hubs almost never do."""
    followers = acc.in_degree()
    for a in range(1, len(acc)):
        for b in list(acc.out[a]):
            if b != BRAND and followers[b] < 25 and rng.random() < 0.2 and a not in acc.out[b]:
                acc.out[b].append(a)


def add_followers(acc: Accounts, node: int, count: int, pool: list[int]) -> int:
    """Make up to ``count`` accounts from ``pool`` (in order) follow ``node``; return how many."""
    added = 0
    for a in pool:
        if added >= count:
            break
        if a != node and node not in acc.out[a]:
            acc.out[a].append(node)
            added += 1
    return added


def index_followers(acc: Accounts) -> None:
    """Fill ``acc.inn`` from ``acc.out`` (followers in account order)."""
    acc.inn = [[] for _ in range(len(acc))]
    for a, targets in enumerate(acc.out):
        for t in targets:
            acc.inn[t].append(a)


def make_friendships(
    customers: list[Customer], acc: Accounts, rng: random.Random
) -> list[tuple[int, int]]:
    """About two KNOWS pairs per customer: mostly twitter neighbours, else townspeople."""
    n = len(customers)
    by_city: dict[str, list[int]] = {}
    for c in customers:
        by_city.setdefault(c.city.name, []).append(c.idx)
    seen: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for c in customers:
        a = acc.by_customer.get(c.idx, -1)
        near = (
            [acc.customer[x] for x in (*acc.out[a], *acc.inn[a]) if acc.customer[x] >= 0]
            if (a >= 0 and rng.random() < 0.8)
            else []
        )
        for _ in range(rng.choice((1, 2, 2, 3))):
            if near and rng.random() < 0.75:
                other = rng.choice(near)
            elif rng.random() < 0.6:
                other = rng.choice(by_city[c.city.name])
            else:
                other = rng.randrange(n)
            key = min(c.idx, other) * n + max(c.idx, other)
            if other != c.idx and key not in seen:
                seen.add(key)
                pairs.append((c.idx, other))
    return pairs
