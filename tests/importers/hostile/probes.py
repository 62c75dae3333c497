"""The hostile-input corpus: bad files of every format, each with what a good import makes of it.

Every probe is one file that a real export, a broken tool or an attacker could produce. None
may end the import with a traceback: each bad record becomes a reject with its line and reason,
and the good records around it are imported. Only configuration (a bad mapping) stops an import.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

CUSTOMERS = "id,name,email,city,joined_at\n"
GOOD_CUSTOMER = "c1,Ann Lee,ann@example.com,Lyon,2025-01-02\n"
PRODUCTS = "sku,name,price\n"
SHOPIFY = (
    "Name,Email,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Total\n"
)
GOOD_ORDER = "#1,ann@example.com,2025-01-01 10:00:00 +0000,1,Hat,10,SKU-HAT,10\n"
INTERACTIONS = "id,employee,customer,channel,at,direction,subject,notes\n"
GOOD_CALL = "i1,e1,c1,call,2025-01-03T10:00:00Z,inbound,Hello,fine\n"


def _user(uid: str = "1", name: str = "ann_lee") -> dict[str, object]:
    return {"id": uid, "username": name, "name": "Ann"}


def tweet(tid: str = "10", **extra: object) -> str:
    """A v2 response holding one tweet by user 1 (with ``extra`` fields set or replaced)."""
    body: dict[str, object] = {"id": tid, "author_id": "1", "text": "hello @rapportshop",
                               "created_at": "2025-06-01T10:00:00Z"}  # fmt: skip
    body.update(extra)
    return json.dumps({"data": [body], "includes": {"users": [_user()]}}) + "\n"


@dataclass(frozen=True)
class Probe:
    """One bad file: its name, format, content, and what the import must make of it."""

    name: str
    format: str
    content: Callable[[], bytes]
    read: int
    rejected: int
    reason: str = ""  # a part of the first reject's (or warning's) reason
    warned: int = 0  # optional fields left empty (the record is still imported)


def _t(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


def _b(data: bytes) -> Callable[[], bytes]:
    return lambda: data


PROBES: list[Probe] = [
    # --- CSV: customers
    Probe("header only", "customers", _t(CUSTOMERS), 0, 0),
    Probe("empty file", "customers", _t(""), 1, 1, "missing required column"),
    Probe("only a BOM", "customers", _b(b"\xef\xbb\xbf"), 1, 1, "missing required column"),
    Probe("extra column", "customers", _t(CUSTOMERS + GOOD_CUSTOMER + "c2,Bob,b@x.org,Paris,,x\n"),
          2, 1, "expected 5 columns, found 6"),
    Probe("unbalanced quote recovers", "customers",
          _t(CUSTOMERS + 'c2,"Bob,b@x.org,Paris,\n' + GOOD_CUSTOMER + "c3,Cid,c@x.org,Rome,\n"),
          3, 1, "quote"),
    Probe("quote never closes", "customers", _t(CUSTOMERS + GOOD_CUSTOMER + 'c2,"Bob\n'),
          2, 1, "never closes"),
    Probe("9 MB field", "customers",
          lambda: (CUSTOMERS + GOOD_CUSTOMER + "c2," + "x" * 9_000_000 + ",b@x.org,Lyon,\n"
                   + "c3,Cid,c@x.org,Rome,\n").encode(), 3, 1, "longer than"),
    Probe("3,000-character name", "customers",
          _t(CUSTOMERS + GOOD_CUSTOMER + "c2," + "B" * 3000 + ",b@x.org,Lyon,\n"), 2, 1,
          "3,000 characters"),
    Probe("1,000-character id", "customers", _t(CUSTOMERS + "c" * 1000 + ",Bob,b@x.org,Lyon,\n"),
          1, 1, "at most 512"),
    Probe("NUL bytes are removed", "customers", _t(CUSTOMERS + "c1,A\x00nn,a@x.org,Lyon,\n"), 1, 0),
    Probe("cp1252 bytes in UTF-8", "customers",
          _b(CUSTOMERS.encode() + b"c1,Ren\xe9,r@x.org,Lyon,\n" + GOOD_CUSTOMER.replace("c1", "c2").encode()),
          2, 1, "not valid utf-8"),
    Probe("cp1252 header missing a column", "customers", _b(b"n\xe4me,email\nAnn,a@x.org\n"), 1, 1,
          "missing required column"),
    Probe("binary garbage", "customers", _b(bytes(range(256)) * 40), 1, 1, ""),
    Probe("date far in the future", "customers",
          _t(CUSTOMERS + "c9,Zed,z@x.org,Lyon,9999-12-31T23:59:59-05:00\n"), 1, 0, "outside 1900",
          warned=1),
    Probe("year one", "customers", _t(CUSTOMERS + "c9,Zed,z@x.org,Lyon,0001-01-01\n"), 1, 0,
          "outside 1900", warned=1),
    Probe("compact date is not an epoch", "customers",
          _t(CUSTOMERS + "c9,Zed,z@x.org,Lyon,202510071200\n"), 1, 0),
    Probe("epoch milliseconds", "customers", _t(CUSTOMERS + "c9,Zed,z@x.org,Lyon,1759823426000\n"),
          1, 0),
    Probe("100-digit date", "customers", _t(CUSTOMERS + "c9,Zed,z@x.org,Lyon," + "9" * 100 + "\n"),
          1, 0, "unrecognised date", warned=1),
    Probe("CRLF line ends", "customers", _t((CUSTOMERS + GOOD_CUSTOMER).replace("\n", "\r\n")), 1, 0),
    Probe("blank lines and spaces", "customers", _t(CUSTOMERS + "\n \n" + GOOD_CUSTOMER + ",,,,\n"),
          1, 0),
    # --- CSV: products (numbers)
    Probe("price 1e400", "products", _t(PRODUCTS + "P1,Hat,1e400\nP2,Cap,5\n"), 2, 0, "finite", warned=1),
    Probe("price inf", "products", _t(PRODUCTS + "P1,Hat,inf\n"), 1, 0, "finite", warned=1),
    Probe("price nan", "products", _t(PRODUCTS + "P1,Hat,nan\n"), 1, 0, "finite", warned=1),
    Probe("negative price", "products", _t(PRODUCTS + "P1,Hat,-5\n"), 1, 0, "negative", warned=1),
    Probe("price is a word", "products", _t(PRODUCTS + "P1,Hat,cheap\n"), 1, 0, "not a number", warned=1),
    Probe("price too large", "products", _t(PRODUCTS + "P1,Hat,1e300\n"), 1, 0, "out of range", warned=1),
    # --- Shopify
    Probe("quantity 0", "shopify", _t(SHOPIFY + GOOD_ORDER.replace(",1,Hat", ",0,Hat")), 1, 0,
          "line left out", warned=1),
    Probe("negative quantity", "shopify", _t(SHOPIFY + GOOD_ORDER.replace(",1,Hat", ",-2,Hat")),
          1, 0, "negative", warned=1),
    Probe("fractional quantity", "shopify", _t(SHOPIFY + GOOD_ORDER.replace(",1,Hat", ",1.5,Hat")),
          1, 0, "whole number", warned=1),
    Probe("line price inf", "shopify", _t(SHOPIFY + GOOD_ORDER.replace(",Hat,10,", ",Hat,inf,")),
          1, 0, "finite", warned=1),
    Probe("created at garbage", "shopify",
          _t(SHOPIFY + GOOD_ORDER.replace("2025-01-01 10:00:00 +0000", "soon")), 1, 1,
          "unrecognised date"),
    Probe("order without e-mail", "shopify", _t(SHOPIFY + GOOD_ORDER.replace("ann@example.com", "")),
          1, 1, "no Email, phone or billing name"),
    Probe("total 1e400", "shopify", _t(SHOPIFY + GOOD_ORDER.rstrip("\n")[:-2] + "1e400\n"), 1, 0,
          "finite", warned=1),
    # --- X / Twitter JSON: a response line holds one tweet (its included users are not records)
    Probe("broken first line", "twitter", _t("{not json\n" + tweet("10") + tweet("11")), 3, 1,
          "broken JSON"),
    Probe("created_at is a number", "twitter", _t(tweet("10", created_at=12345) + tweet("11")),
          2, 0, "not a date", warned=1),
    Probe("entities is a list", "twitter", _t(tweet("10", entities=[1, 2]) + tweet("11")), 2, 0,
          "entities: not an object", warned=1),
    Probe("public_metrics are words", "twitter",
          _t(tweet("10", public_metrics={"like_count": "lots"}) + tweet("11")), 2, 0, "lots",
          warned=1),
    Probe("100,000 nested brackets", "twitter", _t("[" * 100_000 + "\n" + tweet("11")), 2, 1,
          "nested too deeply"),
    Probe("a bare number", "twitter", _t("42\n" + tweet("11")), 2, 1, "JSON object"),
    Probe("id is an object", "twitter", _t(tweet("10", id={"x": 1}) + tweet("11")), 2, 1, "not an id"),
    Probe("200,000-character tweet", "twitter", _t(tweet("10", text="x" * 200_000) + tweet("11")),
          2, 1, "at most 100,000"),
    Probe("user without username", "twitter",
          _t(json.dumps({"data": [{"id": "9", "author_id": "1", "text": "hi"}],
                         "includes": {"users": [{"id": "2"}, _user()]}}) + "\n" + tweet("11")),
          2, 0, "includes.users[0]", warned=1),
    Probe("a response with no data", "twitter",
          _t(json.dumps({"errors": [{"detail": "Could not find tweet with id: [1]."}]}) + "\n"),
          1, 0, "Could not find tweet"),
    Probe("invalid UTF-8 line", "twitter", _b(b'{"data": "\xff\xfe"}\n' + tweet("11").encode()),
          2, 1, "not valid UTF-8"),
    Probe("9 MB line", "twitter", lambda: ("{" + " " * 9_000_000 + "}\n" + tweet("11")).encode(),
          2, 1, "longer than"),
    Probe("unknown reference type", "twitter",
          _t(tweet("10", referenced_tweets=[{"type": "liked", "id": "9"}]) + tweet("11")), 2, 0,
          "referenced_tweets", warned=1),
    Probe("NUL in text", "twitter", _t(tweet("10", text="bad\u0000 day") + tweet("11")), 2, 0),
    # --- Yelp
    Probe("review of an unknown business", "yelp_review",
          _t('{"review_id": "r9", "user_id": "u1", "business_id": "nope", "text": "ok", '
             '"date": "2025-01-01"}\n'), 1, 0),
    Probe("review that is a list", "yelp_review", _t("[1, 2]\n"), 1, 1, "JSON object"),
    Probe("user with fans as text", "yelp_user",
          _t('{"user_id": "u9", "name": "Z", "yelping_since": "2020-01-01", "fans": "many"}\n'),
          1, 0),
    Probe("user with a broken date", "yelp_user",
          _t('{"user_id": "u9", "name": "Z", "yelping_since": "whenever"}\n'), 1, 0,
          "unrecognised date", warned=1),
    # --- Interactions
    Probe("unknown channel", "interactions", _t(INTERACTIONS + GOOD_CALL.replace(",call,", ",pigeon,")),
          1, 1, "not one of"),
    Probe("200,000-character subject", "interactions",
          _t(INTERACTIONS + GOOD_CALL.replace("Hello", "s" * 200_000)), 1, 1, "at most 100,000"),
    Probe("interaction at garbage", "interactions",
          _t(INTERACTIONS + GOOD_CALL.replace("2025-01-03T10:00:00Z", "1e400")), 1, 1, ""),
    # --- E-mail
    Probe("an .eml named .mbox", "mbox",
          _t("Message-ID: <m1@x>\nDate: Fri, 3 Jan 2025 10:00:00 +0000\nFrom: ann@example.com\n"
             "To: eve@shop.example\nSubject: hi\n\nHello\n"), 1, 0),
    Probe("mbox of garbage", "mbox", _b(b"From x\n" + bytes(range(256)) * 10), 1, 0,
          "not between a customer and an employee"),
    Probe("message without Date, dated by its From line", "mbox",
          _t("From ann@example.com Fri Jan  3 10:00:00 2025\nMessage-ID: <m2@x>\n"
             "From: ann@example.com\nTo: eve@shop.example\nSubject: hi\n\nHello\n"), 1, 0),
    Probe("e-mail without Date or From line", "mbox",
          _t("Message-ID: <m3@x>\nFrom: ann@example.com\nTo: eve@shop.example\nSubject: hi\n\n"
             "Hello\n"), 1, 1, "without Date"),
    Probe("8-bit From header", "mbox",
          _b(b"From x Fri Jan  3 10:00:00 2025\nMessage-ID: <m3@x>\nDate: Fri, 3 Jan 2025 "
             b"10:00:00 +0000\nFrom: Ren\xe9 <ann@example.com>\nTo: eve@shop.example\n\nHi\n"),
          1, 0),
]  # fmt: skip
