"""The synthetic dataset generator: formats, determinism, and the planted truths (DESIGN §8)."""

from __future__ import annotations

import csv
import email.header
import email.utils
import json
import mailbox
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from importers.generate import REFERENCE_NOW, Truth, generate
from importers.generate.writer import shopify_time

N = 300
SEED = 7
NOW = REFERENCE_NOW
HEADERS = {
    "customers.csv": "id,name,email,phone,city,country,joined_at,tier,twitter,referred_by",
    "employees.csv": "id,name,email,role,team,store,twitter,signature",
    "products.csv": "sku,name,category,brand,price,tags,complements",
    "follows.csv": "platform,follower,followed",
    "friendships.csv": "customer_a,customer_b",
    "interactions.csv": "id,employee,customer,channel,at,direction,subject,notes",
    "orders.csv": "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,"
    "Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,"
    "Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,"
    "Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,"
    "Lineitem fulfillment status,Billing Name,Billing Street,Billing City,Billing Zip,"
    "Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping City,Shipping Zip,"
    "Shipping Country,Notes,Payment Method,Id,Tags,Risk Level,Source,Phone,Vendor,Employee",
}
OTHER_FILES = (
    "tweets.jsonl",
    "truth_tones.json",
    "yelp_business.json",
    "yelp_user.json",
    "yelp_review.json",
    "mail.mbox",
    "truth.json",
)
GS, SOCKS, TIE = "SKU-GRN-SHIRT", "SKU-WOOL-SOCKS", "SKU-SILK-TIE"
NEGATIVE_NOTE = re.compile(r"frustrated|unhappy|angry|damaged|disappointed", re.IGNORECASE)


# ---------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dataset")
    generate(path, customers=N, seed=SEED)
    return path


@pytest.fixture(scope="module")
def truth(out: Path) -> Truth:
    return Truth.load(out / "truth.json")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def tweets(out: Path) -> list[dict[str, Any]]:
    return [t for page in jsonl(out / "tweets.jsonl") for t in page["data"]]


def iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def shop_time(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S %z")


def in_degrees(out: Path) -> Counter[str]:
    return Counter(r["followed"] for r in rows(out / "follows.csv"))


def followers_of(out: Path, handle: str) -> set[str]:
    return {r["follower"] for r in rows(out / "follows.csv") if r["followed"] == handle}


def orders(out: Path) -> dict[str, dict[str, Any]]:
    """Orders by Name: customer id, created-at instant, employee, SKUs."""
    by_email = {c["email"]: c["id"] for c in rows(out / "customers.csv")}
    result: dict[str, dict[str, Any]] = {}
    for r in rows(out / "orders.csv"):
        if r["Name"] not in result:
            result[r["Name"]] = {
                "customer": by_email[r["Email"]],
                "employee": r["Employee"],
                "at": shop_time(r["Created at"]),
                "skus": [],
            }
        result[r["Name"]]["skus"].append(r["Lineitem sku"])
    return result


def messages(out: Path) -> Iterator[mailbox.mboxMessage]:
    box = mailbox.mbox(out / "mail.mbox", create=False)
    try:
        yield from box
    finally:
        box.close()


def addresses(msg: Message, header: str) -> list[str]:
    return [addr.lower() for _, addr in email.utils.getaddresses(msg.get_all(header, []))]


# ---------------------------------------------------------------- files and determinism


def test_writes_every_file_with_the_exact_headers(out: Path) -> None:
    assert sorted(p.name for p in out.iterdir()) == sorted([*HEADERS, *OTHER_FILES])
    for name, header in HEADERS.items():
        first = (out / name).read_text("utf-8").split("\n", 1)[0]
        assert first == header, name
        assert len(rows(out / name)) > 5, name


def test_same_seed_gives_identical_bytes_and_another_seed_differs(
    out: Path, tmp_path: Path
) -> None:
    generate(tmp_path / "again", customers=N, seed=SEED, now=NOW)
    generate(tmp_path / "other", customers=N, seed=SEED + 1)
    for name in [*HEADERS, *OTHER_FILES]:
        original = (out / name).read_bytes()
        assert (tmp_path / "again" / name).read_bytes() == original, name
        assert (tmp_path / "other" / name).read_bytes() != original, name


def test_returns_the_truth_it_writes(tmp_path: Path) -> None:
    returned = generate(tmp_path, customers=120, seed=3)
    assert returned == Truth.load(tmp_path / "truth.json")
    assert (returned.seed, returned.customers, returned.brand_handle) == (3, 120, "rapportshop")


def test_rejects_too_few_customers(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least"):
        generate(tmp_path, customers=20, seed=1)


def test_every_event_falls_in_the_400_days_before_now(out: Path, truth: Truth) -> None:
    assert truth.now == "2026-11-01T12:00:00Z"
    moments = [iso(c["joined_at"]) for c in rows(out / "customers.csv")]
    moments += [shop_time(r["Created at"]) for r in rows(out / "orders.csv")]
    moments += [iso(t["created_at"]) for t in tweets(out)]
    moments += [iso(r["at"]) for r in rows(out / "interactions.csv")]
    moments += [email.utils.parsedate_to_datetime(m["Date"]) for m in messages(out)]
    moments += [
        datetime.fromisoformat(r["date"]).replace(tzinfo=UTC)
        for r in jsonl(out / "yelp_review.json")
    ]
    assert NOW - timedelta(days=400) <= min(moments)
    assert max(moments) <= NOW


def test_now_moves_the_window(tmp_path: Path) -> None:
    now = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    truth = generate(tmp_path, customers=100, seed=5, now=now)
    assert truth.now == "2025-03-01T09:30:00Z"
    created = [iso(t["created_at"]) for t in tweets(tmp_path)]
    assert now - timedelta(days=400) <= min(created)
    assert max(created) <= now
    assert now - timedelta(days=3) <= iso(truth.top_influencer.praised_at) + timedelta(days=120)


# ---------------------------------------------------------------- people and products


def test_customers_have_unique_ids_handles_and_earlier_referrers(out: Path) -> None:
    customers = rows(out / "customers.csv")
    assert [c["id"] for c in customers] == [f"c{i:06d}" for i in range(1, N + 1)]
    handles = [c["twitter"] for c in customers if c["twitter"]]
    assert len(set(handles)) == len(handles)
    assert all(re.fullmatch(r"[a-z0-9_]{1,15}", h) for h in handles)
    assert 0.6 < len(handles) / N < 0.8
    assert len({c["email"] for c in customers}) == N
    assert {c["tier"] for c in customers} == {"bronze", "silver", "gold"}
    joined = {c["id"]: iso(c["joined_at"]) for c in customers}
    referred = [c for c in customers if c["referred_by"]]
    assert 0.02 * N <= len(referred) <= 0.12 * N
    assert all(joined[c["referred_by"]] < joined[c["id"]] for c in referred)


def test_employees_have_shop_emails_and_unique_signatures(out: Path) -> None:
    employees = rows(out / "employees.csv")
    assert [e["id"] for e in employees] == [f"e{i:04d}" for i in range(1, 9)]
    assert all(
        re.fullmatch(r"[a-z]+\.[a-z]+\d*@rapportshop\.example", e["email"]) for e in employees
    )
    signatures = [e["signature"] for e in employees]
    assert len(set(signatures)) == len(signatures)
    assert all(re.fullmatch(r"\^[A-Z]{2,3}\d*", s) for s in signatures)
    assert 2 <= sum(1 for e in employees if e["twitter"]) < len(employees)


def test_products_include_the_planted_three_with_curated_complements(out: Path) -> None:
    products = {p["sku"]: p for p in rows(out / "products.csv")}
    assert len(products) >= 40
    assert (products[GS]["name"], products[GS]["category"]) == ("Green Shirt", "shirts")
    assert (products[SOCKS]["name"], products[SOCKS]["category"]) == ("Wool Socks", "socks")
    assert (products[TIE]["name"], products[TIE]["category"]) == ("Silk Tie", "ties")
    assert set(products[GS]["complements"].split(";")) == {SOCKS, TIE}
    names = [p["name"] for p in products.values()]
    assert len(set(names)) == len(names)
    for sku, name in ((GS, "Green Shirt"), (SOCKS, "Wool Socks"), (TIE, "Silk Tie")):
        assert not [n for n in names if name in n and products[sku]["name"] != n]
    for p in products.values():
        assert all(c in products for c in p["complements"].split(";") if c)
        assert float(p["price"]) > 0
    assert 3 <= len({p["brand"] for p in products.values()}) <= 8


# ---------------------------------------------------------------- Shopify orders


def test_shopify_rows_of_an_order_are_contiguous_and_only_the_first_has_totals(out: Path) -> None:
    table = rows(out / "orders.csv")
    seen: list[str] = []
    for r in table:
        if not seen or seen[-1] != r["Name"]:
            assert r["Name"] not in seen, "rows of one order must be contiguous"
            seen.append(r["Name"])
            assert r["Total"]
            assert r["Financial Status"]
            assert r["Currency"] == "EUR"
            assert r["Source"] in ("web", "pos")
        else:
            assert r["Total"] == r["Subtotal"] == r["Financial Status"] == r["Employee"] == ""
            assert r["Email"]
            assert r["Created at"]
        assert r["Lineitem sku"]
        assert r["Lineitem name"]
        assert int(r["Lineitem quantity"]) >= 1
    assert seen == [f"#{1001 + i}" for i in range(len(seen))]
    assert 2.0 * N < len(seen) < 4.0 * N
    sizes = Counter(r["Name"] for r in table)
    assert set(sizes.values()) <= {1, 2, 3, 4}
    assert max(sizes.values()) >= 3


def test_shopify_orders_add_up_and_name_real_people(out: Path) -> None:
    emails = {c["email"] for c in rows(out / "customers.csv")}
    staff = {e["id"] for e in rows(out / "employees.csv")}
    prices = {p["sku"]: p["price"] for p in rows(out / "products.csv")}
    offsets: set[str] = set()
    sources: Counter[tuple[str, bool]] = Counter()
    lines: dict[str, float] = defaultdict(float)
    heads: dict[str, dict[str, str]] = {}
    for r in rows(out / "orders.csv"):
        assert r["Email"] in emails
        assert r["Lineitem price"] == prices[r["Lineitem sku"]]
        lines[r["Name"]] += float(r["Lineitem price"]) * int(r["Lineitem quantity"])
        if r["Total"]:
            heads[r["Name"]] = r
    for name, r in heads.items():
        created = shop_time(r["Created at"])
        offsets.add(r["Created at"][-5:])
        assert shop_time(r["Paid at"]) >= created
        subtotal = lines[name] - float(r["Discount Amount"])
        assert float(r["Subtotal"]) == pytest.approx(subtotal, abs=0.01)
        assert float(r["Total"]) == pytest.approx(subtotal + float(r["Shipping"]), abs=0.01)
        assert r["Employee"] == "" or r["Employee"] in staff
        sources[(r["Source"], bool(r["Employee"]))] += 1
    assert len(offsets) >= 2
    assert sources[("pos", False)] == 0
    assert sources[("pos", True)] > 0
    web_share = sources[("web", True)] / (sources[("web", True)] + sources[("web", False)])
    assert 0.15 < web_share < 0.45


def test_shopify_times_keep_the_instant_across_offsets() -> None:
    moment = int(datetime(2025, 10, 7, 7, 50, 26, tzinfo=UTC).timestamp())
    assert shopify_time(moment, 120) == "2025-10-07 09:50:26 +0200"
    assert shopify_time(moment, -240) == "2025-10-07 03:50:26 -0400"
    assert shop_time(shopify_time(moment, 60)) == shop_time(shopify_time(moment, 0))


# ---------------------------------------------------------------- tweets


def test_tweet_entities_slice_the_text_exactly(out: Path) -> None:
    checked: Counter[str] = Counter()
    for page in jsonl(out / "tweets.jsonl"):
        for t in [*page["data"], *page["includes"]["tweets"]]:
            entities = t.get("entities", {})
            for m in entities.get("mentions", []):
                assert t["text"][m["start"] : m["end"]] == "@" + m["username"]
                checked["mentions"] += 1
            for h in entities.get("hashtags", []):
                assert t["text"][h["start"] : h["end"]] == "#" + h["tag"]
                checked["hashtags"] += 1
            for u in entities.get("urls", []):
                assert t["text"][u["start"] : u["end"]] == u["url"]
                assert u["expanded_url"].startswith("https://")
                checked["urls"] += 1
            assert len(re.findall(r"(?<!\w)@\w+", t["text"])) == len(entities.get("mentions", []))
            assert len(re.findall(r"(?<!\w)#\w+", t["text"])) == len(entities.get("hashtags", []))
    assert min(checked["mentions"], checked["hashtags"], checked["urls"]) >= 10


def test_tweet_ids_grow_with_time_and_references_resolve(out: Path) -> None:
    pages = jsonl(out / "tweets.jsonl")
    assert all(40 <= len(p["data"]) <= 100 for p in pages[:-1])
    everything = [t for p in pages for t in p["data"]]
    ids = [int(t["id"]) for t in everything]
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)
    assert [t["created_at"] for t in everything] == sorted(t["created_at"] for t in everything)
    assert 1.5 * N < len(everything) < 3.0 * N
    kinds: Counter[str] = Counter()
    for page in pages:
        assert page["meta"]["result_count"] == len(page["data"])
        assert page["meta"]["newest_id"] == max(page["data"], key=lambda t: int(t["id"]))["id"]
        held = {t["id"]: t for t in [*page["data"], *page["includes"]["tweets"]]}
        for t in page["data"]:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z", t["created_at"])
            for ref in t.get("referenced_tweets", []):
                kinds[ref["type"]] += 1
                assert ref["id"] in held
                assert int(ref["id"]) < int(t["id"])
            if t.get("in_reply_to_user_id"):
                assert t["referenced_tweets"][0]["type"] == "replied_to"
    assert min(kinds["replied_to"], kinds["retweeted"], kinds["quoted"]) >= 5


def test_page_users_cover_authors_and_mentions_with_followers_from_follows(out: Path) -> None:
    degree = in_degrees(out)
    following = Counter(r["follower"] for r in rows(out / "follows.csv"))
    ids_by_handle: dict[str, str] = {}
    for page in jsonl(out / "tweets.jsonl"):
        users = {u["id"]: u for u in page["includes"]["users"]}
        for t in [*page["data"], *page["includes"]["tweets"]]:
            assert t["author_id"] in users
            for m in t.get("entities", {}).get("mentions", []):
                assert users[m["id"]]["username"] == m["username"]
        for u in users.values():
            assert ids_by_handle.setdefault(u["username"], u["id"]) == u["id"]
            assert u["public_metrics"]["followers_count"] == degree[u["username"]]
            assert u["public_metrics"]["following_count"] == following[u["username"]]
            assert re.fullmatch(r"\d+", u["id"])
    assert ids_by_handle["rapportshop"]
    assert len(set(ids_by_handle.values())) == len(ids_by_handle)


def test_brand_replies_answer_with_an_employee_signature(out: Path) -> None:
    signatures = {e["signature"] for e in rows(out / "employees.csv")}
    everything = {
        t["id"]: t
        for p in jsonl(out / "tweets.jsonl")
        for t in [*p["data"], *p["includes"]["tweets"]]
    }
    brand_id = next(
        u["id"]
        for p in jsonl(out / "tweets.jsonl")
        for u in p["includes"]["users"]
        if u["username"] == "rapportshop"
    )
    replies = [
        t for t in everything.values() if t["author_id"] == brand_id and t.get("referenced_tweets")
    ]
    assert len(replies) >= 10
    for t in replies:
        assert t["text"].rsplit(" ", 1)[-1] in signatures
        original = everything[t["referenced_tweets"][0]["id"]]
        assert t["referenced_tweets"][0]["type"] == "replied_to"
        assert t["in_reply_to_user_id"] == original["author_id"]
        assert original["author_id"] in {m["id"] for m in t["entities"]["mentions"]}
        assert "@rapportshop" in original["text"]


# ---------------------------------------------------------------- follows and friendships


def test_follows_have_no_self_loops_or_duplicates_and_a_heavy_tail(out: Path) -> None:
    follows = rows(out / "follows.csv")
    pairs = [(r["follower"], r["followed"]) for r in follows]
    assert all(r["platform"] == "twitter" for r in follows)
    assert all(a != b for a, b in pairs)
    assert len(set(pairs)) == len(pairs)
    known = {c["twitter"] for c in rows(out / "customers.csv") if c["twitter"]}
    known |= {e["twitter"] for e in rows(out / "employees.csv") if e["twitter"]} | {"rapportshop"}
    accounts = {h for pair in pairs for h in pair}
    assert accounts == known
    assert 7 * len(accounts) < len(pairs) < 13 * len(accounts)
    degree = in_degrees(out)
    counts = [degree[h] for h in accounts]
    assert max(counts) > 10 * statistics.median(counts)


def test_friendships_pair_distinct_customers_and_follow_the_network(out: Path) -> None:
    customers = rows(out / "customers.csv")
    ids = {c["id"] for c in customers}
    handle = {c["id"]: c["twitter"] for c in customers}
    pairs = [(r["customer_a"], r["customer_b"]) for r in rows(out / "friendships.csv")]
    assert all(a in ids and b in ids and a != b for a, b in pairs)
    assert len({frozenset(p) for p in pairs}) == len(pairs)
    assert 1.2 * N < len(pairs) < 2.5 * N
    edges = {(r["follower"], r["followed"]) for r in rows(out / "follows.csv")}
    both = [(handle[a], handle[b]) for a, b in pairs if handle[a] and handle[b]]
    linked = sum(1 for a, b in both if (a, b) in edges or (b, a) in edges)
    assert linked > 0.4 * len(both)


# ---------------------------------------------------------------- planted truths


def test_top_influencer_is_among_the_three_most_followed(out: Path, truth: Truth) -> None:
    inf = truth.top_influencer
    customers = {c["id"]: c for c in rows(out / "customers.csv")}
    assert customers[inf.customer]["twitter"] == inf.handle
    ranked = [h for h, _ in in_degrees(out).most_common()]
    assert inf.handle in ranked[:3]
    customer_handles = {c["twitter"] for c in customers.values() if c["twitter"]}
    assert next(h for h in ranked if h in customer_handles) == inf.handle


def test_influencer_followers_buy_the_green_shirt_in_a_burst_after_the_praise(
    out: Path, truth: Truth
) -> None:
    inf = truth.top_influencer
    t0 = iso(inf.praised_at)
    assert NOW - timedelta(days=125) < t0 < NOW - timedelta(days=115)
    by_handle = {c["twitter"]: c["id"] for c in rows(out / "customers.csv") if c["twitter"]}
    fans = {by_handle[h] for h in followers_of(out, inf.handle) if h in by_handle}
    shirts = [o for o in orders(out).values() if GS in o["skus"]]
    window = {o["customer"] for o in shirts if t0 < o["at"] <= t0 + timedelta(days=30)}
    converted = set(inf.converted_followers)
    assert len(converted) >= 15
    assert converted <= fans
    assert converted <= window
    assert len(window & fans) >= 0.25 * len(fans)
    assert all(
        o["at"] >= t0 + timedelta(days=2)
        for o in shirts
        if o["customer"] in converted and o["at"] > t0
    )
    # Never such a burst elsewhere: any other 30-day window holds far fewer shirt orders.
    burst = sum(1 for o in shirts if t0 < o["at"] <= t0 + timedelta(days=30))
    for day in range(400 - 30):
        start = NOW - timedelta(days=400 - day)
        if abs((start - t0).days) > 31:
            count = sum(1 for o in shirts if start < o["at"] <= start + timedelta(days=30))
            assert count < burst / 3


def test_influencer_praises_the_green_shirt_and_is_echoed_and_referring(
    out: Path, truth: Truth
) -> None:
    inf = truth.top_influencer
    everything = [t for p in jsonl(out / "tweets.jsonl") for t in p["data"]]
    praise = next(t for t in everything if t["id"] == inf.praise_tweet)
    assert iso(praise["created_at"]) == iso(inf.praised_at)
    assert "Green Shirt" in praise["text"]
    assert "@rapportshop" in praise["text"]
    assert praise["entities"]["hashtags"]
    assert praise["public_metrics"]["like_count"] > 0
    others = [
        t for t in everything if "Green Shirt" in t["text"] and not t["text"].startswith("RT ")
    ]
    assert others == [praise]
    ids = {
        u["username"]: u["id"] for p in jsonl(out / "tweets.jsonl") for u in p["includes"]["users"]
    }
    handle = {c["id"]: c["twitter"] for c in rows(out / "customers.csv")}
    converts = {ids[handle[c]] for c in inf.converted_followers if handle[c] in ids}
    echoes = [
        t
        for t in everything
        if t["author_id"] in converts
        and (
            any(r["id"] == praise["id"] for r in t.get("referenced_tweets", []))
            or ids[inf.handle] in {m["id"] for m in t.get("entities", {}).get("mentions", [])}
        )
    ]
    assert len(echoes) >= 3
    referred = [c for c in rows(out / "customers.csv") if c["referred_by"] == inf.customer]
    assert len(referred) >= 3


def test_green_shirt_complements_co_occur_as_planted(out: Path, truth: Truth) -> None:
    assert truth.complements.product == GS
    assert truth.complements.top_two == (SOCKS, TIE)
    baskets = [set(o["skus"]) for o in orders(out).values()]
    shirts = [b for b in baskets if GS in b]
    together = Counter(sku for b in shirts for sku in b - {GS})
    (first, n1), (second, n2), *rest = together.most_common()
    assert (first, second) == (SOCKS, TIE)
    assert n1 / len(shirts) >= 0.6
    assert n2 / len(shirts) >= 0.5
    assert not rest or rest[0][1] < n2 / 3
    for sku, n in ((SOCKS, n1), (TIE, n2)):
        support = sum(1 for b in baskets if sku in b) / len(baskets)
        assert (n / len(shirts)) / support > 5  # lift


def test_angry_post_is_recent_negative_unanswered_and_influential(out: Path, truth: Truth) -> None:
    angry = truth.angry_post
    assert angry.customer != truth.top_influencer.customer
    customers = {c["id"]: c for c in rows(out / "customers.csv")}
    assert customers[angry.customer]["twitter"] == angry.handle
    assert angry.handle in [h for h, _ in in_degrees(out).most_common(10)]
    pages = jsonl(out / "tweets.jsonl")
    everything = [t for p in pages for t in p["data"]]
    post = next(t for t in everything if t["id"] == angry.tweet)
    author = next(u for p in pages for u in p["includes"]["users"] if u["id"] == post["author_id"])
    assert author["username"] == angry.handle
    assert NOW - timedelta(days=3) <= iso(post["created_at"]) <= NOW
    product = next(p for p in rows(out / "products.csv") if p["sku"] == angry.product)
    assert product["name"] in post["text"]
    assert "@rapportshop" in post["text"]
    assert re.search(r"\bworst\b", post["text"], re.I)
    assert re.search(r"terrible", post["text"])
    brand = author_id_of(pages, "rapportshop")
    assert not [
        t
        for t in everything
        if t["author_id"] == brand
        and any(r["id"] == angry.tweet for r in t.get("referenced_tweets", []))
    ]
    bought = [
        o
        for o in orders(out).values()
        if o["customer"] == angry.customer and angry.product in o["skus"]
    ]
    assert bought
    assert all(o["at"] < iso(post["created_at"]) for o in bought)


def author_id_of(pages: list[dict[str, Any]], handle: str) -> str:
    return str(
        next(u["id"] for p in pages for u in p["includes"]["users"] if u["username"] == handle)
    )


def recent_inbound(out: Path, customer: str, days: int = 60) -> Counter[str]:
    return Counter(
        r["employee"]
        for r in rows(out / "interactions.csv")
        if r["customer"] == customer
        and r["direction"] == "inbound"
        and iso(r["at"]) > NOW - timedelta(days=days)
    )


def warmth(out: Path, customer: str) -> Counter[str]:
    """A rough warmth: recency-decayed contacts (negative ones count against) and sales."""
    score: Counter[str] = Counter()
    for r in rows(out / "interactions.csv"):
        if r["customer"] == customer:
            decay = 0.5 ** ((NOW - iso(r["at"])).days / 90)
            score[r["employee"]] += -decay if NEGATIVE_NOTE.search(r["notes"]) else decay
    for o in orders(out).values():
        if o["customer"] == customer and o["employee"]:
            score[o["employee"]] += 0.5 ** ((NOW - o["at"]).days / 90)
    return score


def test_warmest_employee_has_the_most_recent_inbound_contacts_and_sales(
    out: Path, truth: Truth
) -> None:
    warm = truth.warmest_employee
    inbound = recent_inbound(out, warm.customer)
    assert inbound.most_common(1)[0][0] == warm.employee
    assert inbound[warm.employee] >= 4
    ranked = [e for e, _ in warmth(out, warm.customer).most_common()]
    assert ranked[:2] == [warm.employee, warm.runner_up]
    contacts = [r for r in rows(out / "interactions.csv") if r["customer"] == warm.customer]
    negative = {r["employee"] for r in contacts if NEGATIVE_NOTE.search(r["notes"])}
    assert negative
    assert warm.employee not in negative
    assert warm.runner_up not in negative
    sales = [
        o
        for o in orders(out).values()
        if o["customer"] == warm.customer
        and o["employee"] == warm.employee
        and o["at"] > NOW - timedelta(days=60)
    ]
    assert len(sales) >= 2
    staff = {e["id"]: e["email"] for e in rows(out / "employees.csv")}
    email_of = {c["id"]: c["email"] for c in rows(out / "customers.csv")}
    pair = {staff[warm.employee], email_of[warm.customer]}
    assert any({*addresses(m, "From"), *addresses(m, "To")} == pair for m in messages(out))


def test_angry_customers_assignee_is_their_warmest_contact(out: Path, truth: Truth) -> None:
    angry = truth.angry_post
    assert recent_inbound(out, angry.customer).most_common(1)[0][0] == angry.assignee
    assert warmth(out, angry.customer).most_common(1)[0][0] == angry.assignee


# ---------------------------------------------------------------- e-mail, interactions, Yelp


def test_mbox_parses_and_every_address_belongs_to_a_person(out: Path) -> None:
    people = {c["email"] for c in rows(out / "customers.csv")}
    people |= {e["email"] for e in rows(out / "employees.csv")}
    mails = list(messages(out))
    assert 0.3 * N < len(mails) < 0.9 * N
    ids = [m["Message-ID"] for m in mails]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"<[\w.]+@[\w.-]+>", i) for i in ids)
    for m in mails:
        for header in ("From", "To", "Cc"):
            assert set(addresses(m, header)) <= people
        assert len(addresses(m, "From")) == len(addresses(m, "To")) == 1
        assert email.utils.parsedate_to_datetime(m["Date"]).tzinfo is not None
        assert m.get_from().split()[0] == addresses(m, "From")[0]
    assert {m["In-Reply-To"] for m in mails if m["In-Reply-To"]} <= set(ids)
    assert sum(1 for m in mails if m["Cc"]) >= 1


def test_mbox_mixes_alternative_parts_attachments_and_encoded_headers(out: Path) -> None:
    mails = list(messages(out))
    alternative = [m for m in mails if m.get_content_type() == "multipart/alternative"]
    assert 0.1 < len(alternative) / len(mails) < 0.4
    for m in alternative:
        assert [p.get_content_type() for p in m.walk()][1:] == ["text/plain", "text/html"]
    attached = [p for m in mails for p in m.walk() if p.get_filename()]
    assert attached
    assert all(p.get_payload(decode=True) for p in attached)
    raw = (out / "mail.mbox").read_bytes()
    assert b"=?utf-8?q?" in raw
    encoded = [m for m in mails if "=?utf-8?q?" in m["From"]]
    name = str(email.header.make_header(email.header.decode_header(encoded[0]["From"])))
    assert not name.isascii()
    assert "=?" not in name
    plain = next(p for p in mails[0].walk() if p.get_content_type() == "text/plain")
    body = plain.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert "Best regards," in body.decode(plain.get_content_charset() or "ascii")


def test_interactions_reference_people_with_known_channels_and_tones(out: Path) -> None:
    table = rows(out / "interactions.csv")
    customers = {c["id"] for c in rows(out / "customers.csv")}
    staff = {e["id"] for e in rows(out / "employees.csv")}
    assert [r["id"] for r in table] == [f"i{n:07d}" for n in range(1, len(table) + 1)]
    assert 2 * N < len(table) < 4 * N
    assert [r["at"] for r in table] == sorted(r["at"] for r in table)
    assert {r["channel"] for r in table} == {"email", "call", "meeting", "chat", "visit", "social"}
    assert {r["direction"] for r in table} == {"inbound", "outbound"}
    assert all(r["employee"] in staff and r["customer"] in customers for r in table)
    assert all(r["subject"] and r["notes"].endswith(".") for r in table)
    negative = sum(1 for r in table if NEGATIVE_NOTE.search(r["notes"]))
    assert 0.05 < negative / len(table) < 0.3
    per_customer: dict[str, set[str]] = defaultdict(set)
    for r in table:
        per_customer[r["customer"]].add(r["employee"])
    assert statistics.median(len(v) for v in per_customer.values()) <= 3


def test_yelp_files_have_the_documented_fields_and_consistent_counts(out: Path) -> None:
    businesses = jsonl(out / "yelp_business.json")
    users = jsonl(out / "yelp_user.json")
    reviews = jsonl(out / "yelp_review.json")
    assert 3 <= len(businesses) <= 6
    assert all(b["name"].startswith("Rapport Shop ") and b["is_open"] == 1 for b in businesses)
    assert {
        "business_id",
        "name",
        "categories",
        "city",
        "state",
        "stars",
        "review_count",
        "is_open",
    } <= set(businesses[0])
    assert list(users[0]) == [
        "user_id",
        "name",
        "review_count",
        "yelping_since",
        "friends",
        "useful",
        "funny",
        "cool",
        "fans",
        "average_stars",
    ]
    assert list(reviews[0]) == [
        "review_id",
        "user_id",
        "business_id",
        "stars",
        "useful",
        "funny",
        "cool",
        "text",
        "date",
    ]
    assert len(users) == N // 10
    first_names = {c["name"].split(" ")[0] for c in rows(out / "customers.csv")}
    user_ids = {u["user_id"] for u in users}
    for u in users:
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", u["user_id"])
        assert u["name"] in first_names
        assert u["friends"] == "None" or set(u["friends"].split(", ")) <= user_ids
        assert datetime.strptime(u["yelping_since"], "%Y-%m-%d %H:%M:%S")
        mine = [r for r in reviews if r["user_id"] == u["user_id"]]
        assert u["review_count"] == len(mine)
        assert u["average_stars"] == pytest.approx(statistics.mean(r["stars"] for r in mine), 0.01)
    for b in businesses:
        theirs = [r["stars"] for r in reviews if r["business_id"] == b["business_id"]]
        assert b["review_count"] == len(theirs)
        assert abs(b["stars"] - statistics.mean(theirs)) <= 0.25 if theirs else b["stars"] == 0
    assert any(u["friends"] != "None" for u in users)


def test_yelp_review_texts_agree_with_their_stars_and_name_products(out: Path) -> None:
    products = [p["name"] for p in rows(out / "products.csv")]
    good = re.compile(r"perfect|excellent|wonderful|lovely|helpful|recommend|best", re.I)
    bad = re.compile(r"terrible|avoid|worst|rude|fell apart|never again|damaged", re.I)
    reviews = jsonl(out / "yelp_review.json")
    assert {r["stars"] for r in reviews} <= {1, 2, 3, 4, 5}
    for r in reviews:
        assert any(name in r["text"] for name in products)
        if r["stars"] == 5:
            assert good.search(r["text"])
            assert not bad.search(r["text"])
        if r["stars"] == 1:
            assert bad.search(r["text"])
            assert not good.search(r["text"])
