"""X/Twitter v2 and Yelp: accounts, posts, references, enrichment, attribution, bad lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graph.store import reads
from graph.store.repository import Repository
from tests.importers.conftest import Importer, node, out, rejects_of


def _user(uid: str, username: str, name: str, followers: int, **extra: Any) -> dict[str, Any]:
    return {"id": uid, "username": username, "name": name, "location": extra.get("location", ""),
            "description": extra.get("description", ""), "verified": False,
            "created_at": "2015-01-01T00:00:00.000Z",
            "public_metrics": {"followers_count": followers, "following_count": 10,
                               "tweet_count": 100, "listed_count": 1}}  # fmt: skip


def _tweet(tid: str, author: str, text: str, when: str, **extra: Any) -> dict[str, Any]:
    tweet = {"id": tid, "author_id": author, "text": text, "created_at": when, "lang": "en",
             "conversation_id": extra.get("conversation", tid),
             "public_metrics": {"retweet_count": 2, "reply_count": 1, "like_count": 7,
                                "quote_count": 1, "impression_count": 90}}  # fmt: skip
    tweet.update({k: v for k, v in extra.items() if k != "conversation"})
    return tweet


PRAISE = "Love my Green Shirt from @rapportshop 😍 #style"
COMPLAINT = (
    "@rapportshop my sku-grn-shirt ripped after one wash. Worst quality ever, I want a refund 😡"
)
REPLY = "@ann_lee Sorry to hear that, we'll make it right. DM us! ^ES"


def _response() -> dict[str, Any]:
    users = [_user("1", "Ann_Lee", "Ann Lee", 5400, location="Lyon, France"),
             _user("2", "rapportshop", "Rapport Shop", 90000),
             _user("3", "bob_r", "Bob Ray", 12, description="write to bob@example.com")]  # fmt: skip
    praise_entities = {"mentions": [{"start": 23, "end": 35, "username": "rapportshop", "id": "2"}],
                       "hashtags": [{"start": 39, "end": 45, "tag": "style"}]}  # fmt: skip
    data = [
        _tweet("100", "1", PRAISE, "2025-06-01T10:00:00.000Z", entities=praise_entities),
        _tweet("101", "1", COMPLAINT, "2025-10-01T10:00:00.000Z"),
        _tweet("102", "2", REPLY, "2025-10-01T11:00:00.000Z", in_reply_to_user_id="1",
               referenced_tweets=[{"type": "replied_to", "id": "101"}]),
        _tweet("103", "3", "RT @Ann_Lee: " + PRAISE, "2025-06-02T10:00:00.000Z",
               referenced_tweets=[{"type": "retweeted", "id": "100"}]),
        _tweet("104", "3", "So true", "2025-06-02T11:00:00.000Z",
               referenced_tweets=[{"type": "quoted", "id": "999"}]),
        _tweet("105", "77", "who am I", "2025-06-02T11:00:00.000Z"),
    ]  # fmt: skip
    return {"data": data, "includes": {"users": users}, "meta": {"result_count": len(data)}}


def _people(import_file: Importer) -> None:
    import_file("customers.csv", "id,name,email,city,twitter\nc1,Ann Lee,ann@example.com,Lyon,ann_lee\n"
                "c2,Bob Ray,bob@example.com,Paris,\nc3,Cleo Park,cleo@example.com,Lyon,\n")  # fmt: skip
    import_file(
        "employees.csv", "id,name,email,role,signature\ne1,Eve Stone,eve@shop.example,care,^ES\n"
    )
    import_file("products.csv", "sku,name,brand\nSKU-GRN-SHIRT,Green Shirt,Acme\n")


def test_tweets_become_enriched_posts_with_their_links(
    import_file: Importer, graph_repo: Repository, tmp_path: Path
) -> None:
    _people(import_file)
    lines = json.dumps(_response()) + "\n" + "{not json\n"
    report = import_file("tweets.jsonl", lines)
    summary = report.summaries[0]
    assert summary.format == "twitter"
    assert summary.rejected == 2  # the broken line and the tweet whose author is unknown
    praise = node(graph_repo, "Post", "twitter:100")
    assert (praise["sentimentLabel"], praise["intent"], praise["category"]) == (
        "positive", "praise", "feedback",
    )  # fmt: skip
    assert praise["likes"] == 7
    assert praise["url"] == "https://x.com/ann_lee/status/100"
    assert out(graph_repo, ("Post", "ABOUT", "Product"), "twitter:100") == ["SKU-GRN-SHIRT"]
    assert out(graph_repo, ("Post", "MENTIONS", "SocialAccount"), "twitter:100") == [
        "twitter:rapportshop"
    ]
    assert out(graph_repo, ("Post", "TAGGED", "Topic"), "twitter:100") == ["style"]
    complaint = node(graph_repo, "Post", "twitter:101")
    assert (complaint["intent"], complaint["category"]) == ("complaint", "damage control")
    assert complaint["sentiment"] < -0.3
    # Mixed-case SKU in the text still finds the product.
    assert out(graph_repo, ("Post", "ABOUT", "Product"), "twitter:101") == ["SKU-GRN-SHIRT"]
    # The brand reply: linked to the complaint, attributed to the employee who signed it.
    assert out(graph_repo, ("Post", "REPLIES_TO", "Post"), "twitter:102") == ["twitter:101"]
    assert node(graph_repo, "Post", "twitter:102")["category"] == "personalisation"
    assert out(graph_repo, ("Employee", "WROTE", "Post"), "e1") == ["twitter:102"]
    # A retweet is a share of the original, not a post carrying the original's metrics again.
    assert out(graph_repo, ("SocialAccount", "SHARED", "Post"), "twitter:bob_r") == ["twitter:100"]
    assert reads.nodes_by_ids(graph_repo, "Post", ["twitter:103"]) == {}
    # A quoted tweet the file does not hold is kept as a bare post, so the edge is not lost.
    assert out(graph_repo, ("Post", "QUOTES", "Post"), "twitter:104") == ["twitter:999"]
    brand = node(graph_repo, "SocialAccount", "twitter:rapportshop")
    assert (brand["isBrand"], brand["followers"]) == (True, 90000)
    reasons = [r["reason"] for r in rejects_of(tmp_path / "tweets.jsonl")]
    assert reasons[0].startswith("tweet 105: author_id '77' is not in includes.users")
    assert reasons[1].startswith("broken JSON")


def test_accounts_are_linked_to_their_owners(import_file: Importer, graph_repo: Repository) -> None:
    _people(import_file)
    report = import_file("tweets.jsonl", json.dumps(_response()) + "\n")
    # Ann gave her handle to the CRM; Bob's profile shows his e-mail.
    assert out(graph_repo, ("Customer", "OWNS", "SocialAccount"), "c1") == ["twitter:ann_lee"]
    assert out(graph_repo, ("Customer", "OWNS", "SocialAccount"), "c2") == ["twitter:bob_r"]
    assert report.identities is not None
    assert out(graph_repo, ("Customer", "OWNS", "SocialAccount"), "c3") == []


def test_a_100kb_post_with_emoji_is_imported(import_file: Importer, graph_repo: Repository) -> None:
    text = ("This shirt is great 😍 " * 5000)[:100_000]
    response = {"data": [_tweet("200", "1", text, "2025-06-03T10:00:00Z")],
                "includes": {"users": [_user("1", "ann_lee", "Ann Lee", 1)]}}  # fmt: skip
    assert import_file("big.json", json.dumps(response, indent=2)).summaries[0].rejected == 0
    post = node(graph_repo, "Post", "twitter:200")
    assert len(post["text"]) == 100_000
    assert post["sentimentLabel"] == "positive"


YELP_BUSINESS = '{"business_id": "b1", "name": "Rapport Shop Lyon", "categories": "Fashion, Shopping", "city": "Lyon", "state": "ARA", "stars": 4.5}\n'
YELP_USERS = (
    '{"user_id": "u1", "name": "Ann", "review_count": 3, "yelping_since": "2019-05-01 10:00:00", "friends": "u2, u3", "fans": 4}\n'
    '{"user_id": "u2", "name": "Bob", "review_count": 1, "yelping_since": "2020-05-01 10:00:00", "friends": "None", "fans": 0}\n'
    '{"user_id": "", "name": "Nobody"}\n'
)
YELP_REVIEWS = (
    '{"review_id": "r1", "user_id": "u1", "business_id": "b1", "stars": 5, "useful": 2, "funny": 0, "cool": 1, "text": "Amazing service, I love this shop!", "date": "2025-02-03 14:00:00"}\n'
    '{"review_id": "r2", "user_id": "u2", "business_id": "b404", "stars": 1, "text": "Terrible.", "date": "2025-02-04 14:00:00"}\n'
)


def test_yelp_users_friends_and_reviews(
    import_file: Importer, graph_repo: Repository, tmp_path: Path
) -> None:
    import_file("business.json", YELP_BUSINESS)
    users = import_file("user.json", YELP_USERS).summaries[0]
    assert (users.format, users.read, users.rejected, users.pending) == ("yelp_user", 3, 1, 1)
    assert node(graph_repo, "Customer", "yelp:u1")["name"] == "Ann"
    # u1's friend u2 exists; u3 is not in the file: kept pending, not invented.
    assert out(graph_repo, ("Customer", "KNOWS", "Customer"), "yelp:u1") == ["yelp:u2"]
    reasons = [r["reason"] for r in rejects_of(tmp_path / "user.json")]
    assert reasons == ["missing user_id"]
    reviews = import_file("review.json", YELP_REVIEWS).summaries[0]
    # r2's business is not imported yet: the review is kept, its ABOUT waits for b404.
    assert (reviews.rejected, reviews.pending) == (0, 1)
    review = node(graph_repo, "Post", "yelp:r1")
    assert (review["sentimentLabel"], review["likes"], review["stars"]) == ("positive", 3, 5.0)
    assert out(graph_repo, ("Post", "ABOUT", "Product"), "yelp:r2") == []
    import_file("business2.json", '{"business_id": "b404", "name": "Late", "categories": ""}\n')
    assert out(graph_repo, ("Post", "ABOUT", "Product"), "yelp:r2") == ["yelp:b404"]
    assert out(graph_repo, ("Post", "ABOUT", "Product"), "yelp:r1") == ["yelp:b1"]
    assert out(graph_repo, ("SocialAccount", "POSTED", "Post"), "yelp:u1") == ["yelp:r1"]
