"""Warmth: exact scores on hand-made contacts and sales (DESIGN.md §5)."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from graph.analytics.warmth import (
    CUSTOMER_STARTED_BONUS,
    SALES,
    Contact,
    Sale,
    WarmthParams,
    customers_of,
    recency,
    sentiment_factor,
    warmest,
    warmth,
)

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
HALF_LIFE = timedelta(days=90)


def score_of(raw: float, scale: float = 10.0) -> float:
    return round(100 * (1 - math.exp(-raw / scale)), 1)


def test_one_meeting_today_is_channel_weight_times_one() -> None:
    meeting = Contact("e1", "c1", "meeting", NOW, id="i1")
    w = warmth([meeting], [], now=NOW)[("e1", "c1")]
    assert w.raw == pytest.approx(3.0)  # meeting weight 3 × sentiment 1.0 × recency 1.0
    assert w.score == 25.9  # 100 × (1 - e^-0.3) = 25.918…
    assert dict(w.breakdown) == {"meeting": pytest.approx(3.0)}
    assert (w.interactions, w.sales) == (1, 0)
    assert w.last_contact_at == NOW
    assert w.sentiment is None
    assert w.evidence == (meeting,)


def test_a_sale_one_half_life_old_counts_sale_weight_halved() -> None:
    sale = Sale("e1", "c1", NOW - HALF_LIFE, total=80.0, id="s1")
    w = warmth([], [sale], now=NOW)[("e1", "c1")]
    assert w.raw == pytest.approx(1.0)  # sale weight 2 × 0.5
    assert dict(w.breakdown) == {SALES: pytest.approx(1.0)}
    assert w.score == score_of(1.0) == 9.5
    assert (w.interactions, w.sales) == (0, 1)
    assert w.last_contact_at == NOW - HALF_LIFE


def test_customer_started_contact_gets_the_inbound_bonus_shown_apart() -> None:
    email = Contact("e1", "c1", "email", NOW, direction="inbound", sentiment=0.4)
    w = warmth([email], [], now=NOW)[("e1", "c1")]
    base = 1.0 * (1 + 0.5 * 0.4) * 1.0  # email 1 × sentiment factor 1.2 × recency 1 = 1.2
    assert dict(w.breakdown) == {
        "email": pytest.approx(base),
        CUSTOMER_STARTED_BONUS: pytest.approx(base * 0.5),
    }
    assert w.raw == pytest.approx(1.8)
    assert w.score == score_of(1.8) == 16.5
    assert w.sentiment == pytest.approx(0.4)


def test_outbound_contact_gets_no_bonus() -> None:
    email = Contact("e1", "c1", "email", NOW, direction="outbound")
    w = warmth([email], [], now=NOW)[("e1", "c1")]
    assert CUSTOMER_STARTED_BONUS not in w.breakdown
    assert w.raw == pytest.approx(1.0)


def test_a_contact_one_half_life_old_counts_half_and_two_half_lives_a_quarter() -> None:
    calls = [
        Contact("e1", "c1", "call", NOW - HALF_LIFE),
        Contact("e2", "c1", "call", NOW - 2 * HALF_LIFE),
    ]
    scores = warmth(calls, [], now=NOW)
    assert scores["e1", "c1"].raw == pytest.approx(2.0 * 0.5)
    assert scores["e2", "c1"].raw == pytest.approx(2.0 * 0.25)


def test_half_life_is_configurable() -> None:
    call = Contact("e1", "c1", "call", NOW - timedelta(days=90))
    params = WarmthParams(half_life_days=30.0)
    assert warmth([call], [], now=NOW, params=params)["e1", "c1"].raw == pytest.approx(2.0 / 8)


def test_negative_sentiment_lowers_warmth() -> None:
    friendly = Contact("e1", "c1", "call", NOW, sentiment=0.0)
    hostile = Contact("e2", "c1", "call", NOW, sentiment=-0.6)
    scores = warmth([friendly, hostile], [], now=NOW)
    assert scores["e1", "c1"].raw == pytest.approx(2.0)
    assert scores["e2", "c1"].raw == pytest.approx(2.0 * 0.7)  # factor 1 - 0.3
    assert scores["e2", "c1"].score < scores["e1", "c1"].score


def test_contacts_and_sales_of_one_pair_add_up() -> None:
    contacts = [
        Contact("e1", "c1", "visit", NOW, sentiment=1.0),  # 3 × 1.5 = 4.5
        Contact("e1", "c1", "social", NOW - HALF_LIFE, sentiment=-1.0),  # 0.5 × 0.5 × 0.5
        Contact("e1", "c1", "carrier pigeon", NOW),  # unknown channel weighs 1.0
    ]
    sales = [Sale("e1", "c1", NOW)]  # 2.0
    w = warmth(contacts, sales, now=NOW)[("e1", "c1")]
    assert dict(w.breakdown) == {
        "visit": pytest.approx(4.5),
        "social": pytest.approx(0.125),
        "carrier pigeon": pytest.approx(1.0),
        SALES: pytest.approx(2.0),
    }
    assert w.raw == pytest.approx(7.625)
    assert w.score == score_of(7.625) == 53.4
    assert (w.interactions, w.sales) == (3, 1)
    assert w.sentiment == pytest.approx(0.0)  # mean of 1.0 and -1.0; the third has none


def test_channel_weights_are_configurable() -> None:
    chat = Contact("e1", "c1", "chat", NOW)
    params = WarmthParams(channel_weights={"chat": 4.0}, scale=20.0)
    w = warmth([chat], [], now=NOW, params=params)["e1", "c1"]
    assert w.raw == pytest.approx(4.0)
    assert w.score == score_of(4.0, scale=20.0) == 18.1


def test_evidence_is_the_five_newest_newest_first() -> None:
    contacts = [Contact("e1", "c1", "email", NOW - timedelta(days=d), id=f"i{d}") for d in range(7)]
    sale = Sale("e1", "c1", NOW - timedelta(hours=12), id="s1")
    w = warmth(reversed(contacts), [sale], now=NOW)[("e1", "c1")]
    assert [e.id for e in w.evidence] == ["i0", "s1", "i1", "i2", "i3"]
    assert w.last_contact_at == NOW


def test_sentiment_factor_is_clamped() -> None:
    assert sentiment_factor(None) == 1.0
    assert sentiment_factor(0.5) == 1.25
    assert sentiment_factor(-1.0) == 0.5
    assert sentiment_factor(-2.0) == 0.25
    assert sentiment_factor(3.0) == 1.5


def test_recency_treats_future_as_now_and_naive_as_utc() -> None:
    assert recency(NOW + timedelta(days=3), NOW, 90.0) == 1.0
    naive_half_life_ago = (NOW - HALF_LIFE).replace(tzinfo=None)
    assert recency(naive_half_life_ago, NOW, 90.0) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="half_life_days"):
        recency(NOW, NOW, 0.0)


def test_invalid_params_are_refused() -> None:
    with pytest.raises(ValueError, match="half_life_days"):
        WarmthParams(half_life_days=-1.0)
    with pytest.raises(ValueError, match="scale"):
        WarmthParams(scale=0.0)


def test_warmest_orders_by_warmth_then_latest_contact_then_employee_id() -> None:
    contacts = [
        Contact("ann", "c1", "email", NOW),  # 1.0, last contact now
        Contact("dan", "c1", "email", NOW - HALF_LIFE),  # 0.5 + 0.5 = 1.0, older
        Contact("dan", "c1", "email", NOW - HALF_LIFE),
        Contact("eve", "c1", "email", NOW),  # 1.0, now: ties with ann, after her by id
        Contact("bob", "c1", "meeting", NOW),  # 3.0
        Contact("zed", "c2", "meeting", NOW),  # another customer
    ]
    scores = warmth(contacts, [], now=NOW)
    assert [w.employee for w in warmest(scores, customer="c1")] == ["bob", "ann", "eve", "dan"]
    assert [w.employee for w in warmest(scores, customer="c1", first=2)] == ["bob", "ann"]
    assert warmest(scores, customer="nobody") == []


def test_customers_of_lists_one_employees_customers_warmest_first() -> None:
    contacts = [
        Contact("ann", "c1", "email", NOW),
        Contact("ann", "c2", "visit", NOW),
        Contact("ann", "c3", "call", NOW),
        Contact("bob", "c4", "visit", NOW),
    ]
    sales = [Sale("ann", "c1", NOW), Sale("ann", "c1", NOW)]  # c1: 1 + 2 + 2 = 5
    scores = warmth(contacts, sales, now=NOW)
    assert [w.customer for w in customers_of(scores, employee="ann")] == ["c1", "c2", "c3"]
    assert [w.customer for w in customers_of(scores, employee="ann", first=1)] == ["c1"]
    with pytest.raises(ValueError, match="first"):
        customers_of(scores, employee="ann", first=-1)
