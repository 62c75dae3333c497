"""CRM exports as CSV: customers, employees, products, follows and friendships.

Read with Rapport's own column names, or any export through a :class:`ColumnMapping` (HubSpot,
Salesforce, a spreadsheet). A row's key field (``id``, ``sku``, both ends of a follow or a
friendship) decides whether it is imported; any other field that cannot be read is left empty
with a warning. Relationships that may point forward in the file (``referred_by``,
``complements``) are written in a second pass, once every node of the file exists. A customer's
``company`` becomes a ``Company`` they work at, their ``owner`` (the contact owner: an employee by
name, e-mail or id) the employee who ``MANAGES`` them; consent flags (``accepts_marketing``,
``email_opt_out``, ``do_not_call``) are kept as the export says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from graph import model, vocab
from graph.model import Record
from importers.directory import Directory
from importers.formats.base import (
    ACCOUNTS,
    FOLLOWS,
    PEOPLE,
    PRODUCTS,
    FormatSpec,
    ImportContext,
    Item,
    Origin,
    Reject,
    SourceItem,
    reason_for,
)
from importers.formats.mapping import FIELDS, BoundMapping, ColumnMapping
from importers.readers import values as v
from importers.readers.csv_rows import read_header, read_rows
from importers.readers.fields import Fields


def _account(owner: model.Node, fields: Fields, source: str) -> list[Record]:
    handle = (fields.get("twitter") or "").lstrip("@")
    if not handle:
        return []
    account_id = model.SocialAccount.key("twitter", handle)
    return [
        model.SocialAccount(
            id=account_id, platform="twitter", handle=handle.lower(), source=source
        ),
        model.Owns(
            start_id=owner.id,
            end_id=account_id,
            start_label=owner.LABEL,
            confidence=1.0,
            method="crm_handle",
            source=source,
        ),
    ]


def _email(fields: Fields) -> str | None:
    email = (fields.get("email") or "").lower()
    if email and "@" not in email:
        fields.warnings.append(f"email: {email[:40]!r} is not an e-mail address (left empty)")
        return None
    return email or None


def customer_records(fields: Fields, source: str, directory: Directory | None) -> list[Record]:
    """A customer row's nodes: the customer, the account they gave us, their company, owner."""
    customer = model.Customer(
        id=fields["id"],
        name=fields.get("name"),
        email=_email(fields),
        phone=fields.phone("phone"),
        city=fields.get("city"),
        country=fields.get("country"),
        joined_at=fields.when("joined_at"),
        tier=fields.one_of("tier", vocab.Tier),
        accepts_marketing=fields.flag("accepts_marketing"),
        email_opt_out=fields.flag("email_opt_out"),
        do_not_call=fields.flag("do_not_call"),
        source=source,
    )
    records: list[Record] = [customer, *_account(customer, fields, source)]
    company = fields.get("company")
    if company:
        company_id = model.Company.key(company)
        records.append(model.Company(id=company_id, name=company, source=source))
        records.append(model.WorksAt(start_id=customer.id, end_id=company_id, source=source))
    owner = fields.get("owner")
    if owner:
        employee = directory.employee(owner) if directory is not None else None
        if employee is None:
            fields.warnings.append(f"owner: {owner[:40]!r} is not one of our employees (left out)")
        else:
            records.append(model.Manages(start_id=employee, end_id=customer.id, source=source))
    return records


def customer_links(fields: Fields, source: str, directory: Directory | None) -> list[Record]:
    """A customer row's second-pass relationships: who referred them."""
    referrer = fields.get("referred_by")
    if not referrer:
        return []
    at = fields.when("joined_at")
    return [model.Referred(start_id=referrer, end_id=fields["id"], at=at, source=source)]


def employee_records(fields: Fields, source: str, directory: Directory | None) -> list[Record]:
    """An employee row's nodes: the employee and their account."""
    employee = model.Employee(
        id=fields["id"],
        name=fields.get("name"),
        email=_email(fields),
        role=fields.get("role"),
        team=fields.get("team"),
        store=fields.get("store"),
        signature=fields.get("signature"),
        source=source,
    )
    return [employee, *_account(employee, fields, source)]


def product_records(fields: Fields, source: str, directory: Directory | None) -> list[Record]:
    """A product row's nodes: the product and its category."""
    category = fields.get("category")
    product = model.Product(
        id=fields["sku"],
        name=fields.get("name"),
        category=category,
        brand=fields.get("brand"),
        price=fields.number("price"),
        tags=v.split_list(fields.get("tags")) or None,
        source=source,
    )
    if not category:
        return [product]
    category_id = category.strip().lower()
    return [
        product,
        model.Category(id=category_id, name=category, source=source),
        model.InCategory(start_id=product.id, end_id=category_id, source=source),
    ]


def product_links(fields: Fields, source: str, directory: Directory | None) -> list[Record]:
    """A product row's second-pass relationships: its curated complements."""
    return [
        model.Complements(start_id=fields["sku"], end_id=other, source=source)
        for other in v.split_list(fields.get("complements"))
        if other != fields["sku"]
    ]


def follow_records(fields: Fields, source: str, directory: Directory | None) -> list[Record]:
    """One follow: both accounts (known to exist on the platform) and the edge."""
    platform = (fields.get("platform") or "twitter").lower()
    ends = []
    for side in ("follower", "followed"):
        handle = fields[side].lstrip("@").lower()
        ends.append(
            model.SocialAccount(
                id=model.SocialAccount.key(platform, handle),
                platform=platform,
                handle=handle,
                source=source,
            )
        )
    if ends[0].id == ends[1].id:
        raise ValueError(f"an account cannot follow itself ({ends[0].id})")
    return [*ends, model.Follows(start_id=ends[0].id, end_id=ends[1].id, source=source)]


def friendship_records(fields: Fields, source: str, directory: Directory | None) -> list[Record]:
    """One friendship between two customers (one imported later waits for it)."""
    return [model.Knows(start_id=fields["customer_a"], end_id=fields["customer_b"], source=source)]


Builder = Callable[[Fields, str, Directory | None], list[Record]]


@dataclass(frozen=True)
class _Kind:
    first: Builder
    second: Builder | None = None


KINDS: dict[str, _Kind] = {
    "customers": _Kind(customer_records, customer_links),
    "employees": _Kind(employee_records),
    "products": _Kind(product_records, product_links),
    "follows": _Kind(follow_records),
    "friendships": _Kind(friendship_records),
}


def _sniff_kind(header: set[str]) -> str | None:
    if {"follower", "followed"} <= header:
        return "follows"
    if {"customer_a", "customer_b"} <= header:
        return "friendships"
    if "sku" in header and "Lineitem sku" not in header:
        return "products"
    if {"id", "name"} <= header and header & {"role", "signature", "team"}:
        return "employees"
    if {"id", "email"} <= header and "channel" not in header:
        return "customers"
    return None


def _spec(name: str, what: str, provides: set[str], needs: set[str] | None = None) -> FormatSpec:
    return FormatSpec(
        name,
        f"CRM CSV of {what}",
        provides=frozenset(provides),
        needs=frozenset(needs or ()),
        identities=ACCOUNTS in provides,
    )


class CrmCsv:
    """A CRM export of one kind, optionally through a column mapping."""

    SPECS: ClassVar[tuple[FormatSpec, ...]] = (
        _spec("employees", "employees", {PEOPLE, ACCOUNTS}),
        _spec("products", "products", {PRODUCTS}),
        _spec("customers", "customers", {PEOPLE, ACCOUNTS}),
        _spec("follows", "who follows whom", {FOLLOWS, ACCOUNTS}),
        _spec("friendships", "friendships between customers", set(), {PEOPLE}),
    )

    def __init__(
        self,
        kind: str,
        mapping: ColumnMapping | None = None,
        context: ImportContext | None = None,
    ) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        self.kind = kind
        self.spec = next(s for s in self.SPECS if s.name == kind)
        self.mapping = mapping or ColumnMapping.identity(kind)
        self.context = context
        if context is not None:
            self.mapping = self.mapping.with_dates(
                date_format=context.date_format, day_first=context.day_first
            )

    @property
    def name(self) -> str:
        """The kind of records this file holds."""
        return self.spec.name

    @classmethod
    def build(cls, spec: FormatSpec, context: ImportContext) -> CrmCsv:
        """A reader of ``spec``'s kind with Rapport's own column names."""
        return cls(spec.name, context=context)

    def sniff(self, path: Path, head: str) -> bool:
        """True for a CSV whose header uses this kind's native column names."""
        if path.suffix.lower() not in (".csv", ".txt"):
            return False
        first = head.splitlines()[0] if head else ""
        return _sniff_kind({c.strip().strip('"') for c in first.split(",")}) == self.kind

    def read(self, path: Path) -> Iterator[SourceItem]:
        """Every row's records; then, in a second pass, the forward-pointing relationships."""
        m = self.mapping
        header = read_header(path, encoding=m.encoding, delimiter=m.delimiter)
        bound = m.bind(header)  # a mapped column the file lacks stops here, with the columns
        missing = bound.missing_required()
        if missing:
            yield Reject(
                Origin(str(path), 1, ",".join(header)),
                f"missing required column(s) for {self.kind}: {', '.join(missing)} "
                f"(columns: {', '.join(FIELDS[self.kind])}; map others with --mapping)",
            )
            return
        kind = KINDS[self.kind]
        directory = self.context.directory() if self.context is not None else None
        yield from self._pass(path, bound, kind.first, directory, secondary=False)
        if kind.second is not None:
            yield from self._pass(path, bound, kind.second, directory, secondary=True)

    def _pass(
        self,
        path: Path,
        bound: BoundMapping,
        build: Builder,
        directory: Directory | None,
        *,
        secondary: bool,
    ) -> Iterator[SourceItem]:
        source = f"{self.kind}:{path.name}"
        region = self.context.repository.settings.phone_region if self.context else None
        for row in read_rows(
            path, encoding=self.mapping.encoding, delimiter=self.mapping.delimiter
        ):
            origin = Origin(str(path), row.line, row.raw)
            if row.problem:
                if not secondary:
                    yield Reject(origin, row.problem)
                continue
            try:
                fields = Fields(bound.extract(row), date_format=bound.date_format,
                                day_first=self.mapping.day_first, region=region)  # fmt: skip
                records = build(fields, source, directory)
            except Exception as exc:
                if not secondary:
                    yield Reject(origin, reason_for(exc))
                continue
            warnings = [] if secondary else fields.warnings
            yield Item(origin=origin, records=records, secondary=secondary, warnings=warnings)
