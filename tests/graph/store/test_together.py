"""Reads sent together as one statement answer as each read alone, on the database under test."""

from __future__ import annotations

from typing import Any

import pytest

from graph.answers.customers import CustomerProfile
from graph.store.repository import Repository
from importers.generate import Truth

#: A customer 360's reads of its customer (what the API sends together).
PER_CUSTOMER = (
    "activity/accounts_of", "activity/purchases_with_lines_of", "activity/posts_of",
    "activity/interactions_of", "questions/warmest_employees_of", "questions/influencers_of",
    "questions/influenced_of",
)  # fmt: skip


def _reads(ids: list[str]) -> list[tuple[str, dict[str, Any]]]:
    values = ("read/customer_values_by_ids", {"ids": ids, "keys": list(CustomerProfile.KEYS)})
    return [values, *((name, {"ids": ids}) for name in PER_CUSTOMER)]


def _same_rows(rows: list[dict[str, Any]]) -> list[str]:
    """The rows in an order of their own: a read without ORDER BY promises none."""
    return sorted(repr(sorted(r.items())) for r in rows)


@pytest.mark.parametrize(
    "who", ["influencer", "influencer and a follower", "nobody", "no one asked"]
)
def test_reads_together_answer_as_each_alone(repo: Repository, planted: Truth, who: str) -> None:
    top = planted.top_influencer
    ids = {
        "influencer": [top.customer],
        "influencer and a follower": [top.customer, top.converted_followers[0]],
        "nobody": ["zz-no-such-customer"],
        "no one asked": [],
    }[who]
    reads = _reads(ids)
    before = repo.round_trips
    together = repo.read_together(reads)
    assert repo.round_trips - before == 1
    alone = [repo.read(name, **params) for name, params in reads]
    assert [_same_rows(rows) for rows in together] == [_same_rows(rows) for rows in alone]
    if who == "influencer":  # the comparison saw real rows: the influencer's followers and more
        named = dict(zip((name for name, _ in reads), together, strict=True))
        assert len(named["questions/influenced_of"]) >= len(top.converted_followers)
        assert named["read/customer_values_by_ids"][0]["id"] == top.customer
        assert named["activity/accounts_of"][0]["handle"] == top.handle


def test_a_request_answers_the_reads_it_was_given_ahead(repo: Repository, planted: Truth) -> None:
    request = repo.for_request()
    reads = _reads([planted.top_influencer.customer])
    request.answer_ahead(reads)
    before = repo.round_trips  # the copy counts with the repository it came from
    for name, params in reads:
        assert request.read(name, **params) == repo.read(name, **params)
    assert repo.round_trips - before == len(reads)  # the repository's own reads only
    # Another customer is not in the answers: read from the database.
    other = {"ids": [planted.top_influencer.converted_followers[0]]}
    assert request.read("activity/accounts_of", **other) == repo.read(
        "activity/accounts_of", **other
    )
    # The shared repository never answers from a request's reads.
    assert not repo.for_request()._answers


def test_first_read_tells_the_statement_a_function_starts_with(repo: Repository) -> None:
    from graph.answers import activity

    assert repo.first_read(activity.accounts_of, ["c1"]) == (
        "activity/accounts_of",
        {"ids": ["c1"]},
    )

    def reads_nothing(_: Repository, ids: list[str]) -> dict[str, Any]:
        return {}

    def fails(_: Repository, ids: list[str]) -> dict[str, Any]:
        raise ValueError("bad input")

    before = repo.round_trips
    assert repo.first_read(reads_nothing, ["c1"]) is None
    assert repo.first_read(fails, ["c1"]) is None
    assert repo.round_trips == before
