"""Sentiment of a post: VADER's compound score and a three-way label.

Registers the ``rapport_sentiment`` component and the ``doc._.sentiment`` (float, -1..1) and
``doc._.sentiment_label`` ("positive" | "negative" | "neutral") extensions. VADER reads emoji
itself (it turns them into their descriptions), so "😍😍" is positive; where its reading of a
word or an emoji is wrong for shop talk (🔥 is praise, "shrank" a complaint), Rapport's own
lexicon (:mod:`importers.nlp.lexicon`) decides.

Only the first ``max_chars`` characters of a post (default 2,000, cut at a space when one is
near) are scored, so that a 100 KB post costs what a 2,000-character one does: scoring time
grows with the number of words (and faster than that when the post says "but"). Social posts
are far shorter; the cap only bounds the outliers.

>>> label_for(0.7)
'positive'
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from importers.nlp import lexicon
from importers.nlp.annotations import annotations_of, doc_text, register
from importers.nlp.vader import FastVader

__all__ = ["DEFAULT_MAX_CHARS", "SentimentScorer", "head", "label_for"]

DEFAULT_MAX_CHARS = 2000
POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05

register("sentiment", default=0.0)
register("sentiment_label", default="neutral")


def label_for(compound: float) -> str:
    """VADER's usual reading of a compound score: >= 0.05 positive, <= -0.05 negative.

    >>> label_for(-0.05), label_for(0.0)
    ('negative', 'neutral')
    """
    if compound >= POSITIVE_AT:
        return "positive"
    if compound <= NEGATIVE_AT:
        return "negative"
    return "neutral"


def from_stars(stars: float) -> float:
    """The sentiment a 1-5 star rating states: -1 (one star) .. 0 (three) .. 1 (five).

    A reviewer's own rating says how they feel more surely than their words (polite words
    often wrap a one-star review), so it decides a review's sentiment; the text's score is kept
    beside it.

    >>> from_stars(1), from_stars(3), from_stars(4.5), label_for(from_stars(2))
    (-1.0, 0.0, 0.75, 'negative')
    """
    return max(-1.0, min(1.0, (float(stars) - 3.0) / 2.0))


def head(text: str, max_chars: int) -> str:
    """The first ``max_chars`` characters of ``text``, cut at the last space when it is cut.

    >>> head("never buying again", 10)
    'never'
    """
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    before, space, _ = cut.rpartition(" ")
    return before if space and len(before) >= max_chars // 2 else cut


class SentimentScorer:
    """The ``rapport_sentiment`` component: assigns ``doc._.sentiment`` and its label.

    One VADER analyzer per component (loading its lexicon takes a few milliseconds): a
    :class:`~importers.nlp.vader.FastVader`, which scores exactly as upstream VADER.
    """

    def __init__(self, *, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.max_chars = max_chars
        self._analyzer = FastVader(words=lexicon.WORDS, emoji=lexicon.EMOJI)

    def score(self, text: str) -> float:
        """VADER's compound score of the head of ``text`` (0.0 for blank text)."""
        text = head(text, self.max_chars)
        if not text or text.isspace():
            return 0.0
        return self._analyzer.compound(text)

    def __call__(self, doc: Doc) -> Doc:
        """Assign ``doc._.sentiment`` (compound, -1..1) and ``doc._.sentiment_label``."""
        compound = self.score(doc_text(doc))
        found = annotations_of(doc)
        found["sentiment"] = compound
        found["sentiment_label"] = label_for(compound)
        return doc


@Language.factory(
    "rapport_sentiment",
    default_config={"max_chars": DEFAULT_MAX_CHARS},
    assigns=["doc._.sentiment", "doc._.sentiment_label"],
)
def make_sentiment_scorer(nlp: Language, name: str, max_chars: int) -> SentimentScorer:
    """Create the ``rapport_sentiment`` component; ``max_chars`` caps the text VADER reads."""
    return SentimentScorer(max_chars=max_chars)
