"""E-mail (``.mbox``): each message between a customer and an employee is an ``Interaction``.

Senders and recipients (From, To, Cc) are matched to customers and employees by address;
encoded headers are decoded and the text/plain body is preferred (HTML is reduced to text,
attachments ignored). A message from a customer is ``inbound`` (the customer started it).
"""

from __future__ import annotations

import email.policy
import mailbox
import re
from collections.abc import Iterator
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
    SourceItem,
    guarded,
)
from importers.readers import values as v

_TAG = re.compile(r"<[^>]+>")
_BODY_CAP = 4000


def _message(fh: Any) -> Any:
    return email.message_from_binary_file(fh, policy=email.policy.default)


def _addresses(message: EmailMessage, *headers: str) -> list[str]:
    values = [str(message.get(h, "")) for h in headers]
    return [addr.lower() for _, addr in getaddresses(values) if addr]


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
        for number, message in _messages(path):
            if isinstance(message, Exception):
                yield Reject(Origin(str(path), number, ""), f"unreadable message: {message}")
                continue
            origin = Origin(str(path), number, _summary(message))
            yield from guarded(origin, self._item, origin, message, directory, source)

    def _item(
        self, origin: Origin, message: EmailMessage, directory: Directory, source: str
    ) -> Item:
        senders = _addresses(message, "From")
        everyone = senders + _addresses(message, "To", "Cc")
        customers = sorted({c for a in everyone if (c := directory.customers_by_email.get(a))})
        employees = sorted({e for a in everyone if (e := directory.employees_by_email.get(a))})
        if not customers or not employees:
            raise ValueError(
                "no known customer and employee among From/To/Cc "
                f"({', '.join(everyone) or 'no addresses'})"
            )
        message_id = str(message.get("Message-ID", "")).strip().strip("<>")
        if not message_id:
            raise ValueError("message without Message-ID")
        at = v.when("Date", str(message.get("Date", "")))
        if at is None:
            raise ValueError("message without Date")
        inbound = any(directory.customers_by_email.get(a) for a in senders)
        subject = str(message.get("Subject", "")).strip() or None
        interaction = model.Interaction(
            id=f"email:{message_id}",
            channel="email",
            at=at,
            direction="inbound" if inbound else "outbound",
            subject=subject,
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


def _messages(path: Path) -> Iterator[tuple[int, EmailMessage | Exception]]:
    """The messages of a mailbox, numbered; a file holding one message without the ``From ``
    line that separates messages in an mbox (an ``.eml``) is that one message."""
    with open(path, "rb") as fh:
        starts_like_mbox = fh.read(5) == b"From "
    if not starts_like_mbox:
        with open(path, "rb") as fh:
            yield 1, cast(EmailMessage, _message(fh))
        return
    box = mailbox.mbox(path, factory=_message, create=False)
    try:
        for number, key in enumerate(box.iterkeys(), start=1):
            try:
                yield number, cast(EmailMessage, box[key])
            except Exception as exc:  # a damaged message must not stop the box
                yield number, exc
    finally:
        box.close()
