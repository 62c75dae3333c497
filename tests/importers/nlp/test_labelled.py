"""Sentiment on the labelled posts (``labelled_posts.tsv``): what people mean, emoji and all."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from importers.nlp import Catalog, analyse, build_pipeline
from importers.nlp.pipeline import TextAnalysis

LABELLED = Path(__file__).parent / "labelled_posts.tsv"


def _posts() -> list[tuple[str, str, str]]:
    with open(LABELLED, encoding="utf-8") as fh:
        rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
        next(rows)
        return [(label, kind, text) for label, kind, text in rows]


@pytest.fixture(scope="module")
def read() -> list[tuple[str, str, TextAnalysis]]:
    nlp = build_pipeline(Catalog(products=(), employees=(), brand_handles=("rapportshop",)))
    posts = _posts()
    return [(label, kind, found) for (label, kind, _), found in
            zip(posts, analyse(nlp, [text for _, _, text in posts]), strict=True)]  # fmt: skip


def test_the_set_covers_every_kind_of_post() -> None:
    kinds = Counter(kind for _, kind, _ in _posts())
    assert sum(kinds.values()) >= 300
    assert set(kinds) == {"praise", "complaint", "question", "neutral", "sarcasm", "emoji", "mixed"}
    assert min(kinds.values()) >= 30


def test_most_posts_are_read_as_people_read_them(read: list[tuple[str, str, TextAnalysis]]) -> None:
    right = sum(label == found.sentiment_label for label, _, found in read)
    assert right / len(read) >= 0.85  # plain VADER: 0.65 (bench/bench_sentiment.py)


def test_praise_is_never_read_as_a_complaint(read: list[tuple[str, str, TextAnalysis]]) -> None:
    wrong = [found for label, kind, found in read
             if kind in ("praise", "emoji") and label == "positive" and found.intent == "complaint"]  # fmt: skip
    assert wrong == []


def test_emoji_say_what_people_mean() -> None:
    nlp = build_pipeline(Catalog(products=(), employees=(), brand_handles=()))
    texts = ["Can't say enough good things about the Graphic Tee 🔥 well done", "🔥🔥🔥",
             "❤️❤️", "still no parcel 😡", "👎"]  # fmt: skip
    labels = [a.sentiment_label for a in analyse(nlp, texts)]
    assert labels == ["positive", "positive", "positive", "negative", "negative"]


def test_sarcasm_and_negation_stay_negative() -> None:
    nlp = build_pipeline(Catalog(products=(), employees=(), brand_handles=()))
    texts = ["Brilliant, the button fell off in the meeting", "Not impressed at all",
             "Oh great, another parcel lost. Thanks a lot"]  # fmt: skip
    assert [a.sentiment_label for a in analyse(nlp, texts)] == ["negative"] * 3


# Texts people rated clearly positive in the VADER paper's corpora (tests/data/vader), on which a
# complaint rule once wrote the alert threshold itself: film titles, idioms, comparisons.
RATED_POSITIVE = [
    "By turns touching, raucously amusing, uncomfortable, and, yes, even sexy, Never Again is a "
    "welcome and heartwarming addition to the romantic comedy genre.",
    "The performances of the children, untrained in acting, have an honesty and dignity that "
    "breaks your heart.",
    "The second coming of Harry Potter is a film far superior to its predecessor.",
    "nothing has broken on it, and it plays all the dvds i have.",
    "At the end of the movie, my 6 year old nephew said, ''I guess I come from a broken family, "
    "and my uncles are all aliens, too.'' Congrats Disney on a job well done.",
]


@pytest.mark.parametrize("text", RATED_POSITIVE, ids=lambda t: t[:30])
def test_texts_people_rated_positive_raise_no_alert_even_about_us(text: str) -> None:
    nlp = build_pipeline(Catalog(products=(), employees=(), brand_handles=("rapportshop",)))
    found = next(iter(analyse(nlp, [f"@rapportshop {text}"])))
    assert found.sentiment > -0.3  # the alert threshold
    assert found.sentiment not in (-0.3, -0.05, 0.05)  # no rule writes a threshold
