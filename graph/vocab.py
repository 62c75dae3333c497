"""The closed sets of values the graph stores: one place each, for importers, analytics and API.

Each is a ``StrEnum`` whose values are what the database holds (lowercase; a CRM category keeps
its space). The API shows the members' names (``OPEN``, ``DAMAGE_CONTROL``) as GraphQL enums.
A stored value outside its set (written by an older version, or by hand in Neo4j Browser) is
read as unknown (``None``) rather than failing the whole answer: see :func:`known`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


class AlertStatus(StrEnum):
    """Where an alert is in its workflow."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class AlertKind(StrEnum):
    """What raised an alert."""

    NEGATIVE_POST = "negative_post"


class Tier(StrEnum):
    """A customer's loyalty tier."""

    BRONZE = "bronze"
    SILVER = "silver"
    GOLD = "gold"
    PLATINUM = "platinum"


class SentimentLabel(StrEnum):
    """How a text reads (VADER's convention: compound >= 0.05 positive, <= -0.05 negative)."""

    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class Intent(StrEnum):
    """What a post wants (rule-based, importers/nlp/intent.py)."""

    COMPLAINT = "complaint"
    QUESTION = "question"
    PRAISE = "praise"
    SUGGESTION = "suggestion"
    PURCHASE_INTENT = "purchase_intent"
    OTHER = "other"


class CrmCategory(StrEnum):
    """The social-CRM use a post serves."""

    FEEDBACK = "feedback"
    DAMAGE_CONTROL = "damage control"
    PROMOTION = "promotion"
    BRAND_IDENTITY = "brand identity"
    PERSONALISATION = "personalisation"


class Channel(StrEnum):
    """How an employee and a customer were in touch."""

    EMAIL = "email"
    CALL = "call"
    MEETING = "meeting"
    CHAT = "chat"
    VISIT = "visit"
    SOCIAL = "social"


class Direction(StrEnum):
    """Who started a contact: the customer (inbound) or the employee (outbound)."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"


class OwnerKind(StrEnum):
    """Who may own a social account."""

    CUSTOMER = "customer"
    EMPLOYEE = "employee"


class ReasonKind(StrEnum):
    """Why a product is recommended (graph/analytics/recommend.py)."""

    BOUGHT_WITH = "bought_with"
    COMPLEMENTS = "complements"
    INFLUENCER_PRAISED = "influencer_praised"
    INFLUENCER_BOUGHT = "influencer_bought"
    INTEREST = "interest"
    BEST_SELLER = "best_seller"


class InfluenceEvidence(StrEnum):
    """The kinds of evidence behind an influence edge."""

    FOLLOWS = "follows"
    REPLIES = "replies"
    RESHARES = "reshares"
    QUOTES = "quotes"
    MENTIONS = "mentions"
    REFERRALS = "referrals"
    CONVERSIONS = "conversions"


def values(cls: type[StrEnum]) -> tuple[str, ...]:
    """The stored values of a set, in order.

    >>> values(Direction)
    ('inbound', 'outbound')
    """
    return tuple(member.value for member in cls)


def known(cls: type[E], value: object) -> E | None:
    """``value`` as a member of ``cls``, or ``None`` when it is not one (or is empty).

    >>> known(AlertStatus, "open"), known(AlertStatus, "OPEN"), known(AlertStatus, "closed")
    (<AlertStatus.OPEN: 'open'>, <AlertStatus.OPEN: 'open'>, None)
    """
    if value is None or value == "":
        return None
    text = str(value)
    try:
        return cls(text)
    except ValueError:
        return cls.__members__.get(text.upper())
