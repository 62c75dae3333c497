"""VADER sentiment of posts, its cap on long posts, and the faster VADER's fidelity."""

from __future__ import annotations

import random

import pytest
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from importers.nlp.sentiment import SentimentScorer, head, label_for
from importers.nlp.vader import FastVader
from tests.importers.nlp.conftest import Analyse


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I love this shop, the staff are wonderful!", "positive"),
        ("Terrible service, I hate waiting.", "negative"),
        ("The parcel is on the table.", "neutral"),
        ("not good", "negative"),
        ("not bad at all", "positive"),
        ("😍😍", "positive"),
        ("😠😠", "negative"),
        ("", "neutral"),
        ("   \n\t ", "neutral"),
    ],
)
def test_sentiment_label(one: Analyse, text: str, label: str) -> None:
    found = one(text)
    assert found.sentiment_label == label
    assert -1.0 <= found.sentiment <= 1.0


def test_sentiment_sign_follows_the_label(one: Analyse) -> None:
    assert one("Amazing quality, thank you!").sentiment > 0.5
    assert one("Worst purchase ever, awful.").sentiment < -0.5
    assert one("").sentiment == 0.0


def test_label_thresholds_are_vaders() -> None:
    assert [label_for(x) for x in (0.05, 0.049, -0.049, -0.05)] == [
        "positive",
        "neutral",
        "neutral",
        "negative",
    ]


def test_only_the_head_of_a_long_post_is_scored() -> None:
    scorer = SentimentScorer(max_chars=100)
    happy_head = "I love it, wonderful! " * 4  # 88 characters
    assert scorer.score(happy_head + "terrible awful horrible " * 1000) > 0.5
    assert scorer.score("terrible awful horrible " * 1000) < -0.5


def test_head_cuts_at_a_space_near_the_cap() -> None:
    assert head("never buying again", 10) == "never"
    assert head("x" * 30, 10) == "x" * 10
    assert head("short", 10) == "short"


def test_the_cap_is_a_config_value_of_the_factory() -> None:
    import spacy

    nlp = spacy.blank("en")
    scorer = nlp.add_pipe("rapport_sentiment", config={"max_chars": 50})
    assert isinstance(scorer, SentimentScorer)
    assert scorer.max_chars == 50


RULE_WORDS = (
    *("not", "never", "so", "this", "without", "doubt", "kind", "of", "but", "BUT", "no", "NO"),
    *("least", "at", "very", "or", "nor", "GOOD", "BAD", "LOVE", "Hate", "GREAT", "x"),
    *("!", "?", "!!!", "??", ":)", ":(", ":D", "'", "--", "😍", "a😍"),
)


def _corpus(seed: int, size: int) -> list[str]:
    """Random texts built from the words VADER's rules react to."""
    upstream = SentimentIntensityAnalyzer()
    rng = random.Random(seed)
    vocabulary = [
        *list(upstream.lexicon)[::5],
        *list(upstream.emojis)[::10],
        *BOOSTER_DICT,
        *NEGATE,
        *(word for case in SPECIAL_CASES for word in case.split()),
        *RULE_WORDS,
    ]
    return [
        rng.choice(["", " ", "  "]).join(rng.choice(vocabulary) for _ in range(rng.randint(0, 40)))
        for _ in range(size)
    ]


def test_fast_vader_scores_exactly_as_upstream() -> None:
    upstream, fast = SentimentIntensityAnalyzer(), FastVader()
    texts = [
        *_corpus(seed=7, size=4000),
        "Great, my shirt ripped after one wash. Just great.",
        "I do not love it, but it is not bad at all! KIND OF GOOD",
        "at least it works. least good. very least bad. the shit. the bomb.",
        "no good, no bad or ugly, nor nice",
        "Never so happy, never this sad, without doubt great",
        "x😍y 😍 😍😍 ❤️ 👍🏽 🇫🇷",
    ]
    expected = [upstream.polarity_scores(t) for t in texts]
    assert [fast.polarity_scores(t) for t in texts] == expected
    assert [fast.compound(t) for t in texts] == [scores["compound"] for scores in expected]
