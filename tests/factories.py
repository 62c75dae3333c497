"""Test data: one fully populated record of every model type, and small graphs."""

from __future__ import annotations

from datetime import UTC, datetime

from graph import model
from graph.model import Node, Record, Relationship

AT = datetime(2025, 10, 7, 7, 50, 26, tzinfo=UTC)


def one_of_each_node(prefix: str = "") -> list[Node]:
    """A node of every label with every field set."""
    p = prefix
    return [
        model.Customer(id=f"{p}c1", name="Ann Lee", email="ann@example.com", phone="+33 1 23",
                       city="Lyon", country="FR", joined_at=AT, tier="gold", accepts_marketing=True,
                       email_opt_out=False, do_not_call=True, source="test"),
        model.Customer(id=f"{p}c2", name="Bob Ray", email="bob@example.com", source="test"),
        model.Employee(id=f"{p}e1", name="Eve Stone", email="eve@shop.example", role="seller",
                       team="floor", store="Lyon", signature="^ES", source="test"),
        model.Product(id=f"{p}SKU-1", name="Green Shirt", category="shirts", brand="Acme",
                      price=39.5, tags=("cotton", "green"), source="test"),
        model.Product(id=f"{p}SKU-2", name="Wool Socks", category="socks", brand="Acme",
                      price=9.0, source="test"),
        model.Category(id=f"{p}shirts", name="Shirts", source="test"),
        model.Topic(id=f"{p}fashion", name="fashion", source="test"),
        model.Purchase(id=f"{p}o1", at=AT, total=48.5, currency="EUR", channel="web",
                       store="Lyon", order_name="#1001", financial_status="partially_refunded",
                       fulfillment_status="fulfilled", refunded_amount=9.0, discount_code="SPRING",
                       utm_source="instagram", utm_medium="social", utm_campaign="spring",
                       source="test"),
        model.Company(id=f"{p}acme", name="Acme", source="test"),
        model.SocialAccount(id=f"{p}twitter:ann", platform="twitter", handle="ann",
                            display_name="Ann", followers=1200, is_brand=False, location="Lyon",
                            email="ann@example.com", description="Lyon. ann@example.com",
                            verified=False, created_at=AT, platform_id="2001", source="test"),
        model.SocialAccount(id=f"{p}twitter:shop", platform="twitter", handle="shop",
                            display_name="The Shop", followers=90000, is_brand=True, source="test"),
        model.Post(id=f"{p}twitter:1", platform="twitter", text="Love my green shirt! #fashion",
                   at=AT, url="https://x.example/1", likes=10, shares=2, sentiment=0.8,
                   sentiment_label="positive", intent="praise", category="feedback",
                   lang="en", conversation_id=f"{p}twitter:1", stars=5.0, text_sentiment=0.7,
                   source="test"),
        model.Post(id=f"{p}twitter:2", platform="twitter", text="@ann thank you! ^ES", at=AT,
                   sentiment=0.6, source="test"),
        model.Interaction(id=f"{p}i1", channel="call", at=AT, direction="inbound",
                          subject="sizes", sentiment=0.4, thread=f"{p}i1", in_reply_to=f"{p}i0",
                          source="test"),
        model.PendingEdge(id=f"{p}pending:1", pattern="(Customer)-[:KNOWS]->(Customer)",
                          from_label="Customer", from_id=f"{p}c1", rel_type="KNOWS",
                          to_label="Customer", to_id=f"{p}c9", props_json="{}", origin="f.csv:2",
                          source="test"),
        model.Alert(id=f"{p}a1", kind="negative_post", severity=0.7, raised_at=AT, due_by=AT,
                    status="open", source="test"),
        model.AlertEvent(id=f"{p}event:1", seq=1_700_000_000_000_000, kind="raised",
                         alert=f"{p}a1", at=AT, source="test"),
    ]  # fmt: skip


def one_of_each_relationship(prefix: str = "") -> list[Relationship]:
    """A relationship of every pattern, between the nodes of :func:`one_of_each_node`."""
    p = prefix
    return [
        model.Made(start_id=f"{p}c1", end_id=f"{p}o1", source="test"),
        model.Contains(start_id=f"{p}o1", end_id=f"{p}SKU-1", quantity=1, unit_price=39.5),
        model.Sold(start_id=f"{p}e1", end_id=f"{p}o1"),
        model.InCategory(start_id=f"{p}SKU-1", end_id=f"{p}shirts"),
        model.Owns(start_id=f"{p}c1", end_id=f"{p}twitter:ann", confidence=1.0, method="email"),
        model.Owns(start_id=f"{p}e1", end_id=f"{p}twitter:shop", start_label="Employee",
                   confidence=0.9, method="handle"),
        model.MaybeOwns(start_id=f"{p}c2", end_id=f"{p}twitter:ann", confidence=0.6,
                        method="name+city", status="candidate"),
        model.MaybeOwns(start_id=f"{p}e1", end_id=f"{p}twitter:ann", start_label="Employee",
                        confidence=0.5, method="name", status="rejected"),
        model.Posted(start_id=f"{p}twitter:ann", end_id=f"{p}twitter:1"),
        model.RepliesTo(start_id=f"{p}twitter:2", end_id=f"{p}twitter:1"),
        model.Reshares(start_id=f"{p}twitter:2", end_id=f"{p}twitter:1"),
        model.Quotes(start_id=f"{p}twitter:2", end_id=f"{p}twitter:1"),
        model.Mentions(start_id=f"{p}twitter:2", end_id=f"{p}twitter:ann"),
        model.About(start_id=f"{p}twitter:1", end_id=f"{p}SKU-1"),
        model.Tagged(start_id=f"{p}twitter:1", end_id=f"{p}fashion"),
        model.Wrote(start_id=f"{p}e1", end_id=f"{p}twitter:2"),
        model.Follows(start_id=f"{p}twitter:ann", end_id=f"{p}twitter:shop"),
        model.Knows(start_id=f"{p}c1", end_id=f"{p}c2"),
        model.Shared(start_id=f"{p}twitter:ann", end_id=f"{p}twitter:1", at=AT, platform_id="3"),
        model.WorksAt(start_id=f"{p}c1", end_id=f"{p}acme"),
        model.WorksAt(start_id=f"{p}e1", end_id=f"{p}acme", start_label="Employee"),
        model.Manages(start_id=f"{p}e1", end_id=f"{p}c1"),
        model.Referred(start_id=f"{p}c1", end_id=f"{p}c2", at=AT),
        model.Had(start_id=f"{p}c1", end_id=f"{p}i1"),
        model.Handled(start_id=f"{p}e1", end_id=f"{p}i1"),
        model.Complements(start_id=f"{p}SKU-1", end_id=f"{p}SKU-2"),
        model.On(start_id=f"{p}a1", end_id=f"{p}twitter:1"),
        model.AssignedTo(start_id=f"{p}a1", end_id=f"{p}e1"),
        model.Influences(start_id=f"{p}c1", end_id=f"{p}c2", weight=11.0, follows=1, replies=1,
                         reshares=0, quotes=0, mentions=0, referrals=1, conversions=0,
                         computed_at=AT),
        model.Rapport(start_id=f"{p}e1", end_id=f"{p}c1", warmth=62.5, interactions=3,
                      last_contact_at=AT, sentiment=0.4, sales=1,
                      breakdown_keys=("call", "sales"), breakdown_values=(4.5, 2.0),
                      computed_at=AT),
        model.BoughtWith(start_id=f"{p}SKU-1", end_id=f"{p}SKU-2", support=0.01,
                         confidence=0.7, lift=61.2, count=42, computed_at=AT),
        model.InterestedIn(start_id=f"{p}c1", end_id=f"{p}fashion", weight=2.0,
                           computed_at=AT),
    ]  # fmt: skip


def small_graph(prefix: str = "") -> list[Record]:
    """Every node and relationship above, relationships first to prove ordering is handled."""
    return [*one_of_each_relationship(prefix), *one_of_each_node(prefix)]
