"""E-mail threads between customers and employees (rendered to mail.mbox by ``mime``)."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from importers.generate import prose
from importers.generate.people import SHOP_DOMAIN
from importers.generate.world import World, everyday_product
from importers.generate.writer import DAY, HOUR


@dataclass(slots=True)
class Mail:
    """One message; ``from_customer`` says who wrote it."""

    ts: int
    customer: int
    employee: int
    from_customer: bool
    subject: str
    body: str
    message_id: str
    in_reply_to: str = ""
    cc: int = -1
    html: bool = False
    attachment: str = ""  # "", "png" or "txt"


def _thread(
    world: World,
    customer: int,
    employee: int,
    start: int,
    tone: str,
    length: int,
    rng: random.Random,
    ids: itertools.count[int],
) -> list[Mail]:
    """A thread of ``length`` messages starting at ``start``, alternating writers."""
    c, e = world.customers[customer], world.employees[employee]
    opener, subject, opening, reply = rng.choice(prose.MAIL_THREADS[tone])
    product = everyday_product(world, rng).name
    subject = subject.format(product=product)
    from_customer = opener == "customer"
    mails: list[Mail] = []
    ts = start
    for k in range(length):
        template = (opening, reply)[k] if k < 2 else prose.MAIL_FOLLOW_UPS[opener]
        body = template.format(first=e.first if from_customer else c.first, product=product)
        signer = c.name if from_customer else f"{e.name}\n{e.role}, Rapport Shop"
        domain = c.email.split("@")[1] if from_customer else SHOP_DOMAIN
        mail = Mail(
            ts,
            customer,
            employee,
            from_customer,
            subject if k == 0 else "Re: " + subject,
            f"{body}\n\nBest regards,\n{signer}\n",
            f"<{ts:x}.{next(ids):06x}@{domain}>",
            mails[-1].message_id if mails else "",
        )
        _decorate(world, mail, rng)
        mails.append(mail)
        from_customer = not from_customer
        ts += rng.randint(HOUR, 2 * DAY)
    return [m for m in mails if m.ts < world.now]


def _decorate(world: World, mail: Mail, rng: random.Random) -> None:
    mail.html = rng.random() < (0.35 if not mail.from_customer else 0.05)
    if not mail.from_customer and rng.random() < 0.1:
        mail.cc = rng.randrange(len(world.employees))
        mail.cc = -1 if mail.cc == mail.employee else mail.cc
    if rng.random() < 0.03:
        mail.attachment = "png" if mail.from_customer else "txt"


def make_mails(world: World, rng: random.Random) -> list[Mail]:
    """About half a message per customer, plus the planted threads."""
    ids = itertools.count(1)
    mails: list[Mail] = []
    pool = [c for c in world.customers if c.idx not in world.plan.scripted]
    cum = list(itertools.accumulate(world.now - c.joined for c in pool))
    for c in rng.choices(pool, cum_weights=cum, k=int(0.3 * len(world.customers))):
        employee = rng.choice(c.employees)
        tone = rng.choices(("positive", "neutral", "negative"), weights=(35, 45, 20))[0]
        start = c.joined + int(rng.random() * (world.now - c.joined))
        length = rng.choices((1, 2, 3), weights=(40, 35, 25))[0]
        mails += _thread(world, c.idx, employee, start, tone, length, rng, ids)
    plan, now = world.plan, world.now
    mails += _thread(
        world,
        plan.warm,
        plan.warm_employee,
        now - rng.randint(8, 25) * DAY,
        "positive",
        3,
        rng,
        ids,
    )
    older = _thread(
        world, plan.warm, plan.runner_up, now - rng.randint(200, 280) * DAY, "neutral", 1, rng, ids
    )
    for m in older:  # at least one attachment in every mailbox
        m.attachment = "png" if m.from_customer else "txt"
    mails += older
    mails += _thread(
        world, plan.angry, plan.assignee, now - rng.randint(10, 40) * DAY, "positive", 2, rng, ids
    )
    mails.sort(key=lambda m: (m.ts, m.message_id))
    return mails
