"""Typed records for every node and relationship of the graph (DESIGN.md §4).

A record is a frozen dataclass. ``props()`` turns it into the primitive property map the
database stores: camelCase names, datetimes in UTC, ``None`` left out so that an upsert from
one source never erases what another source knew. ``source`` says which importer, file or
record made it; ``updatedAt`` is stamped by the database on every write.

- :mod:`graph.model.records`: the base classes ``Record``, ``Node`` and ``Relationship``;
- :mod:`graph.model.nodes`: one class per label;
- :mod:`graph.model.relationships`: one class per observed relationship type;
- :mod:`graph.model.derived`: the relationships ``rapport analyze`` computes.
"""

from graph.model.derived import (
    DERIVED_TYPES,
    BoughtWith,
    Derived,
    Draft,
    Influences,
    InterestedIn,
    Rapport,
)
from graph.model.nodes import (
    NODE_LABELS,
    NODE_TYPES,
    Alert,
    AlertEvent,
    Category,
    Company,
    Customer,
    Employee,
    Interaction,
    OutboxEvent,
    PendingEdge,
    Post,
    Product,
    Purchase,
    SocialAccount,
    Topic,
)
from graph.model.records import Node, Primitive, Record, Relationship
from graph.model.relationships import (
    RELATIONSHIP_TYPES,
    About,
    AssignedTo,
    Complements,
    Contains,
    Follows,
    Had,
    Handled,
    InCategory,
    Knows,
    Made,
    Manages,
    MaybeOwns,
    Mentions,
    On,
    Owns,
    Posted,
    Quotes,
    Referred,
    RepliesTo,
    Reshares,
    Shared,
    Sold,
    Tagged,
    WorksAt,
    Wrote,
    relationship_patterns,
)

__all__ = [
    "DERIVED_TYPES", "NODE_LABELS", "NODE_TYPES", "RELATIONSHIP_TYPES", "About", "Alert",
    "AlertEvent",
    "AssignedTo", "BoughtWith", "Category", "Company", "Complements", "Contains", "Customer",
    "Derived", "Draft",
    "Employee", "Follows", "Had", "Handled", "InCategory", "Influences", "Interaction",
    "InterestedIn", "Knows", "Made", "Manages", "MaybeOwns", "Mentions", "Node", "On",
    "OutboxEvent", "Owns",
    "PendingEdge", "Post",
    "Posted", "Primitive", "Product", "Purchase", "Quotes", "Rapport", "Record", "Referred",
    "Relationship", "RepliesTo", "Reshares", "Shared", "SocialAccount", "Sold", "Tagged", "Topic",
    "WorksAt", "Wrote",
    "relationship_patterns",
]  # fmt: skip
