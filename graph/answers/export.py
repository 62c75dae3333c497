"""What recommendation jobs read, as tables streamed a page at a time (`rapport export`).

Each table has typed columns and yields its rows in key order, one page at a time, so an export's
memory does not grow with the graph. The derived tables' columns come from the derived records
themselves (:mod:`graph.model.derived`), so a property added there is exported without a second
list to update. Every row carries a ``digest`` of its values: a later export compares digests to
send only what changed (see :func:`changes`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph.answers.products import recommendations_of
from graph.model import derived
from graph.model.records import _property_names
from graph.store import cypher
from graph.store.repository import Repository
from graph.times import to_utc

Row = tuple[Any, ...]

#: Bumped when a table's columns change in a way a reader must know about.
SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its name and type (``string``, ``float64``, ``int64``, ``bool``, ``timestamp``
    (UTC), ``list<string>`` or ``list<float64>``)."""

    name: str
    type: str


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the export: its columns (the first ``keys`` identify a row) and its rows."""

    name: str
    description: str
    columns: tuple[Column, ...]
    keys: int
    read: Callable[[Repository, int], Iterator[list[Row]]]

    @property
    def names(self) -> list[str]:
        """The column names, in order."""
        return [c.name for c in self.columns]


def row_digest(values: Iterable[Any]) -> str:
    """A short fingerprint of a row's values.

    >>> row_digest(["c1", 0.5]) == row_digest(["c1", 0.5])
    True
    >>> row_digest(["c1", 0.5]) == row_digest(["c1", 0.6])
    False
    """
    return hashlib.blake2b(repr(list(values)).encode(), digest_size=8).hexdigest()


def _type_of(annotation: str) -> str:
    """The column type of a record field's annotation.

    >>> [_type_of(a) for a in ("float | None", "tuple[str, ...] | None", "datetime | None")]
    ['float64', 'list<string>', 'timestamp']
    """
    for marker, kind in (
        ("datetime", "timestamp"), ("tuple[str", "list<string>"), ("tuple[float", "list<float64>"),
        ("float", "float64"), ("int", "int64"), ("bool", "bool"),
    ):  # fmt: skip
        if marker in annotation:
            return kind
    return "string"


def _plain(value: Any, kind: str) -> Any:
    """A database value as the column type holds it (datetimes in UTC, lists as lists)."""
    if value is None:
        return None
    if kind == "timestamp":
        native = value.to_native() if hasattr(value, "to_native") else value
        return to_utc(native) if isinstance(native, datetime) else None
    if kind.startswith("list"):
        return list(value)
    if kind == "float64":
        return float(value)
    if kind == "int64":
        return int(value)
    return value


def _with_digest(values: list[Any]) -> Row:
    return (*values, row_digest(values))


# --------------------------------------------------------------------------- node tables


def _nodes(
    label: str, props: tuple[Column, ...]
) -> Callable[[Repository, int], Iterator[list[Row]]]:
    statement = f"transfer/nodes_{cypher.snake(label)}"

    def read(repository: Repository, page: int) -> Iterator[list[Row]]:
        after = ""
        while rows := repository.read(statement, after=after, limit=page):
            yield [
                _with_digest([r["id"], *(_plain(r["props"].get(c.name), c.type) for c in props)])
                for r in rows
            ]
            after = rows[-1]["id"]

    return read


def _node_table(name: str, label: str, description: str, props: list[tuple[str, str]]) -> Table:
    columns = tuple(Column(n, t) for n, t in props)
    return Table(
        name, description, (Column("id", "string"), *columns, Column("digest", "string")), 1,
        _nodes(label, columns),
    )  # fmt: skip


# --------------------------------------------------------------------------- derived tables


#: At most this many start nodes per page of a derived table.
DERIVED_STARTS = 1000


def _next_starts(starts: int, rows: int, page: int) -> int:
    """How many start nodes to read next, after ``starts`` gave ``rows`` rows.

    >>> _next_starts(1, 3, 1000), _next_starts(64, 9000, 1000), _next_starts(1000, 10, 1000)
    (2, 32, 1000)
    """
    if rows > 2 * page:
        return max(1, starts // 2)
    if rows < page:
        return min(DERIVED_STARTS, starts * 2)
    return starts


def _derived(
    kind: type[derived.Derived], props: tuple[Column, ...]
) -> Callable[..., Iterator[list[Row]]]:
    start_label = kind.START[0]
    pattern = (start_label, kind.TYPE, kind.END)
    starts = f"transfer/nodes_{cypher.snake(start_label)}"

    def read(repository: Repository, page: int) -> Iterator[list[Row]]:
        after, wanted = "", 1
        # A page of start nodes brings all their edges. How many starts make a page of about
        # ``page`` rows depends on their degree (400 employees hold every RAPPORT edge, a
        # customer a few INFLUENCES): start with one, double while pages are small, halve when
        # they are large, so the exporter's memory stays flat whatever the degree.
        while nodes := repository.read(starts, after=after, limit=wanted):
            after = nodes[-1]["id"]
            rows = repository.read(cypher.relationship_read(pattern), ids=[n["id"] for n in nodes])
            wanted = _next_starts(wanted, len(rows), page)
            if rows:
                rows.sort(key=lambda r: (r["start"], r["end"]))
                yield [
                    (r["start"], r["end"],
                     *(_plain(r["props"].get(c.name), c.type) for c in props),
                     r["props"].get("digest"))
                    for r in rows
                ]  # fmt: skip

    return read


def _derived_table(
    name: str, kind: type[derived.Derived], start: str, end: str, description: str
) -> Table:
    annotations = {
        f: a for k in type.mro(kind) for f, a in getattr(k, "__annotations__", {}).items()
    }
    props = tuple(
        Column(key, _type_of(str(annotations[attr])))
        for attr, key in _property_names(kind)
        if key not in {"digest", "source"}
    )
    columns = (Column(start, "string"), Column(end, "string"), *props, Column("digest", "string"))
    return Table(name, description, columns, 2, _derived(kind, props))


# --------------------------------------------------------------------------- recommendations

RECOMMENDATIONS_PER_CUSTOMER = 10


def _recommendations(repository: Repository, page: int) -> Iterator[list[Row]]:
    after = ""
    # Recommending reads five statements for a whole batch; batches of at most 500 customers
    # keep each statement's parameter list small.
    size = min(page, 500)
    while customers := repository.read("transfer/nodes_customer", after=after, limit=size):
        after = customers[-1]["id"]
        found = recommendations_of(
            repository, [c["id"] for c in customers], first=RECOMMENDATIONS_PER_CUSTOMER
        )
        rows: list[Row] = []
        for customer in sorted(found):
            for rank, rec in enumerate(found[customer], start=1):
                values = [customer, rank, rec.product, float(rec.score), rec.buy_again,
                          [r.kind for r in rec.reasons], [r.text for r in rec.reasons]]  # fmt: skip
                rows.append(_with_digest(values))
        if rows:
            yield rows


# --------------------------------------------------------------------------- the tables

TABLES: tuple[Table, ...] = (
    _node_table(
        "customers", "Customer",
        "Customers with their scores and consent flags (no e-mail or phone: jobs need neither).",
        [("name", "string"), ("city", "string"), ("country", "string"), ("tier", "string"),
         ("influence", "float64"), ("influenceRank", "int64"), ("community", "int64"),
         ("sentimentAvg", "float64"), ("acceptsMarketing", "bool"), ("emailOptOut", "bool"),
         ("doNotCall", "bool")],
    ),
    _node_table(
        "products", "Product", "The catalog.",
        [("name", "string"), ("category", "string"), ("brand", "string"), ("price", "float64")],
    ),
    _derived_table(
        "related_products", derived.BoughtWith, "product", "related",
        "Products bought together more often than chance (BOUGHT_WITH), best first by rank.",
    ),
    _derived_table(
        "influence", derived.Influences, "influencer", "customer",
        "Who influences whom (INFLUENCES) with the evidence counts.",
    ),
    _derived_table(
        "warmth", derived.Rapport, "employee", "customer",
        "How warm each employee's relationship with a customer is (RAPPORT, 0-100).",
    ),
    _derived_table(
        "interests", derived.InterestedIn, "customer", "topic",
        "Customers' interests (INTERESTED_IN) with their weight.",
    ),
    Table(
        "recommendations",
        f"Each customer's best next products (up to {RECOMMENDATIONS_PER_CUSTOMER}) with the "
        "reasons, as the API gives them.",
        (Column("customer", "string"), Column("rank", "int64"), Column("product", "string"),
         Column("score", "float64"), Column("buyAgain", "bool"),
         Column("reasonKinds", "list<string>"), Column("reasons", "list<string>"),
         Column("digest", "string")),
        2, _recommendations,
    ),
)  # fmt: skip


def table(name: str) -> Table:
    """The table called ``name``."""
    for t in TABLES:
        if t.name == name:
            return t
    raise KeyError(name)


# --------------------------------------------------------------------------- changes


def key_of(row: Row | list[Any], keys: int) -> tuple[str, ...]:
    """A row's key as text that sorts as the rows do (numbers zero-padded).

    >>> key_of(("c1", 2, "SKU"), 2) < key_of(("c1", 10, "SKU"), 2)
    True
    """
    return tuple(f"{v:012d}" if isinstance(v, int) else str(v) for v in row[:keys])


def changes(
    pages: Iterator[list[Row]], before: Iterator[tuple[tuple[str, ...], str]], keys: int
) -> Iterator[tuple[list[Row], list[tuple[str, ...]]]]:
    """What changed since an earlier export: ``(rows new or changed, keys gone)`` per page.

    Both sides come in key order (exports write rows in key order), so this is a merge of two
    sorted streams: memory stays flat whatever the size. ``before`` yields ``(key, digest)``.

    >>> now = iter([[("a", "x", "d1"), ("b", "y", "d2")], [("d", "z", "d4")]])
    >>> old = iter([(("a",), "d1"), (("b",), "old"), (("c",), "d3")])
    >>> list(changes(now, old, 1))
    [([('b', 'y', 'd2')], []), ([('d', 'z', 'd4')], [('c',)])]
    """
    previous = next(before, None)
    for page in pages:
        changed: list[Row] = []
        gone: list[tuple[str, ...]] = []
        for row in page:
            key = key_of(row, keys)
            while previous is not None and previous[0] < key:
                gone.append(previous[0])
                previous = next(before, None)
            if previous is not None and previous[0] == key:
                if previous[1] != row[-1]:
                    changed.append(row)
                previous = next(before, None)
            else:
                changed.append(row)
        yield changed, gone
    rest: list[tuple[str, ...]] = []
    while previous is not None:
        rest.append(previous[0])
        previous = next(before, None)
    if rest:
        yield [], rest
