"""Sentiment over time: posts bucketed by ISO week (Monday to Sunday, UTC).

Each week reports how many posts there were, their mean sentiment (-1..1) and how many were
positive (``>= 0.05``) or negative (``<= -0.05``), the thresholds VADER's authors recommend for its
compound score; anything in between is neutral.

Two shapes of answer:

- without ``weeks``: the weeks that have posts, oldest first (empty weeks are left out, so the
  answer stays short for sparse data);
- with ``weeks``: exactly ``weeks`` consecutive weeks ending with the week of ``now``, oldest
  first, empty ones included as ``posts=0, mean=0.0`` so a chart has a point every week; posts
  outside the window are ignored.

``now`` defaults to the latest point (never the wall clock, so the answer depends only on the
data); posts in weeks after ``now``'s week are ignored. Datetimes without a zone are UTC.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from graph.times import to_utc

POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05


@dataclass(frozen=True, slots=True)
class WeekSentiment:
    """The posts of one ISO week (``week`` is its Monday, UTC)."""

    week: date
    posts: int
    mean: float
    negative: int
    positive: int


def week_of(at: datetime) -> date:
    """The Monday (UTC) of the ISO week holding ``at``.

    >>> week_of(datetime(2025, 10, 12, 23, 30))  # a Sunday
    datetime.date(2025, 10, 6)
    """
    day = to_utc(at).date()
    return day - timedelta(days=day.weekday())


def _summary(week: date, scores: list[float]) -> WeekSentiment:
    return WeekSentiment(
        week=week,
        posts=len(scores),
        mean=sum(scores) / len(scores) if scores else 0.0,
        negative=sum(s <= NEGATIVE_AT for s in scores),
        positive=sum(s >= POSITIVE_AT for s in scores),
    )


def weekly_sentiment(
    points: Iterable[tuple[datetime, float]],
    *,
    weeks: int | None = None,
    now: datetime | None = None,
) -> list[WeekSentiment]:
    """Sentiment per ISO week, oldest first; ``points`` are ``(posted at, sentiment)`` pairs.

    >>> points = [(datetime(2025, 10, 6), 0.5), (datetime(2025, 10, 8), -0.3)]
    >>> for w in weekly_sentiment(points, weeks=2):
    ...     print(w.week, w.posts, w.mean, w.negative, w.positive)
    2025-09-29 0 0.0 0 0
    2025-10-06 2 0.1 1 1
    """
    if weeks is not None and weeks < 0:
        raise ValueError(f"weeks must be >= 0, got {weeks}")
    by_week: dict[date, list[float]] = {}
    for at, score in points:
        by_week.setdefault(week_of(at), []).append(score)
    if now is None and not by_week:
        return []
    last = week_of(now) if now is not None else max(by_week)
    if weeks is None:
        return [_summary(w, by_week[w]) for w in sorted(by_week) if w <= last]
    window = [last - timedelta(weeks=k) for k in range(weeks - 1, -1, -1)]
    return [_summary(w, by_week.get(w, [])) for w in window]
