"""Match social accounts to the people they belong to (pure: plain data in, matches out).

Methods, strongest first:

1. ``email`` — the account shows an e-mail address a customer or employee has (confidence 1.0);
2. ``handle`` — the CRM recorded this handle for the person (1.0);
3. ``name+city`` — the display name equals the person's name and the account's location names
   their city (0.92); the same name without a location to confirm it (0.7); a close name
   (similarity >= 0.85) in the same city (0.75). A name that fits several people equally is
   ambiguous: at most a candidate (0.65).

Matches at or above ``assert_at`` (default 0.9) are asserted (``OWNS``); those between
``propose_at`` (0.6) and it stay candidates (``MAYBE_OWNS``) for a person to confirm or reject.
A pair a person already rejected is never proposed again.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

_WORD = re.compile(r"[a-z0-9]+")
MAX_BLOCK = 500  # people sharing one name token compared in full; more is a common token


@dataclass(frozen=True, slots=True)
class Person:
    """A customer or employee as identity resolution sees them."""

    label: str
    id: str
    name: str | None = None
    email: str | None = None
    city: str | None = None
    handles: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Account:
    """A social account nobody owns yet."""

    id: str
    handle: str | None = None
    display_name: str | None = None
    location: str | None = None
    email: str | None = None
    rejected: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class Match:
    """An account's most likely owner, with how sure we are and why."""

    account_id: str
    person_label: str
    person_id: str
    confidence: float
    method: str


def normalise(text: str | None) -> str:
    """Lower-case ASCII words of ``text``.

    >>> normalise("  Zoë  O'Neil ")
    'zoe o neil'
    """
    if not text:
        return ""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(_WORD.findall(ascii_text.lower()))


class _Index:
    def __init__(self, people: Iterable[Person]) -> None:
        self.by_email: dict[str, list[Person]] = defaultdict(list)
        self.by_handle: dict[str, list[Person]] = defaultdict(list)
        self.by_name: dict[str, list[Person]] = defaultdict(list)
        self.by_token: dict[str, list[Person]] = defaultdict(list)
        for person in people:
            if person.email:
                self.by_email[person.email.lower()].append(person)
            for handle in person.handles:
                self.by_handle[handle.lower().lstrip("@")].append(person)
            name = normalise(person.name)
            if name:
                self.by_name[name].append(person)
                for token in set(name.split()):
                    self.by_token[token].append(person)


def _same_city(account: Account, person: Person) -> bool:
    city, location = normalise(person.city), normalise(account.location)
    return bool(city) and bool(location) and f" {city} " in f" {location} "


def _by_name(account: Account, index: _Index) -> Match | None:
    name = normalise(account.display_name)
    if not name:
        return None
    exact = index.by_name.get(name, [])
    best: tuple[float, Person, str] | None = None
    for person in exact:
        score = 0.92 if _same_city(account, person) else 0.7
        if best is None or score > best[0]:
            best = (score, person, "name+city" if score > 0.9 else "name")
    if best is None:
        tokens = sorted(set(name.split()), key=lambda t: len(index.by_token.get(t, [])))
        pool = index.by_token.get(tokens[0], []) if tokens else []
        for person in pool[:MAX_BLOCK]:
            if not _same_city(account, person):
                continue
            if SequenceMatcher(None, name, normalise(person.name)).ratio() >= 0.85:
                best = (0.75, person, "similar name+city")
                break
    if best is None:
        return None
    score, person, method = best
    rivals = sum(1 for p in exact if _same_city(account, p) == _same_city(account, person))
    if rivals > 1:  # several people fit equally well: a person must choose
        score, method = min(score, 0.65), method + " (ambiguous)"
    return Match(account.id, person.label, person.id, round(score, 3), method)


def _exact(account: Account, index: _Index) -> Match | None:
    for key, table, method in (
        (account.email, index.by_email, "email"),
        (account.handle, index.by_handle, "handle"),
    ):
        people = table.get((key or "").lower().lstrip("@"), []) if key else []
        if len(people) == 1:
            return Match(account.id, people[0].label, people[0].id, 1.0, method)
    return None


def resolve(
    accounts: Iterable[Account],
    people: Sequence[Person],
    *,
    assert_at: float = 0.9,
    propose_at: float = 0.6,
) -> tuple[list[Match], list[Match]]:
    """``(asserted, candidates)``: each account's best owner, split by confidence.

    >>> ann = Person("Customer", "c1", name="Ann Lee", city="Lyon")
    >>> asserted, candidates = resolve([Account("twitter:al", display_name="Ann Lee",
    ...                                         location="Lyon, France")], [ann])
    >>> [(m.person_id, m.method) for m in asserted], candidates
    ([('c1', 'name+city')], [])
    """
    index = _Index(people)
    asserted: list[Match] = []
    candidates: list[Match] = []
    for account in accounts:
        match = _exact(account, index) or _by_name(account, index)
        if match is None or match.person_id in account.rejected:
            continue
        if match.confidence >= assert_at:
            asserted.append(match)
        elif match.confidence >= propose_at:
            candidates.append(match)
    return asserted, candidates
