"""E-mail (``.mbox``, ``.eml``): each message between a customer and an employee is an
``Interaction``.

Senders and recipients (From, To, Cc) are matched to customers and employees by address
(mailing-list archives' ``ann at example.org`` too); encoded headers are decoded and the
text/plain body is preferred (HTML is reduced to text, attachments ignored). A message from a
customer is ``inbound`` (the customer started it).

Threads: ``In-Reply-To`` and ``References`` give each message its ``thread`` (the interaction
that started it) and what it answers. A message whose own headers name only one side (an
archive keeps no ``To:``) takes the other side from its thread. A message without ``Date`` is
dated by its mbox ``From`` line; one without ``Message-ID`` gets a stable id from its content.
Mail between people who are neither customers nor employees is skipped, with the reason.
"""

from __future__ import annotations

import email.policy
import hashlib
import mailbox
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import Any, ClassVar, cast

from graph import model
from importers.directory import Directory
from importers.formats.base import (
    CONTACTS,
    PEOPLE,
    DirectoryFormat,
    FormatSpec,
    Item,
    Origin,
    Reject,
    Skip,
    SourceItem,
    guarded,
)
from importers.readers import values as v

_TAG = re.compile(r"<[^>]+>")
_BODY_CAP = 4000
# Mailing-list archives (pipermail) write addresses as "ann.lee at example.org".
_AT = re.compile(r"([\w.+-]+) at ([\w-]+(?:\.[\w-]+)+)")
_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
# The date at the end of an mbox "From " line: "Tue Jun  3 08:00:00 2025".
_FROM_LINE_DATE = re.compile(r"(\w{3} \w{3} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4})\s*$")


def _message(fh: Any) -> Any:
    return email.message_from_binary_file(fh, policy=email.policy.default)


def _header(message: EmailMessage, name: str) -> str:
    try:
        return str(message.get(name, "") or "")
    except Exception:  # a header whose bytes cannot be decoded: read it as Latin-1 text
        raw = message.get_all(name) or []
        return " ".join(str(r).encode("utf-8", "surrogateescape").decode("latin-1") for r in raw)


def addresses(text: str) -> list[str]:
    """The e-mail addresses in a header's text, lower-cased (archives' ``x at y`` too).

    >>> addresses("Eve <Eve@Shop.example>, noah at shop.example (Noah)")
    ['eve@shop.example', 'noah@shop.example']
    """
    text = _AT.sub(r"\1@\2", text)
    return [addr.lower() for _, addr in getaddresses([text]) if "@" in addr]


def _addresses(message: EmailMessage, *headers: str) -> list[str]:
    # From the raw header: parsing "ann at example.org" as an address would quote it.
    wanted = {h.lower() for h in headers}
    raw = [str(value) for name, value in message.raw_items() if name.lower() in wanted]
    return [a for value in raw for a in addresses(value.encode("utf-8", "replace").decode())]


def message_ids(text: str) -> list[str]:
    """The ``<id>`` values of a header (References, In-Reply-To), in order.

    >>> message_ids(" <m1.ann@example.org>\\n <m2@x>")
    ['m1.ann@example.org', 'm2@x']
    """
    return _MESSAGE_ID.findall(text)


@dataclass(frozen=True, slots=True)
class _Headers:
    """What threading needs of a message: its id, the thread's first id, who took part."""

    message_id: str
    root: str
    replies_to: str | None
    people: tuple[str, ...]


def _headers(message: EmailMessage, number: int) -> _Headers:
    own = message_ids(_header(message, "Message-ID"))
    references = message_ids(_header(message, "References"))
    replying = message_ids(_header(message, "In-Reply-To"))
    message_id = own[0] if own else _content_id(message, number)
    root = (references or replying or [message_id])[0]
    parent = replying[-1] if replying else (references[-1] if references else None)
    people = tuple(_addresses(message, "From", "To", "Cc"))
    return _Headers(message_id, root, parent, people)


def _content_id(message: EmailMessage, number: int) -> str:
    """A stable id for a message without Message-ID: a digest of its headers and body."""
    parts = [_header(message, h) for h in ("From", "Date", "Subject")]
    digest = hashlib.blake2b("\n".join([*parts, body_text(message)]).encode(), digest_size=10)
    return f"sha-{digest.hexdigest()}@rapport.local"


def _from_line_date(message: Any) -> datetime | None:
    """The date of the mbox ``From `` line that opens the message (an archive's fallback)."""
    getter = getattr(message, "get_unixfrom", None)
    line = getter() if getter else None
    found = _FROM_LINE_DATE.search(line or "")
    if not found:
        return None
    return datetime.strptime(" ".join(found.group(1).split()), "%a %b %d %H:%M:%S %Y")


@dataclass
class _Threads:
    """Who took part in each thread of the box (one pass over the headers, before the import)."""

    people: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def body_text(message: EmailMessage) -> str:
    """The message's readable text: text/plain preferred, HTML tags stripped."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = str(part.get_content())
    except (LookupError, ValueError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if part.get_content_subtype() == "html":
        content = _TAG.sub(" ", content)
    return " ".join(content.split())[:_BODY_CAP]


class Mbox(DirectoryFormat):
    """A mailbox file."""

    SPECS: ClassVar[tuple[FormatSpec, ...]] = (
        FormatSpec(
            "mbox",
            "e-mail mailbox (.mbox)",
            provides=frozenset({CONTACTS}),
            needs=frozenset({PEOPLE}),
            enriched=True,
        ),
    )

    def sniff(self, path: Path, head: str) -> bool:
        """True for a file that starts like an mbox (or is one e-mail, `.eml`)."""
        return path.suffix.lower() in (".mbox", ".eml") or head.startswith("From ")

    def read(self, path: Path) -> Iterator[SourceItem]:
        """One item per message (the line is the message's number in the box)."""
        directory = self._directory()
        source = f"mbox:{path.name}"
        threads = _Threads()
        for number, message in _messages(path):  # first pass: who is in each thread
            if not isinstance(message, Exception):
                try:
                    headers = _headers(message, number)
                except Exception:  # noqa: S112 - the second pass reports this message
                    continue
                threads.people[headers.root].update(headers.people)
        for number, message in _messages(path):
            if isinstance(message, Exception):
                yield Reject(Origin(str(path), number, ""), f"unreadable message: {message}")
                continue
            origin = Origin(str(path), number, _summary(message))
            yield from guarded(origin, self._item, origin, message, number, directory, threads,
                               source)  # fmt: skip

    def _item(
        self, origin: Origin, message: EmailMessage, number: int, directory: Directory,
        threads: _Threads, source: str,
    ) -> Item | Skip:  # fmt: skip
        headers = _headers(message, number)
        senders = _addresses(message, "From")

        def known(people: Any) -> tuple[list[str], list[str]]:
            customers = sorted({c for a in people if (c := directory.customers_by_email.get(a))})
            employees = sorted({e for a in people if (e := directory.employees_by_email.get(a))})
            return customers, employees

        customers, employees = known(headers.people)
        in_thread = known(threads.people.get(headers.root, ()))
        customers, employees = customers or in_thread[0], employees or in_thread[1]
        if not customers or not employees:
            return Skip(origin, "not between a customer and an employee "
                                f"({', '.join(headers.people) or 'no addresses'})")  # fmt: skip
        at = v.when("Date", _header(message, "Date")) or _from_line_date(message)
        if at is None:
            raise ValueError("message without Date (and no mbox From line to date it)")
        inbound = any(directory.customers_by_email.get(a) for a in senders)
        subject = _header(message, "Subject").strip() or None
        interaction = model.Interaction(
            id=f"email:{headers.message_id}",
            channel="email",
            at=at,
            direction="inbound" if inbound else "outbound",
            subject=subject,
            thread=f"email:{headers.root}",
            in_reply_to=f"email:{headers.replies_to}" if headers.replies_to else None,
            source=source,
        )
        records: list[model.Record] = [interaction]
        records += [model.Had(start_id=c, end_id=interaction.id, source=source) for c in customers]
        records += [
            model.Handled(start_id=e, end_id=interaction.id, source=source) for e in employees
        ]
        text = " ".join(p for p in (subject, body_text(message)) if p)
        return Item(origin=origin, records=records, texts={interaction.id: text} if text else {})


def _summary(message: EmailMessage) -> str:
    parts = []
    for header in ("Message-ID", "Date", "From", "To", "Subject"):
        try:
            parts.append(f"{header}: {message.get(header, '')}")
        except Exception:  # a header that cannot be decoded is left out of the summary only
            parts.append(f"{header}: (undecodable)")
    return " | ".join(parts)[:2000]


def _with_from_line(raw: bytes) -> EmailMessage:
    """A message of an mbox, keeping its ``From `` line (an archive's only date at times)."""
    first, _, rest = raw.partition(b"\n")
    message = email.message_from_bytes(rest, policy=email.policy.default)
    message.set_unixfrom(first.decode("latin-1").rstrip("\r"))
    return message


def _messages(path: Path) -> Iterator[tuple[int, EmailMessage | Exception]]:
    """The messages of a mailbox, numbered; a file holding one message without the ``From ``
    line that separates messages in an mbox (an ``.eml``) is that one message."""
    with open(path, "rb") as fh:
        starts_like_mbox = fh.read(5) == b"From "
    if not starts_like_mbox:
        with open(path, "rb") as fh:
            yield 1, cast(EmailMessage, _message(fh))
        return
    box = mailbox.mbox(path, create=False)
    try:
        for number, key in enumerate(box.iterkeys(), start=1):
            try:
                yield number, _with_from_line(box.get_bytes(key, from_=True))
            except Exception as exc:  # a damaged message must not stop the box
                yield number, exc
    finally:
        box.close()
