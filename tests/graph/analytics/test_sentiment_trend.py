"""Weekly sentiment: ISO weeks in UTC, VADER thresholds, optional fixed window."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from graph.analytics.sentiment_trend import WeekSentiment, week_of, weekly_sentiment

PARIS = timezone(timedelta(hours=2))
MON_OCT_6 = date(2025, 10, 6)


def test_weeks_start_on_monday_in_utc() -> None:
    assert week_of(datetime(2025, 10, 6, 0, 0, tzinfo=UTC)) == MON_OCT_6
    assert week_of(datetime(2025, 10, 12, 23, 59, tzinfo=UTC)) == MON_OCT_6
    assert week_of(datetime(2025, 10, 13, 0, 0)) == date(2025, 10, 13)  # naive = UTC
    # Monday 01:00 in Paris is still Sunday 23:00 in UTC.
    assert week_of(datetime(2025, 10, 13, 1, 0, tzinfo=PARIS)) == MON_OCT_6


def test_counts_mean_and_vader_thresholds_per_week() -> None:
    points = [
        (datetime(2025, 10, 7, tzinfo=UTC), 0.05),  # positive: at the threshold
        (datetime(2025, 10, 8, tzinfo=UTC), -0.05),  # negative: at the threshold
        (datetime(2025, 10, 9, tzinfo=UTC), 0.04),  # neutral
        (datetime(2025, 10, 13, 1, 0, tzinfo=PARIS), -0.8),  # Sunday in UTC: same week
    ]
    [week] = weekly_sentiment(points)
    assert (week.week, week.posts, week.negative, week.positive) == (MON_OCT_6, 4, 2, 1)
    assert week.mean == pytest.approx(-0.76 / 4)


def test_without_a_window_empty_weeks_are_left_out_oldest_first() -> None:
    points = [
        (datetime(2025, 10, 22), 0.5),  # week of Oct 20
        (datetime(2025, 10, 1), -0.5),  # week of Sep 29
        (datetime(2025, 10, 23), 0.1),
    ]
    first, second = weekly_sentiment(points)
    assert first == WeekSentiment(date(2025, 9, 29), posts=1, mean=-0.5, negative=1, positive=0)
    assert (second.week, second.posts, second.negative, second.positive) == (
        date(2025, 10, 20),
        2,
        0,
        2,
    )
    assert second.mean == pytest.approx(0.3)


def test_a_window_has_every_week_up_to_nows_week_and_drops_posts_outside() -> None:
    points = [
        (datetime(2025, 9, 1), -1.0),  # before the window
        (datetime(2025, 9, 30), 0.6),  # week of Sep 29
        (datetime(2025, 10, 14), -0.2),  # week of Oct 13
        (datetime(2025, 10, 30), 0.9),  # after now's week
    ]
    now = datetime(2025, 10, 19, 12, tzinfo=UTC)  # a Sunday: the week of Oct 13
    assert weekly_sentiment(points, weeks=3, now=now) == [
        WeekSentiment(date(2025, 9, 29), posts=1, mean=0.6, negative=0, positive=1),
        WeekSentiment(date(2025, 10, 6), posts=0, mean=0.0, negative=0, positive=0),
        WeekSentiment(date(2025, 10, 13), posts=1, mean=-0.2, negative=1, positive=0),
    ]


def test_now_defaults_to_the_latest_post_and_also_caps_unwindowed_answers() -> None:
    points = [(datetime(2025, 10, 1), 0.2), (datetime(2025, 10, 15), -0.4)]
    assert [w.week for w in weekly_sentiment(points, weeks=2)] == [MON_OCT_6, date(2025, 10, 13)]
    capped = weekly_sentiment(points, now=datetime(2025, 10, 5))
    assert [w.week for w in capped] == [date(2025, 9, 29)]


def test_empty_input_and_bad_window() -> None:
    assert weekly_sentiment([]) == []
    assert weekly_sentiment([], weeks=4) == []  # no data and no now: nothing to anchor on
    empty_window = weekly_sentiment([], weeks=2, now=datetime(2025, 10, 8))
    assert [(w.week, w.posts) for w in empty_window] == [(date(2025, 9, 29), 0), (MON_OCT_6, 0)]
    assert weekly_sentiment([(datetime(2025, 10, 8), 0.5)], weeks=0) == []
    with pytest.raises(ValueError, match="weeks"):
        weekly_sentiment([], weeks=-1)
