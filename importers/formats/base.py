"""What a source format is: what it declares about itself, and what it yields.

A format module turns a file into a stream of :class:`Item` (one source record's graph
records) and :class:`Reject` (a source record that could not be used, and why). Each carries
the line (or record number) it came from and the raw text, so nothing is ever lost silently.

Each format class declares its :class:`FormatSpec` (one per variant it reads): what its records
bring to the graph, what must be there first, and which passes follow an import of it. The
registry (:mod:`importers.formats.registry`) derives everything else from those declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol, Self

from graph.errors import RapportError
from graph.model import Record
from graph.store.repository import Repository
from importers.directory import Directory, load_directory

# What a format's records bring to the graph (``provides``) or need there first (``needs``).
PEOPLE = "people"  # customers and employees
PRODUCTS = "products"  # the catalog (products, businesses)
ACCOUNTS = "accounts"  # social accounts and who owns them
FOLLOWS = "follows"  # who follows whom
PURCHASES = "purchases"
CONTACTS = "contacts"  # interactions and e-mails
POSTS = "posts"


@dataclass(frozen=True, slots=True)
class FormatSpec:
    """What a format declares about itself.

    ``name`` is what ``--format`` takes. In a folder, a format comes after every format that
    provides what it ``needs``. ``enriched``: its items carry text for the NLP pipeline (posts,
    notes, e-mails). ``identities``: it brings people or accounts, so identity resolution runs
    after it. ``posts``: it brings posts, so alerts are raised and brand replies recorded after it.

    >>> FormatSpec("tweets", "X API v2", needs=frozenset({PEOPLE})).needs
    frozenset({'people'})
    """

    name: str
    description: str
    provides: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()
    enriched: bool = False
    identities: bool = False
    posts: bool = False


@dataclass
class ImportContext:
    """What formats need from the graph while they read: the current directory of people."""

    repository: Repository
    store: str | None = None  # the shop an orders export comes from (--store)
    date_format: str | None = None  # how this file writes dates (--date-format)
    day_first: bool = False  # 05/06/2024 is 5 June (--day-first)
    _directory: Directory | None = field(default=None, repr=False)
    _staff: Directory | None = field(default=None, repr=False)

    def directory(self) -> Directory:
        """The directory as the graph holds it now (reloaded after every file)."""
        if self._directory is None:
            self._directory = load_directory(self.repository)
        return self._directory

    def staff(self) -> Directory:
        """The directory without its customers (what the enrichment of posts reads), or the
        whole one when it is loaded already."""
        if self._directory is not None:
            return self._directory
        if self._staff is None:
            self._staff = load_directory(self.repository, customers=False)
        return self._staff

    def invalidate(self) -> None:
        """Forget the directory: an import just changed who is in the graph."""
        self._directory = self._staff = None

    @property
    def brand_accounts(self) -> tuple[str, ...]:
        """Our brand accounts (``platform:handle``), from the settings."""
        return self.repository.settings.brand_accounts


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record came from: the file, the line (1-based) and the raw source text."""

    path: str
    line: int
    raw: str


@dataclass(slots=True)
class Item:
    """The graph records made from one source record.

    ``authors`` maps the id of each ``Post`` in ``records`` to the ``SocialAccount`` id that
    wrote it, so enrichment can tell brand posts from customers' and attribute brand replies.
    ``texts`` maps an ``Interaction`` id to the words whose sentiment it should carry.
    A ``secondary`` item is not a source record of its own (a second pass over the same record,
    or what a record includes, such as the users of an X API page): it is written but not
    counted as read. ``warnings`` name the optional fields that could not be read and were left
    empty (the record is imported; the warnings are counted and kept in the rejects file).
    """

    origin: Origin
    records: list[Record] = field(default_factory=list)
    authors: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    secondary: bool = False
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Reject:
    """A source record that could not be imported, and why."""

    origin: Origin
    reason: str


@dataclass(frozen=True, slots=True)
class Skip:
    """A source record that holds nothing for the graph, and why (an e-mail between people who
    are neither customers nor employees): counted, kept in the rejects file, not an error."""

    origin: Origin
    reason: str


SourceItem = Item | Reject | Skip


def guarded(
    origin: Origin, make: Callable[..., Iterable[SourceItem] | SourceItem], *args: Any
) -> list[SourceItem]:
    """What ``make(*args)`` returns or yields for one source record; if it fails in any way the
    record is rejected with the reason, and the import goes on (a format never aborts on data).

    >>> def broken(record):
    ...     yield record["missing"]
    >>> guarded(Origin("f.json", 3, "{}"), broken, {})[0].reason
    "unexpected content (KeyError: 'missing')"
    """
    try:
        made = make(*args)
        return [made] if isinstance(made, Item | Reject | Skip) else list(made)
    except Exception as exc:  # a shape no rule foresaw: this record only
        return [Reject(origin, reason_for(exc))]


def missing_columns(
    path: Path, header: list[str], required: Iterable[str], why: str
) -> Reject | None:
    """The reject of a whole CSV file that lacks ``required`` columns (``why``: what it should
    have, and how to get it), or None when it has them all.

    >>> missing_columns(Path("o.csv"), ["Name"], ["Name", "Email"], "(an orders export)").reason
    'missing required column(s): Email (an orders export)'
    """
    absent = [c for c in required if c not in header]
    if not absent:
        return None
    return Reject(Origin(str(path), 1, ",".join(header)),
                  f"missing required column(s): {', '.join(absent)} {why}")  # fmt: skip


def reason_for(exc: Exception) -> str:
    """Why a record could not be used, said from the exception that stopped it.

    >>> reason_for(ValueError("at: unrecognised date 'soon'"))
    "at: unrecognised date 'soon'"
    >>> reason_for(AttributeError("'int' object has no attribute 'strip'"))
    "unexpected content (AttributeError: 'int' object has no attribute 'strip')"
    """
    if isinstance(exc, RapportError):
        return exc.message
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    if isinstance(exc, ValueError):
        return str(exc)
    return f"unexpected content ({type(exc).__name__}: {exc})"


class Format(Protocol):
    """A source format: its declared spec, a test for whether it reads a file, and a reader."""

    spec: FormatSpec

    @property
    def name(self) -> str:
        """The format's name (``spec.name``)."""
        ...

    def sniff(self, path: Path, head: str) -> bool:
        """True when ``path`` (whose first few KB are ``head``) is in this format."""
        ...

    def read(self, path: Path) -> Iterator[SourceItem]:
        """Stream the file's items and rejects, in file order."""
        ...


class FormatClass(Protocol):
    """A format class: the specs of its variants, and how to build one for an import."""

    SPECS: tuple[FormatSpec, ...]

    @classmethod
    def build(cls, spec: FormatSpec, context: ImportContext) -> Format:
        """The reader of variant ``spec``, for an import with ``context``."""
        ...


class DirectoryFormat:
    """Base of a one-variant format whose reader finds people in the graph's current directory
    (orders, interactions and e-mails name people by e-mail address, phone or id) and reads
    with the import's options (``context``: store, dates)."""

    SPECS: ClassVar[tuple[FormatSpec, ...]] = ()

    def __init__(self, context: ImportContext) -> None:
        self.context = context
        self._directory = context.directory
        self.spec = self.SPECS[0]

    @property
    def name(self) -> str:
        """The format's name (``spec.name``)."""
        return self.spec.name

    @classmethod
    def build(cls, spec: FormatSpec, context: ImportContext) -> Self:
        """A reader that looks people up in ``context``'s directory."""
        return cls(context)
