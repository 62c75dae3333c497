"""Analyses inside Neo4j with Graph Data Science (RAPPORT_ANALYZE_IN_DATABASE), against the
in-process ones on the planted data."""

from __future__ import annotations

import pytest

from graph.errors import ConfigError
from graph.jobs.analyze import analyze
from graph.store.repository import Repository
from importers.generate import Truth


def _tuned(repo: Repository, **settings: object) -> Repository:
    tuned = Repository(repo.connection)
    tuned.settings = repo.settings.model_copy(update=settings)
    return tuned


def _scores(repo: Repository) -> dict[str, tuple[float, int, int]]:
    cols = repo.read("analytics/customer_scores")[0]
    rows = zip(cols["ids"], cols["influence"], cols["influenceRank"], cols["community"],
               strict=True)  # fmt: skip
    return {c: (i, int(r), int(k)) for c, i, r, k in rows if r > 0}


@pytest.mark.embedded_only
def test_the_embedded_database_says_it_cannot_analyse_inside(repo: Repository) -> None:
    with pytest.raises(ConfigError, match="no Graph Data Science") as raised:
        analyze(_tuned(repo, analyze_in_database=True), only=["influence"])
    assert "RAPPORT_NEO4J_GDS=true" in (raised.value.hint or "")


@pytest.mark.neo4j_only
def test_pagerank_and_louvain_inside_neo4j_agree_with_the_in_process_ones(
    repo: Repository, planted: Truth
) -> None:
    here = _scores(repo)  # the planted data, analysed in this process
    try:
        report = analyze(_tuned(repo, analyze_in_database=True), only=["influence", "communities"])
        inside = _scores(repo)
    finally:
        analyze(repo, only=["influence", "communities"])  # as the other tests expect it
    assert [s.notes.get("engine") for s in report.stages] == ["gds", "gds"]
    assert set(inside) == set(here)  # the same customers scored: those with influence edges
    assert sum(i for i, _, _ in inside.values()) == pytest.approx(1.0, abs=1e-4)
    top = planted.top_influencer.customer
    assert inside[top][1] == 1 == here[top][1]
    by_rank = sorted(inside, key=lambda c: inside[c][1])
    here_top = {c for c in here if here[c][1] <= 20}
    assert len(here_top & set(by_rank[:20])) >= 16  # the leaders are the same people
    assert len({k for _, _, k in inside.values()}) > 1  # communities were found
