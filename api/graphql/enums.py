"""The closed sets of values as GraphQL enums (their values live in :mod:`graph.vocab`).

Members show as their names (``OPEN``, ``DAMAGE_CONTROL``); the database keeps the lowercase
values. A stored value outside its set is shown as ``null`` (:func:`graph.vocab.known`), so one
odd record never fails a whole answer.
"""

from __future__ import annotations

import strawberry

from graph import vocab
from graph.vocab import (
    AlertKind,
    AlertStatus,
    Channel,
    CrmCategory,
    Direction,
    InfluenceEvidence,
    Intent,
    OwnerKind,
    ReasonKind,
    SentimentLabel,
    Tier,
)

__all__ = [
    "AlertKind",
    "AlertStatus",
    "Channel",
    "CrmCategory",
    "Direction",
    "InfluenceEvidence",
    "Intent",
    "OwnerKind",
    "ReasonKind",
    "SentimentLabel",
    "Tier",
]

strawberry.enum(
    vocab.AlertStatus,
    description="Where an alert is: OPEN (nobody on it yet), ACKNOWLEDGED (someone is on it), "
    "RESOLVED (answered; reopening makes it OPEN again).",
)
strawberry.enum(
    vocab.AlertKind, description="What raised an alert: NEGATIVE_POST, a negative post about us."
)
strawberry.enum(vocab.Tier, description="A customer's loyalty tier.")
strawberry.enum(
    vocab.SentimentLabel,
    description="How a text reads: POSITIVE (sentiment >= 0.05), NEGATIVE (<= -0.05), NEUTRAL.",
)
strawberry.enum(
    vocab.Intent,
    description="What a post wants, by rules: a COMPLAINT, a QUESTION, PRAISE, a SUGGESTION, "
    "PURCHASE_INTENT (asks where or how to buy), or OTHER.",
)
strawberry.enum(
    vocab.CrmCategory,
    description="The social-CRM use a post serves: FEEDBACK, DAMAGE_CONTROL (a complaint to "
    "answer), PROMOTION, BRAND_IDENTITY, PERSONALISATION.",
)
strawberry.enum(vocab.Channel, description="How an employee and a customer were in touch.")
strawberry.enum(
    vocab.Direction,
    description="Who started a contact: INBOUND (the customer) or OUTBOUND (the employee).",
)
strawberry.enum(vocab.OwnerKind, description="Who owns a social account.")
strawberry.enum(
    vocab.ReasonKind,
    description="Why a product is recommended: BOUGHT_WITH something the customer owns "
    "(significant co-purchase), COMPLEMENTS it (curated), an influencer PRAISED or BOUGHT it, "
    "it matches an INTEREST.",
)
strawberry.enum(vocab.InfluenceEvidence, description="A kind of evidence behind an influence edge.")
