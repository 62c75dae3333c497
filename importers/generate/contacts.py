"""interactions.csv: calls, visits, meetings, e-mails, chats and social contacts, plus the
planted histories of the warm customer and the angry customer."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from importers.generate import prose
from importers.generate.people import Customer
from importers.generate.sampling import Weighted
from importers.generate.world import World, everyday_product
from importers.generate.writer import DAY, HOUR, csv_file, iso_z

COLUMNS = ("id", "employee", "customer", "channel", "at", "direction", "subject", "notes")
CHANNELS = {
    "Retail": (
        ("visit", 35),
        ("call", 20),
        ("meeting", 15),
        ("email", 15),
        ("chat", 10),
        ("social", 5),
    ),
    "Customer Care": (("email", 40), ("chat", 30), ("call", 25), ("social", 5)),
    "Social": (("social", 70), ("chat", 30)),
    "E-commerce": (("email", 50), ("chat", 40), ("call", 10)),
}
CHANNEL_DRAWS = {team: Weighted(options) for team, options in CHANNELS.items()}
TONES = Weighted([("positive", 50), ("neutral", 35), ("negative", 15)])
WHICH_EMPLOYEE = (
    Weighted([(0, 1)]),
    Weighted([(0, 65), (1, 25)]),
    Weighted([(0, 65), (1, 25), (2, 10)]),
)
WARM_CHANNELS = (
    "call",
    "meeting",
    "visit",
    "email",
    "visit",
    "call",
    "meeting",
    "email",
    "visit",
    "chat",
)


@dataclass(slots=True)
class Contact:
    """One interaction between an employee and a customer."""

    ts: int
    employee: int
    customer: int
    channel: str
    inbound: bool
    subject: str
    notes: str


def _contact(
    world: World,
    c: Customer,
    employee: int,
    ts: int,
    tone: str,
    rng: random.Random,
    *,
    channel: str = "",
    inbound: bool | None = None,
) -> Contact:
    if not channel:
        channel = CHANNEL_DRAWS[world.employees[employee].team].draw(rng)
    if inbound is None:
        inbound = rng.random() < (0.8 if tone == "negative" else 0.45)
    product = everyday_product(world, rng).name
    subject, notes = prose.interaction(tone, product, rng)
    return Contact(ts, employee, c.idx, channel, inbound, subject, notes)


def random_contacts(world: World, rng: random.Random) -> list[Contact]:
    """About three contacts per customer (more the longer they have been one), mostly with
    their first employee."""
    contacts = []
    tenure = sum(world.now - c.joined for c in world.customers) / len(world.customers)
    for c in world.customers:
        if c.idx in world.plan.scripted:
            continue
        which = WHICH_EMPLOYEE[len(c.employees) - 1]
        mean = 3.0 * (world.now - c.joined) / tenure
        for _ in range(min(20, int(rng.expovariate(1 / mean) + 0.5))):
            employee = c.employees[which.draw(rng)]
            tone = TONES.draw(rng)
            ts = c.joined + int(rng.random() * (world.now - c.joined))
            contacts.append(_contact(world, c, employee, ts, tone, rng))
    return contacts


def _days_ago(world: World, c: Customer, low: int, high: int, rng: random.Random) -> int:
    ts = world.now - rng.randint(low * DAY, high * DAY)
    return max(ts, c.joined + HOUR)


Script = tuple[tuple[int, int, str, str, bool | None], ...]
# Each planted contact: (days ago from, to, tone, channel or "" for the team's mix, inbound).
WARM_SCRIPT: Script = (
    *((2, 58, "positive", channel, k % 5 in (0, 2, 3)) for k, channel in enumerate(WARM_CHANNELS)),
    (100, 200, "positive", "", None),
    (100, 200, "positive", "", None),
)
RUNNER_UP_SCRIPT: Script = (
    (150, 330, "positive", "", True),
    (150, 330, "positive", "", False),
    (150, 330, "positive", "", False),
    (150, 330, "neutral", "", False),
)
COLD_SCRIPT: Script = ((30, 50, "negative", "call", True), (200, 300, "neutral", "email", False))
ASSIGNEE_SCRIPT: Script = tuple(
    (4, 58, "positive", channel, k % 2 == 0)
    for k, channel in enumerate(("visit", "call", "meeting", "email", "visit", "call", "chat"))
)
OTHER_SCRIPT: Script = ((100, 250, "neutral", "", None), (100, 250, "neutral", "", None))


def _script(
    world: World, c: Customer, employee: int, script: Script, rng: random.Random
) -> list[Contact]:
    return [
        _contact(world, c, employee, _days_ago(world, c, low, high, rng), tone, rng,
                 channel=channel, inbound=inbound)
        for low, high, tone, channel, inbound in script
    ]  # fmt: skip


def planted_contacts(world: World, rng: random.Random) -> list[Contact]:
    """Warm customer: many recent, warm, partly inbound contacts with one employee, fewer and
    older ones with the runner-up, a negative one with a third. Angry customer: one warm
    relationship (the assignee)."""
    plan = world.plan
    warm, angry = world.customers[plan.warm], world.customers[plan.angry]
    return [
        *_script(world, warm, plan.warm_employee, WARM_SCRIPT, rng),
        *_script(world, warm, plan.runner_up, RUNNER_UP_SCRIPT, rng),
        *_script(world, warm, plan.cold_employee, COLD_SCRIPT, rng),
        *_script(world, angry, plan.assignee, ASSIGNEE_SCRIPT, rng),
        *_script(world, angry, plan.angry_other, OTHER_SCRIPT, rng),
    ]


def write_contacts(path: Path, world: World, contacts: list[Contact]) -> int:
    """Write interactions.csv in time order; return the number of rows."""
    contacts.sort(key=lambda x: (x.ts, x.customer, x.employee))
    width = max(7, len(str(len(contacts))))
    with csv_file(path, COLUMNS) as writer:
        for n, x in enumerate(contacts, 1):
            writer.writerow(
                (
                    f"i{n:0{width}d}",
                    world.employees[x.employee].id,
                    world.customers[x.customer].id,
                    x.channel,
                    iso_z(x.ts),
                    "inbound" if x.inbound else "outbound",
                    x.subject,
                    x.notes,
                )
            )
    return len(contacts)
