"""Settling what a webhook pushed (``ingest_items``): its own accounts' owners are looked for
(every unowned account's when it brings people), and only its own posts' alerts are raised."""

from __future__ import annotations

from graph import model
from graph.store.repository import Repository
from graph.store.writes import upsert
from importers.formats.base import FormatSpec, Item, Origin
from importers.run.live import ingest_items
from tests.graphdata import run_cypher

ACCOUNTS = FormatSpec("accounts", "a body of accounts", identities=True)
PEOPLE = FormatSpec("people", "a body of customers", identities=True)


def _owner(repo: Repository, account: str) -> list[str]:
    rows = run_cypher(repo, "MATCH (p)-[:OWNS]->(:SocialAccount {id: $a}) RETURN p.id AS p",
                      a=account)  # fmt: skip
    return [r["p"] for r in rows]


def _body(*records: model.Record) -> list[Item]:
    return [Item(origin=Origin(path="webhook", line=1, raw=""), records=list(records))]


def test_a_body_of_accounts_finds_its_own_accounts_owners_and_leaves_the_others(
    graph_repo: Repository,
) -> None:
    upsert(graph_repo, [
        model.Customer(id="pb-ann", name="Ann Pushed", email="ann.pushed@example.org"),
        # Unowned, and it would match Ann: not in the body, so not looked at.
        model.SocialAccount(id="twitter:pb_elsewhere", platform="twitter",
                            handle="pb_elsewhere", email="ann.pushed@example.org"),
    ])  # fmt: skip
    mine = model.SocialAccount(id="twitter:pb_ann", platform="twitter", handle="pb_ann",
                               email="ann.pushed@example.org")  # fmt: skip
    taken = ingest_items(graph_repo, _body(mine), ACCOUNTS)
    assert _owner(graph_repo, "twitter:pb_ann") == ["pb-ann"]
    assert _owner(graph_repo, "twitter:pb_elsewhere") == []
    assert taken.settled.identities is not None
    assert taken.settled.identities.accounts == 1


def test_a_body_that_brings_a_person_looks_at_every_unowned_account(
    graph_repo: Repository,
) -> None:
    upsert(graph_repo, [model.SocialAccount(id="twitter:pb_bob", platform="twitter",
                                            handle="pb_bob", email="bob.pushed@example.org")])  # fmt: skip
    bob = model.Customer(id="pb-bob", name="Bob Pushed", email="bob.pushed@example.org")
    ingest_items(graph_repo, _body(bob), PEOPLE)
    assert _owner(graph_repo, "twitter:pb_bob") == ["pb-bob"]


POSTS = FormatSpec("posts", "a body of posts", posts=True)


def _complaint(n: str) -> list[model.Record]:
    post = model.Post(id=f"twitter:pb-{n}", platform="twitter", text="ripped, awful",
                      sentiment=-0.8, source="t")  # fmt: skip
    return [
        model.SocialAccount(id=f"twitter:pb_angry_{n}", platform="twitter", handle=f"pb_angry_{n}"),
        post,
        model.Posted(start_id=f"twitter:pb_angry_{n}", end_id=post.id, source="t"),
        model.About(start_id=post.id, end_id="pb-sku", source="t"),
    ]


def test_a_body_of_posts_raises_the_alerts_of_its_own_posts(graph_repo: Repository) -> None:
    upsert(graph_repo, [model.Product(id="pb-sku", name="Pushed Shirt"), *_complaint("old")])
    taken = ingest_items(graph_repo, _body(*_complaint("new")), POSTS)
    assert [a.post for a in taken.settled.alerts] == ["twitter:pb-new"]
    # The post written before without settling is left to a full run (`rapport analyze`).
    rows = run_cypher(graph_repo, "MATCH (a:Alert)-[:ON]->(p:Post) WHERE p.id STARTS WITH "
                      "'twitter:pb-' RETURN p.id AS p")  # fmt: skip
    assert [r["p"] for r in rows] == ["twitter:pb-new"]
