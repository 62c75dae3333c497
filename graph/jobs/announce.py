"""What an analysis tells other systems (through the event outbox and webhooks): who entered the
top k influencers, which employee-customer pairs crossed the warmth threshold, that it finished.

Each is compared with what the graph held before the run; the first run of a database is the
baseline and reports no entry or crossing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from graph.analytics import crossings
from graph.store.ahead import columns
from graph.store.repository import Repository

Event = tuple[str, dict[str, Any]]


def _text(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def influencers_entered(
    repository: Repository,
    run: datetime,
    stored: Mapping[str, Mapping[str, object]],
    ranks: Mapping[str, int],
    scores: Mapping[str, float],
) -> list[Event]:
    """``influencer.entered`` for each customer now in the top ``RAPPORT_WEBHOOK_TOP_K`` who was
    not in it by the ``stored`` scores (the graph's before this run)."""
    was = {
        c: int(rank)
        for c, s in stored.items()
        if isinstance(rank := s.get("influenceRank"), int | float)
    }
    if not was:  # the first ranking: nobody "entered", everyone is new
        return []
    k = repository.settings.webhook_top_k
    return [
        ("influencer.entered", {"customer": c, "rank": ranks[c], "previousRank": was.get(c),
                                "influence": round(scores[c], 8), "k": k, "run": _text(run)})
        for c in crossings.entered_top(was, ranks, k)
    ]  # fmt: skip


def warmth_crossed(
    repository: Repository,
    run: datetime,
    scope: set[str] | None,
    now: Mapping[tuple[str, str], float],
) -> list[Event]:
    """``warmth.crossed`` for each pair (of ``scope``'s customers) whose warmth ``now`` is on the
    other side of ``RAPPORT_WEBHOOK_WARMTH_THRESHOLD`` from the stored one."""
    if not repository.read("analytics/any_rapport"):  # the first warmth: nothing "crossed"
        return []
    threshold = repository.settings.webhook_warmth_threshold
    if scope is None:
        cols = columns(repository, "analytics/warm_pairs", threshold=threshold)
    else:
        cols = columns(repository, "analytics/warm_pairs_of", threshold=threshold,
                       ids=sorted(scope))  # fmt: skip
    before = {
        (e, c): float(w)
        for e, c, w in zip(cols["starts"], cols["ends"], cols["warmths"], strict=True)
    }
    return [
        ("warmth.crossed", {"employee": x.employee, "customer": x.customer, "warmth": x.warmth,
                            "previous": x.previous, "direction": x.direction,
                            "threshold": threshold, "run": _text(run)})
        for x in crossings.warmth_crossings(before, now, threshold)
    ]  # fmt: skip


def finished(run: datetime, incremental: bool, stages: Sequence[Any]) -> Event:
    """``analysis.finished``: the run, its mode and each stage's time and writes."""
    return ("analysis.finished", {
        "run": _text(run), "mode": "incremental" if incremental else "full",
        "seconds": round(sum(st.seconds for st in stages), 3),
        "stages": [{"name": st.name, "seconds": round(st.seconds, 3), "written": st.written,
                    "removed": st.removed} for st in stages],
    })  # fmt: skip
