"""How many customers are ranked, found by index lookups (an alert's influence percentile)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from graph.jobs.raise_alerts import _ranked
from graph.settings import Settings
from graph.store.connection import connect
from graph.store.repository import Repository
from tests.graphdata import run_cypher

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("customers", "ranked"), [(0, 0), (5, 0), (5, 5), (1000, 1), (1000, 737), (1000, 1000)]
)
def test_the_number_of_ranked_customers_is_the_last_rank_held(
    fresh_settings: Callable[..., Settings], customers: int, ranked: int
) -> None:
    with connect(fresh_settings("ranked")) as conn:
        repository = Repository(conn)
        run_cypher(repository, """UNWIND range(1, $customers) AS i
            CREATE (:Customer {id: 'c' + toString(i),
                               influenceRank: CASE WHEN i <= $ranked THEN i ELSE null END})""",
                   customers=customers, ranked=ranked)  # fmt: skip
        before = repository.round_trips
        assert _ranked(repository) == ranked
        # A count, then at most two rounds of 64 lookups for a thousand customers.
        assert repository.round_trips - before <= 3
