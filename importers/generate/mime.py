"""mail.mbox: messages rendered to RFC 5322 / MIME text and stored with ``mailbox.mbox``.

Rendering by hand (rather than through ``email.generator``) is an order of magnitude faster
and fixes every byte: boundaries, dates and ids come from the data. Some messages are
multipart/alternative (text and HTML), a few carry a small attachment, and non-ASCII names and
subjects are RFC 2047 encoded (``=?utf-8?q?...?=``).
"""

from __future__ import annotations

import base64
import mailbox
import quopri
import random
from email import quoprimime
from pathlib import Path

from importers.generate import prose
from importers.generate.mail import Mail
from importers.generate.world import World
from importers.generate.writer import rfc2822, unix_from_time

PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2"
    "21bc330000000049454e44ae426082"
)
LABEL = "Return label\nPrepaid, valid 14 days.\n"


def encode_header(text: str) -> str:
    """``text`` itself when ASCII, else one RFC 2047 q-encoded word."""
    return text if text.isascii() else quoprimime.header_encode(text.encode("utf-8"), "utf-8")


def address(name: str, email: str) -> str:
    """``Name <email>``, the name RFC 2047 encoded when it is not ASCII."""
    return f"{encode_header(name)} <{email}>"


def text_part(body: str, subtype: str) -> list[str]:
    """A UTF-8 text part, quoted-printable (its headers, a blank line, its body)."""
    encoded = quopri.encodestring(body.encode("utf-8")).decode("ascii")
    return [
        f'Content-Type: text/{subtype}; charset="utf-8"',
        "Content-Transfer-Encoding: quoted-printable",
        "",
        encoded.rstrip("\n"),
    ]


def multipart(subtype: str, boundary: str, parts: list[list[str]]) -> list[str]:
    """A multipart entity holding ``parts``."""
    lines = [f'Content-Type: multipart/{subtype}; boundary="{boundary}"', ""]
    for part in parts:
        lines += [f"--{boundary}", *part]
    return [*lines, f"--{boundary}--"]


def attachment(kind: str) -> list[str]:
    """A small attachment: a 1x1 PNG photo or a plain-text return label."""
    if kind == "png":
        data = base64.encodebytes(PIXEL_PNG).decode("ascii").rstrip("\n")
        head = ["Content-Type: image/png", "Content-Transfer-Encoding: base64"]
        return [*head, 'Content-Disposition: attachment; filename="photo.png"', "", data]
    head = ['Content-Type: text/plain; charset="us-ascii"', "Content-Transfer-Encoding: 7bit"]
    disposition = 'Content-Disposition: attachment; filename="return-label.txt"'
    return [*head, disposition, "", LABEL.rstrip("\n")]


def content(mail: Mail, n: int) -> list[str]:
    """The message's MIME entity: plain text, alternative, and/or mixed with an attachment."""
    body = text_part(mail.body, "plain")
    if mail.html:
        html = text_part(prose.html(mail.body), "html")
        body = multipart("alternative", f"=_alt_{n:08d}_rapport", [body, html])
    if mail.attachment:
        body = multipart("mixed", f"=_mix_{n:08d}_rapport", [body, attachment(mail.attachment)])
    return body


def render(world: World, mail: Mail, n: int, offset: int) -> bytes:
    """The message as mbox-ready bytes, starting with its ``From `` line."""
    c, e = world.customers[mail.customer], world.employees[mail.employee]
    sender, to = (c.name, c.email), (e.name, e.email)
    if not mail.from_customer:
        sender, to = to, sender
    lines = [f"From {sender[1]} {unix_from_time(mail.ts)}", f"From: {address(*sender)}"]
    lines.append(f"To: {address(*to)}")
    if mail.cc >= 0:
        colleague = world.employees[mail.cc]
        lines.append(f"Cc: {address(colleague.name, colleague.email)}")
    lines += [f"Date: {rfc2822(mail.ts, offset)}", f"Subject: {encode_header(mail.subject)}"]
    lines.append(f"Message-ID: {mail.message_id}")
    if mail.in_reply_to:
        lines += [f"In-Reply-To: {mail.in_reply_to}", f"References: {mail.in_reply_to}"]
    lines += ["MIME-Version: 1.0", *content(mail, n), ""]
    return "\n".join(lines).encode("ascii")


def write_mbox(path: Path, world: World, mails: list[Mail], rng: random.Random) -> int:
    """Write the messages to a fresh mbox; return how many."""
    path.unlink(missing_ok=True)
    box = mailbox.mbox(str(path), create=True)
    try:
        for n, mail in enumerate(mails):
            box.add(render(world, mail, n, rng.choice((60, 120, 0))))
        box.flush()
    finally:
        box.close()
    return len(mails)
