"""Stores, customers and employees: names, contact details, handles, referrals, affinities."""

from __future__ import annotations

import bisect
import itertools
import random
import unicodedata
from dataclasses import dataclass, field

from importers.generate.names import (
    CITIES,
    EMAIL_DOMAINS,
    EMPLOYEE_ROLES,
    FIRST_NAMES,
    LAST_NAMES,
    STREETS,
    City,
)
from importers.generate.sampling import Weighted
from importers.generate.writer import DAY

BRAND_HANDLE = "rapportshop"
SHOP_DOMAIN = "rapportshop.example"
HANDLE_MAX = 15


@dataclass(frozen=True, slots=True)
class Store:
    """A shop, also a Yelp business."""

    idx: int
    city: City
    street: str
    zip: str

    @property
    def name(self) -> str:
        """``Rapport Shop Lyon``."""
        return f"Rapport Shop {self.city.name}"


@dataclass(slots=True)
class Customer:
    """One customer; ``handle`` is empty without a twitter account, ``referred_by`` -1 if none."""

    idx: int
    first: str
    last: str
    email: str
    phone: str
    city: City
    street: str
    zip: str
    joined: int
    tier: str
    handle: str
    activity: float
    marketing: bool
    referred_by: int = -1
    employees: tuple[int, ...] = ()

    @property
    def id(self) -> str:
        """``c000001``."""
        return f"c{self.idx + 1:06d}"

    @property
    def name(self) -> str:
        """First and last name."""
        return f"{self.first} {self.last}"


@dataclass(slots=True)
class Employee:
    """One employee; ``store`` is -1 for teams that work online."""

    idx: int
    first: str
    last: str
    email: str
    role: str
    team: str
    store: int
    handle: str
    signature: str = field(default="")

    @property
    def id(self) -> str:
        """``e0001``."""
        return f"e{self.idx + 1:04d}"

    @property
    def name(self) -> str:
        """First and last name."""
        return f"{self.first} {self.last}"


def slug(text: str) -> str:
    """ASCII lower-case letters and digits only: ``"Zoë Le Gall"`` -> ``"zoelegall"``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def unique(base: str, used: set[str], *, limit: int = 64) -> str:
    """``base``, or ``base`` with the smallest numeric suffix not in ``used``; recorded as used."""
    candidate = base[:limit]
    for n in itertools.count(2):
        if candidate not in used:
            break
        suffix = str(n)
        candidate = base[: limit - len(suffix)] + suffix
    used.add(candidate)
    return candidate


def make_stores(n_customers: int, rng: random.Random) -> list[Store]:
    """3 to 6 stores, more for bigger customer bases, in the first cities of the pool."""
    count = min(6, 3 + n_customers // 20_000)
    return [
        Store(i, city, f"{rng.randint(2, 60)} {rng.choice(STREETS)}", _zip(city, rng))
        for i, city in enumerate(CITIES[:count])
    ]


def _zip(city: City, rng: random.Random) -> str:
    width = 5 if city.country == "FR" else 4
    return city.zip_prefix + "".join(
        str(rng.randrange(10)) for _ in range(width - len(city.zip_prefix))
    )


def _phone(country: str, rng: random.Random) -> str:
    digits = [f"{rng.randrange(100):02d}" for _ in range(4)]
    if country == "FR":
        return f"+33 {rng.choice('67')} " + " ".join(digits)
    if country == "BE":
        return f"+32 4{rng.randrange(70, 100)} " + " ".join(digits[:3])
    return f"+41 7{rng.choice('6789')} {rng.randrange(100, 1000)} " + " ".join(digits[:2])


def _handle(first: str, last: str, rng: random.Random, used: set[str]) -> str:
    f, surname = slug(first), slug(last)
    styles = (
        f + surname,
        f"{f}_{surname}",
        f[0] + surname,
        surname + f[0],
        f"{f}{rng.randint(70, 99)}",
        f"{f}_{surname[0]}",
        f"the{f}{surname[0]}",
        f"{f}_style",
        f"{surname}_{f}",
    )
    return unique(rng.choice(styles)[: HANDLE_MAX - 2], used, limit=HANDLE_MAX)


def _email(first: str, last: str, domain: str, used: set[str]) -> str:
    return f"{unique(f'{slug(first)}.{slug(last)}', used)}@{domain}"


def make_customers(
    count: int, rng: random.Random, *, start: int, now: int, used_handles: set[str]
) -> list[Customer]:
    """``count`` customers who joined in ``[start, now - 10 days)``, earlier joins more likely."""
    places = Weighted([(city, city.weight) for city in CITIES])
    span = now - 10 * DAY - start
    emails: dict[str, set[str]] = {domain: set() for domain in EMAIL_DOMAINS}
    customers: list[Customer] = []
    for idx in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        city = places.draw(rng)
        domain = rng.choice(EMAIL_DOMAINS)
        activity = rng.lognormvariate(0.0, 0.6)
        tier = "gold" if activity > 2.2 else "silver" if activity > 1.3 else "bronze"
        handle = _handle(first, last, rng, used_handles) if rng.random() < 0.7 else ""
        customers.append(
            Customer(
                idx=idx,
                first=first,
                last=last,
                email=_email(first, last, domain, emails[domain]),
                phone=_phone(city.country, rng),
                city=city,
                street=f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
                zip=_zip(city, rng),
                joined=start + int(span * rng.random() ** 1.3),
                tier=tier,
                handle=handle,
                activity=activity,
                marketing=rng.random() < 0.55,
            )
        )
    return customers


def assign_referrals(customers: list[Customer], rng: random.Random, *, rate: float = 0.05) -> None:
    """About ``rate`` of customers were referred by someone who joined strictly earlier."""
    order = sorted(range(len(customers)), key=lambda i: (customers[i].joined, i))
    joins = [customers[i].joined for i in order]
    for i in order:
        earlier = bisect.bisect_left(joins, customers[i].joined)
        if earlier and rng.random() < rate:
            customers[i].referred_by = order[rng.randrange(earlier)]


def _team_sizes(count: int) -> list[tuple[str, int]]:
    social, care, ecommerce = max(1, count // 40), max(2, count // 8), max(1, count // 20)
    return [
        ("Retail", count - social - care - ecommerce),
        ("Customer Care", care),
        ("Social", social),
        ("E-commerce", ecommerce),
    ]


def make_employees(
    count: int, rng: random.Random, stores: list[Store], used_handles: set[str]
) -> list[Employee]:
    """``count`` employees: retail staff spread over the stores (a manager each), online teams."""
    emails: set[str] = set()
    signatures: set[str] = set()
    employees: list[Employee] = []
    for team, size in _team_sizes(count):
        for k in range(size):
            idx = len(employees)
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            store = k % len(stores) if team == "Retail" else -1
            roles = EMPLOYEE_ROLES[team]
            manager = team == "Retail" and k < len(stores)
            role = roles[-1] if manager else rng.choice(roles[:-1] or roles)
            tweets = team == "Social" or rng.random() < 0.5
            handle = (
                unique(f"{slug(first)[:9]}_rshop", used_handles, limit=HANDLE_MAX) if tweets else ""
            )
            local = unique(f"{slug(first)}.{slug(last)}", emails)
            employee = Employee(
                idx=idx,
                first=first,
                last=last,
                email=f"{local}@{SHOP_DOMAIN}",
                role=role,
                team=team,
                store=store,
                handle=handle,
            )
            employee.signature = _signature(first, last, signatures)
            employees.append(employee)
    return employees


def _signature(first: str, last: str, used: set[str]) -> str:
    f, surname = slug(first).upper(), slug(last).upper()
    for candidate in (f[0] + surname[0], f[0] + surname[:2], f[:2] + surname[0]):
        if candidate not in used:
            used.add(candidate)
            return "^" + candidate
    return "^" + unique(f[0] + surname[0], used)


def assign_affinities(
    customers: list[Customer], employees: list[Employee], rng: random.Random
) -> None:
    """Give every customer the 1-3 employees they mostly deal with (first = closest)."""
    retail_by_city: dict[str, list[int]] = {}
    for e in employees:
        if e.team == "Retail":
            retail_by_city.setdefault(CITIES[e.store].name, []).append(e.idx)
    online = [e.idx for e in employees if e.team in ("Customer Care", "E-commerce")]
    all_retail = [e.idx for e in employees if e.team == "Retail"]
    for c in customers:
        local = retail_by_city.get(c.city.name)
        if local:
            pool = local + local + online
            primary = rng.choice(local)
        else:
            pool = online + all_retail
            primary = rng.choice(online) if rng.random() < 0.6 else rng.choice(all_retail)
        picks = [primary]
        wanted = rng.choices((1, 2, 3), weights=(35, 40, 25))[0]
        for _ in range(4 * wanted):
            if len(picks) >= wanted:
                break
            other = rng.choice(pool)
            if other not in picks:
                picks.append(other)
        c.employees = tuple(picks)
