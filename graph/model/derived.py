"""Derived relationships: written by ``rapport analyze``, each with the evidence behind it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Literal

from graph.model.records import Relationship, _property_names


@dataclass(frozen=True, slots=True, kw_only=True)
class Derived(Relationship):
    """A relationship computed by ``rapport analyze``.

    ``computedAt`` is when its values last changed; ``digest`` fingerprints those values, so a
    run rewrites only the edges whose evidence changed.
    """

    computed_at: datetime | None = None

    def digest(self) -> str:
        """A short fingerprint of the stored values (not of ``computedAt`` or ``source``).

        >>> a = InterestedIn(start_id="c1", end_id="style", weight=2.0, computed_at=None)
        >>> a.digest() == InterestedIn(start_id="c1", end_id="style", weight=2.0).digest()
        True
        >>> a.digest() == InterestedIn(start_id="c1", end_id="style", weight=2.5).digest()
        False
        """
        values = [
            (key, getattr(self, attr))
            for attr, key in _property_names(type(self))
            if key not in _NOT_DIGESTED
        ]
        # repr, not json: several times faster, and stable for str, int, float, datetime, tuple.
        return hashlib.blake2b(repr(values).encode(), digest_size=8).hexdigest()

    def _derived(self) -> dict[str, Any]:
        return {"digest": self.digest()}


_NOT_DIGESTED = frozenset({"computedAt", "source", "digest"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Influences(Derived):
    """(Customer)-[:INFLUENCES {weight, evidence counts}]->(Customer): start influences end."""

    TYPE: ClassVar[str] = "INFLUENCES"
    START: ClassVar[tuple[str, ...]] = ("Customer",)
    END: ClassVar[str] = "Customer"
    NARROW: ClassVar[Literal["start", "end"]] = "end"
    weight: float | None = None
    follows: int | None = None
    replies: int | None = None
    reshares: int | None = None
    quotes: int | None = None
    mentions: int | None = None
    referrals: int | None = None
    conversions: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Rapport(Derived):
    """(Employee)-[:RAPPORT {warmth, …}]->(Customer): how warm their relationship is (0-100)."""

    TYPE: ClassVar[str] = "RAPPORT"
    START: ClassVar[tuple[str, ...]] = ("Employee",)
    END: ClassVar[str] = "Customer"
    NARROW: ClassVar[Literal["start", "end"]] = "end"
    warmth: float | None = None
    interactions: int | None = None
    last_contact_at: datetime | None = None
    sentiment: float | None = None
    sales: int | None = None
    breakdown_keys: tuple[str, ...] | None = None
    breakdown_values: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BoughtWith(Derived):
    """(Product)-[:BOUGHT_WITH {rank, score, count, support, confidence, lift, pValue, qValue}]->
    (Product): end is bought with start more often than chance (see graph.analytics.related)."""

    TYPE: ClassVar[str] = "BOUGHT_WITH"
    START: ClassVar[tuple[str, ...]] = ("Product",)
    END: ClassVar[str] = "Product"
    support: float | None = None
    confidence: float | None = None
    lift: float | None = None
    count: int | None = None
    score: float | None = None
    p_value: float | None = None
    q_value: float | None = None
    rank: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class InterestedIn(Derived):
    """(Customer)-[:INTERESTED_IN {weight}]->(Topic)."""

    TYPE: ClassVar[str] = "INTERESTED_IN"
    START: ClassVar[tuple[str, ...]] = ("Customer",)
    END: ClassVar[str] = "Topic"
    weight: float | None = None


DERIVED_TYPES: tuple[type[Derived], ...] = (Influences, Rapport, BoughtWith, InterestedIn)
