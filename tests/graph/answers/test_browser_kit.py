"""The Neo4j Browser kit (``cypher/browser/``): every saved query runs on this engine and finds the
planted truths of the generated data, the same answers the GraphQL questions give."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from graph.answers import customers, influencers
from graph.store import cypher
from graph.store.repository import Repository
from importers.generate import Truth

KIT = Path(cypher.__file__).resolve().parents[2] / "cypher" / "browser"


def kit(repo: Repository, name: str, **params: object) -> list[dict[str, object]]:
    return repo.read(f"browser/{name}", **params)


def drawn_ids(value: object) -> set[str]:
    """The ids of the nodes in the paths Neo4j Browser would draw from one returned value."""
    paths = value if isinstance(value, list) else [value]
    return {node["id"] for path in paths if path is not None for node in path.nodes}


def test_every_kit_query_is_tested_here() -> None:
    tested = {
        name.removeprefix("test_").split("__")[0] for name in globals() if name.startswith("test_")
    }
    assert {p.stem for p in KIT.glob("*.cypher")} <= tested | {"customer_neighbourhood"}


def test_top_influencers__the_planted_influencer_leads_with_their_audience(
    repo: Repository, planted: Truth
) -> None:
    rows = kit(repo, "top_influencers", limit=5, audience=10)
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["id"] == planted.top_influencer.customer
    assert [r["id"] for r in rows] == [
        r.customer for r in influencers.top_influencers(repo, first=5)
    ]
    drawn = drawn_ids(rows[0]["audience"])
    assert len(drawn) == 11  # the influencer and ten of the people they reach
    assert rows[0]["reach"] >= len(planted.top_influencer.converted_followers)


def test_product_influencers__the_green_shirt_was_sold_by_the_planted_influencer(
    repo: Repository, planted: Truth
) -> None:
    truth = planted.top_influencer
    rows = kit(repo, "product_influencers", product=truth.product, limit=5)
    assert rows[0]["id"] == truth.customer
    assert rows[0]["conversions"] == len(truth.converted_followers)
    assert drawn_ids(rows[0]["converted"]) >= set(truth.converted_followers) | {truth.product}
    answer = influencers.product_influencers(repo, truth.product, first=1)
    assert (answer[0].customer, answer[0].score) == (truth.customer, rows[0]["conversions"])


def test_topic_influencers__customers_by_their_posts_on_the_topic(
    repo: Repository, planted: Truth
) -> None:
    rows = kit(repo, "topic_influencers", topic="style", limit=50)
    assert rows, "the generated posts carry #style"
    assert [r["posts"] for r in rows] == sorted((r["posts"] for r in rows), reverse=True)
    assert all("style" in drawn_ids(r["conversation"]) for r in rows)
    leaders = {r.customer for r in influencers.topic_influencers(repo, "style", first=50)}
    assert {r["id"] for r in rows} == leaders
    assert kit(repo, "topic_influencers", topic="no-such-topic", limit=5) == []


def test_influence_neighbourhood__shows_whom_the_influencer_converted(
    repo: Repository, planted: Truth
) -> None:
    truth = planted.top_influencer
    rows = kit(repo, "influence_neighbourhood", id=truth.customer)
    assert 0 < len(rows) <= 300
    assert drawn_ids([r["path"] for r in rows]) >= set(truth.converted_followers)
    assert [r["strength"] for r in rows] == sorted((r["strength"] for r in rows), reverse=True)


def test_communities__sizes_add_up_and_the_leader_is_the_most_influential_member(
    repo: Repository, planted: Truth
) -> None:
    rows = kit(repo, "communities", limit=1000)
    (leader,) = repo.read("read/customer_by_ids", ids=[planted.top_influencer.customer])
    community = leader["props"]["community"]
    mine = next(r for r in rows if r["community"] == community)
    assert mine["leader"] == planted.top_influencer.customer
    assert [r["members"] for r in rows] == sorted((r["members"] for r in rows), reverse=True)
    assert sum(r["outside"] for r in rows) > 0


def test_community_bridges__reach_other_communities_only(repo: Repository, planted: Truth) -> None:
    rows = kit(repo, "community_bridges", limit=10)
    assert rows
    assert all(r["reaches"] >= 1 for r in rows)
    assert [r["reaches"] for r in rows] == sorted((r["reaches"] for r in rows), reverse=True)
    for row in rows:
        assert all(p.end_node["community"] != row["community"] for p in row["bridges"])


def test_influence_path__matches_the_api_answer(repo: Repository, planted: Truth) -> None:
    truth = planted.top_influencer
    follower = truth.converted_followers[0]
    (row,) = kit(repo, "influence_path", **{"from": truth.customer, "to": follower})
    assert row["ids"] == influencers.influence_path(repo, truth.customer, follower)
    assert row["ids"][0] == truth.customer
    assert row["ids"][-1] == follower
    assert 0 < row["strength"] <= 1
    back = influencers.influence_path(repo, follower, truth.customer)
    rows = kit(repo, "influence_path", **{"from": follower, "to": truth.customer})
    if back is None:
        assert rows == []
    elif len(back) <= 5:  # within the kit's four steps
        assert rows[0]["ids"] == back


def test_campaign_seeds__draws_the_chosen_seeds_and_their_overlap(
    repo: Repository, planted: Truth
) -> None:
    seeds, _ = influencers.campaign_seeds(repo, k=3)
    rows = kit(repo, "campaign_seeds", ids=seeds)
    assert {r["id"] for r in rows} == set(seeds)
    assert planted.top_influencer.customer in seeds
    for row in rows:
        assert 0 <= row["shared"] <= row["reach"]
        assert len(drawn_ids(row["audience"])) == row["reach"] + 1


def test_warmth_map__the_planted_warmest_employee_is_warmest_with_their_customer(
    repo: Repository, planted: Truth
) -> None:
    truth = planted.warmest_employee
    rows = [r for r in kit(repo, "warmth_map", store=None, team=None, min=0)
            if r["customer"] == truth.customer]  # fmt: skip
    assert rows[0]["employee"] == truth.employee
    assert rows[1]["employee"] == truth.runner_up
    answer = customers.warmest_employees(repo, truth.customer, first=1)[0]
    assert rows[0]["warmth"] == pytest.approx(answer.warmth)
    (employee,) = repo.read("read/employee_by_ids", ids=[truth.employee])
    store = employee["props"]["store"]
    in_store = kit(repo, "warmth_map", store=store, team=None, min=0)
    assert in_store
    assert any(r["customer"] == truth.customer for r in in_store)
    staff = repo.read("read/employee_by_ids", ids=sorted({r["employee"] for r in in_store}))
    assert {e["props"]["store"] for e in staff} == {store}
    warm = kit(repo, "warmth_map", store=None, team=None, min=50)
    assert all(r["warmth"] >= 50 for r in warm)


def test_complaint_hotspots__the_angry_post_is_counted_in_its_week(
    repo: Repository, planted: Truth
) -> None:
    angry = planted.angry_post
    rows = kit(repo, "complaint_hotspots", since="2000-01-01")
    hot = [
        r for r in rows if r["product"] == angry.product and f"twitter:{angry.tweet}" in r["posts"]
    ]
    assert len(hot) == 1
    assert hot[0]["alerts"] >= 1
    week = datetime.fromisoformat(hot[0]["week"])
    assert week.weekday() == 0  # weeks start on Monday, as date.truncate('week') does
    after = (week + timedelta(days=7)).date().isoformat()
    still = [
        r for r in kit(repo, "complaint_hotspots", since=after) if r["product"] == angry.product
    ]
    assert all(f"twitter:{angry.tweet}" not in r["posts"] for r in still)


def test_follower_network__the_most_followed_account_comes_first(
    repo: Repository, planted: Truth
) -> None:
    rows = kit(repo, "follower_network", limit=10)
    assert rows[0]["account"] == f"twitter:{planted.top_influencer.handle}"
    assert [r["followers"] for r in rows] == sorted((r["followers"] for r in rows), reverse=True)
    assert all(r["followers"] > 0 for r in rows)
