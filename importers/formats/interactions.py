"""Interaction logs (CSV): calls, meetings, chats, visits and e-mails between staff and customers.

Columns: ``id`` (optional), ``employee`` and ``customer`` (ids or e-mail addresses), ``channel``,
``at``, ``direction`` (``inbound`` = the customer started it), ``subject``, ``notes``. The notes'
sentiment becomes the interaction's ``sentiment`` during enrichment.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

from graph import model, vocab
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
    missing_columns,
)
from importers.readers import values as v
from importers.readers.csv_rows import CsvRow, read_header, read_rows

CHANNELS = vocab.values(vocab.Channel)
DIRECTIONS = vocab.values(vocab.Direction)
REQUIRED = ("employee", "customer", "channel", "at")
COLUMNS = ("id", "employee", "customer", "channel", "at", "direction", "subject", "notes")


def interaction_id(row: dict[str, str]) -> str:
    """A stable id for a row without one: the same row always gets the same id."""
    key = "|".join(
        row.get(c, "").strip() for c in ("employee", "customer", "channel", "at", "subject")
    )
    return "i:" + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:16]


class InteractionsCsv(DirectoryFormat):
    """An interaction log exported as CSV."""

    SPECS: ClassVar[tuple[FormatSpec, ...]] = (
        FormatSpec(
            "interactions",
            "interactions CSV (employee, customer, channel, at, direction, subject, notes)",
            provides=frozenset({CONTACTS}),
            needs=frozenset({PEOPLE}),
            enriched=True,
        ),
    )

    def sniff(self, path: Path, head: str) -> bool:
        """True for a CSV with the interaction columns."""
        first = head.splitlines()[0] if head else ""
        columns = {c.strip().strip('"') for c in first.split(",")}
        return {"employee", "customer", "channel"} <= columns

    def read(self, path: Path) -> Iterator[SourceItem]:
        """One item per interaction."""
        why = "(columns: id, employee, customer, channel, at, direction, subject, notes)"
        missing = missing_columns(path, read_header(path), REQUIRED, why)
        if missing is not None:
            yield missing
            return
        directory = self._directory()
        for row in read_rows(path):
            origin = Origin(str(path), row.line, row.raw)
            if row.problem:
                yield Reject(origin, row.problem)
                continue
            source = f"interactions:{path.name}"
            yield from guarded(origin, self._item, origin, row, directory, source)

    def item(self, origin: Origin, row: CsvRow, source: str) -> Item:
        """One interaction's item from its row (an interaction event's, see :func:`event_row`);
        ``ValueError`` saying why when it cannot be read."""
        return self._item(origin, row, self._directory(), source)

    def _item(self, origin: Origin, row: CsvRow, directory: Directory, source: str) -> Item:
        values = {k: (val or "").strip() for k, val in row.values.items()}
        employee = directory.employee(values["employee"])
        customer = directory.customer(values["customer"])
        if employee is None:
            raise ValueError(f"unknown employee {values['employee']!r}")
        if customer is None:
            raise ValueError(f"unknown customer {values['customer']!r}")
        channel = values["channel"].lower()
        if channel not in CHANNELS:
            raise ValueError(f"channel {values['channel']!r} is not one of {', '.join(CHANNELS)}")
        direction = values.get("direction", "").lower() or None
        if direction is not None and direction not in DIRECTIONS:
            raise ValueError(f"direction {values['direction']!r} is not inbound or outbound")
        at = v.when("at", values["at"])
        if at is None:
            raise ValueError("at: empty date")
        interaction = model.Interaction(
            id=values.get("id") or interaction_id(values),
            channel=channel,
            at=at,
            direction=direction,
            subject=values.get("subject") or None,
            source=source,
        )
        text = " ".join(p for p in (values.get("subject"), values.get("notes")) if p)
        return Item(
            origin=origin,
            records=[
                interaction,
                model.Had(start_id=customer, end_id=interaction.id, source=source),
                model.Handled(start_id=employee, end_id=interaction.id, source=source),
            ],
            texts={interaction.id: text} if text else {},
        )


def event_row(event: Mapping[str, Any]) -> CsvRow:
    """The CSV row of an interaction event (a JSON object with the same fields as the columns),
    so a pushed interaction is read by the same code as an exported one.

    >>> event_row({"employee": "e1", "customer": "ann@example.com", "channel": "call",
    ...            "at": "2026-12-04T10:00:00Z"}).values["channel"]
    'call'
    """
    unknown = sorted(set(event) - {"type", *COLUMNS})
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}; an interaction has "
                         f"{', '.join(COLUMNS)}")  # fmt: skip
    values = {c: "" if event.get(c) is None else str(event[c]) for c in COLUMNS}
    missing = [c for c in REQUIRED if not values[c].strip()]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    return CsvRow(line=1, values=values, raw="")
