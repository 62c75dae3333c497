"""The model's records: property maps, UTC, validation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from graph import model
from graph.errors import InvalidRecord


def test_props_are_camel_case_and_leave_out_unknown_values() -> None:
    customer = model.Customer(id="c1", name="Ann Lee", joined_at=datetime(2024, 5, 1), source="crm")
    props = customer.props()
    assert props["joinedAt"] == datetime(2024, 5, 1, tzinfo=UTC)
    assert props["source"] == "crm"
    assert "email" not in props  # None never erases what another source knew
    assert "id" not in props


def test_datetimes_are_stored_in_utc() -> None:
    paris = timezone(timedelta(hours=2))
    post = model.Post(id="twitter:1", at=datetime(2025, 10, 7, 9, 50, 26, tzinfo=paris))
    assert post.props()["at"] == datetime(2025, 10, 7, 7, 50, 26, tzinfo=UTC)
    assert post.props()["at"].utcoffset() == timedelta(0)


def test_search_property_is_lower_cased_names_and_keys() -> None:
    product = model.Product(id="SKU-Green-1", name="Green Shirt", brand="Acme")
    assert product.props()["search"] == "sku-green-1 green shirt acme"
    assert product.props()["sku"] == "SKU-Green-1"
    assert model.Customer(id="c", email="Ann@X.com").props()["search"] == "ann@x.com"


def test_tags_become_a_list() -> None:
    assert model.Product(id="p", tags=("cotton", "green")).props()["tags"] == ["cotton", "green"]


def test_social_account_key_normalises_platform_and_handle() -> None:
    assert model.SocialAccount.key("Twitter", "@Ann_Lee") == "twitter:ann_lee"


@pytest.mark.parametrize("bad", ["", "   "])
def test_node_without_id_is_refused_with_a_hint(bad: str) -> None:
    with pytest.raises(InvalidRecord) as caught:
        model.Customer(id=bad)
    assert "Customer" in caught.value.message
    assert caught.value.hint


def test_sentiment_outside_range_is_refused() -> None:
    with pytest.raises(InvalidRecord, match=r"outside -1\.\.1"):
        model.Post(id="x:1", sentiment=1.5)


def test_owns_starts_at_customer_or_employee_only() -> None:
    assert model.Owns(start_id="c", end_id="t:a").pattern == ("Customer", "OWNS", "SocialAccount")
    employee = model.Owns(start_id="e", end_id="t:a", start_label="Employee")
    assert employee.pattern == ("Employee", "OWNS", "SocialAccount")
    with pytest.raises(InvalidRecord, match="cannot start at a Product"):
        model.Owns(start_id="p", end_id="t:a", start_label="Product")


def test_relationship_needs_both_ends() -> None:
    with pytest.raises(InvalidRecord, match="KNOWS"):
        model.Knows(start_id="c1", end_id="")


def test_every_label_and_relationship_of_the_design_is_modelled() -> None:
    assert set(model.NODE_LABELS) == {
        "Customer", "Employee", "Product", "Category", "Topic", "Purchase",
        "SocialAccount", "Post", "Interaction", "Alert", "Company", "PendingEdge", "AlertEvent",
        "OutboxEvent",
    }  # fmt: skip
    types = {rel.TYPE for rel in model.RELATIONSHIP_TYPES}
    assert types == {
        "MADE", "CONTAINS", "SOLD", "IN_CATEGORY", "OWNS", "POSTED", "REPLIES_TO", "RESHARES",
        "QUOTES", "MENTIONS", "ABOUT", "TAGGED", "WROTE", "FOLLOWS", "KNOWS", "REFERRED",
        "HAD", "HANDLED", "COMPLEMENTS", "ON", "ASSIGNED_TO", "MAYBE_OWNS",
        "INFLUENCES", "RAPPORT", "BOUGHT_WITH", "INTERESTED_IN", "SHARED", "WORKS_AT", "MANAGES",
    }  # fmt: skip
    # OWNS, MAYBE_OWNS and WORKS_AT start at a customer or an employee
    assert len(list(model.relationship_patterns())) == len(types) + 3


class _Float(float):
    """A float subclass (as numpy's float64 is): checked as a float."""


@pytest.mark.parametrize(
    ("values", "refused"),
    [
        ({"quantity": 2, "unit_price": 0.0}, None),
        ({"quantity": 1, "unit_price": 19.5}, None),
        ({"quantity": 0}, "at least 1"),
        ({"quantity": True}, None),  # a flag is not a number to check
        ({"unit_price": -0.01}, "negative"),
        ({"unit_price": float("nan")}, "finite"),
        ({"unit_price": float("inf")}, "finite"),
        ({"unit_price": -float("inf")}, "finite"),
        ({"unit_price": _Float("nan")}, "finite"),
        ({"unit_price": _Float(-1.0)}, "negative"),
        ({"quantity": 2**53 + 1}, "out of range"),
        ({"unit_price": 1e300}, "out of range"),
    ],
)
def test_numbers_are_checked_on_every_path(values: dict[str, object], refused: str | None) -> None:
    """The exact-type fast path and the isinstance path refuse the same values."""
    if refused is None:
        model.Contains(start_id="o1", end_id="p1", **values)  # type: ignore[arg-type]
    else:
        with pytest.raises(InvalidRecord, match=refused):
            model.Contains(start_id="o1", end_id="p1", **values)  # type: ignore[arg-type]
