"""What a post wants, and what it is for the CRM: rule-based intent and social-CRM category.

Registers the ``rapport_intent`` component and the ``doc._.intent``, ``doc._.crm_category`` and
``doc._.is_brand`` (input: is the author one of our brand accounts?) extensions.

Intents, first rule that fires wins:

1. ``complaint``: a damage cue ("broken", "ripped", "worst", "disappointed", "never ... again",
   "never arrived", ...) that is not negated ("never broke" is not one); or a service cue
   ("refund", "late", "missing", "wrong size", ...) unless the post is clearly positive
   (compound >= 0.5: "thanks for the quick refund, love it!") and not sarcastic ("just great",
   "thanks a lot", ...); or a negated positive ("not good", "don't like", "never buying") with
   non-positive sentiment; or any strong negative (compound <= -0.5).
   What follows the last "but" decides when the post reads positive ("the first one was faulty
   but the replacement is perfect" is not a complaint).
   **The complaint's score:** a sarcastic one that VADER reads positive ("Brilliant, the button
   fell off": a cheer, then what went wrong in that sentence or the next) is set to -0.4, below
   the alert threshold; a flat one that praises nothing ("still waiting, two weeks now") to
   -0.2, negative but not an alert by itself. Each rule is measured by ``bench_sentiment.py`` on
   the VADER paper's human-rated texts and the labelled shop posts (labels it fixes and breaks).
2. ``purchase_intent``: "want to buy", "where can I get", "thinking of buying", "need a new",
   "take my money", "is it in stock", ... (not negated).
3. ``suggestion``: "you should", "it would be nice", "please add", "wish you had", ...
4. ``question``: ends with '?' (trailing hashtags, mentions, URLs and emoji aside), or starts,
   after any leading @mentions, with a wh-word or "can I", "do you", "is it", ...
5. ``praise``: positive sentiment with a praise cue ("love", "great", "thanks", "😍", ...), or
   any strong positive (compound >= 0.5).
6. ``other``.

Categories: a customer's complaint is "damage control", anything else a customer says is
"feedback". A brand account's reply to someone (starts with a non-brand @mention) is
"personalisation"; else an offer ("sale", "20% off", "free shipping", "new collection", ...)
is "promotion"; else a post mentioning someone is "personalisation"; else "brand identity".

Rules read the first ``max_chars`` characters, like the sentiment component.

>>> classify_intent("Great, my shirt ripped after one wash. Just great.", 0.85)
('complaint', -0.4)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from graph import vocab
from importers.nlp.annotations import annotations_of, doc_text, read, register
from importers.nlp.cues import (
    DAMAGE,
    NEGATED_POSITIVE,
    PRAISE,
    PRAISE_EMOJI_RE,
    PROMOTION,
    PURCHASE,
    SARCASM,
    SERVICE,
    SUGGESTION,
    normalise,
    words_of,
)
from importers.nlp.sentiment import DEFAULT_MAX_CHARS, POSITIVE_AT, head, label_for
from importers.nlp.social import URL_RE

__all__ = ["INTENTS", "IntentClassifier", "classify_intent", "crm_category", "is_question"]

INTENTS = vocab.values(vocab.Intent)
STRONG_NEGATIVE = -0.5
STRONG_POSITIVE = 0.5
# What the rules on top of the score write: never a decision threshold (0.05, -0.05, the alert
# threshold -0.3), so a rule never leaves a post on an edge. A sarcastic complaint reads clearly
# negative (it alerts); a flat complaint reads negative (it does not alert by itself: a cue word
# alone — "lost", "late", "terrible" — is too weak evidence to page someone).
SARCASM_SCORE = -0.4
COMPLAINT_SCORE = -0.2
_SENTENCE_RE = re.compile(r"[.!?]+['\"\u201d\u2019)]*\s+|\n+")


_QUESTION_START_RE = re.compile(
    r"(?:who|what|when|where|why|which|whose|how)\b(?!\s+(?:a|an)\b)"
    r"|(?:can|could|would|will|do|does|did|is|are|was|were|should|may|have|has)\s+"
    r"(?:i|you|we|they|it|this|that|these|those|there|u|ya|anyone|someone)\b"
    r"|any(?:one|body) (?:know|else)\b"
)
_LEADING_MENTIONS_RE = re.compile(r"^\s*(?:\.?@\w+[\s,:]*)*")
# Trailing hashtags, mentions, emoji and punctuation, matched on the reversed text (a
# right-anchored search would be tried at every position).
_REVERSED_TAIL_NOISE_RE = re.compile(r"(?:\w+[#@]|[^\w?])*")
_REPLY_RE = re.compile(r"\s*\.?@(\w{1,30})(?!\w)")

register("intent", default="other")
register("crm_category", default="feedback")
register("is_brand", default=False)


def _complaint(text: str, words: frozenset[str], compound: float) -> bool:
    """Whether the normalised ``text`` (``words``) with sentiment ``compound`` complains."""
    if compound <= STRONG_NEGATIVE:
        return True
    # What comes after the last "but" is what the post says: "the store is gorgeous but nobody
    # would help me" complains; "the first one was faulty but the replacement is perfect" does
    # not, when it reads positive.
    _, but, after = text.rpartition(" but ")
    if but:
        after_words = words_of(after)
        if DAMAGE.found(after, after_words) or SERVICE.found(after, after_words):
            return True
        if compound >= POSITIVE_AT:
            text, words = after, after_words
    if DAMAGE.found(text, words):
        return True
    if SERVICE.found(text, words) and (compound < STRONG_POSITIVE or SARCASM.found(text, words)):
        return True
    return compound < POSITIVE_AT and NEGATED_POSITIVE.found(text, words)


def is_question(text: str) -> bool:
    """Whether ``text`` asks something: ends with '?' or opens like a question.

    >>> is_question("@rapportshop do you ship to Canada"), is_question("What a jacket!")
    (True, False)
    """
    text = normalise(text)
    reversed_tail = URL_RE.sub("", text[-300:])[::-1]
    noise = _REVERSED_TAIL_NOISE_RE.match(reversed_tail)
    end = noise.end() if noise else 0
    if reversed_tail[end : end + 1] == "?":
        return True
    opening = text[:300]
    mentions = _LEADING_MENTIONS_RE.match(opening)
    opening = opening[mentions.end() :] if mentions else opening
    exclaims = reversed_tail.lstrip().startswith("!")
    return not exclaims and _QUESTION_START_RE.match(opening) is not None


def classify_intent(text: str, compound: float) -> tuple[str, float]:
    """The intent of ``text`` and its compound sentiment, clamped for sarcastic complaints.

    >>> classify_intent("Where can I get the green tee?", 0.0)
    ('purchase_intent', 0.0)
    """
    lowered = normalise(text)
    words = words_of(lowered)
    if _complaint(lowered, words, compound):
        return "complaint", _complaint_score(lowered, words, compound)
    if PURCHASE.found(lowered, words):
        return "purchase_intent", compound
    if SUGGESTION.found(lowered, words):
        return "suggestion", compound
    if is_question(lowered):
        return "question", compound
    if compound >= POSITIVE_AT and (
        compound >= STRONG_POSITIVE or PRAISE.found(lowered, words) or _praise_emoji(lowered)
    ):
        return "praise", compound
    return "other", compound


def _complaint_score(text: str, words: frozenset[str], compound: float) -> float:
    """The score of a complaint: VADER's, unless it reads positive and is sarcastic (then
    :data:`SARCASM_SCORE`) or reads flat — neither negative nor clearly positive — and praises
    nothing (then :data:`COMPLAINT_SCORE`)."""
    if compound >= POSITIVE_AT and sarcastic(text):
        return SARCASM_SCORE
    flat = COMPLAINT_SCORE < compound < STRONG_POSITIVE  # "I want a refund": +0.08 for "want"
    if flat and not PRAISE.found(text, words) and not _praise_emoji(text):
        return COMPLAINT_SCORE
    return compound


def sarcastic(text: str) -> bool:
    """Whether a cheer is followed by what went wrong: a sarcasm cue ("oh great", "thanks a
    lot", "Brilliant,") in the sentence of a damage or service cue, or the sentence before it.

    >>> sarcastic("just great. wet parcel, ruined jumper")
    True
    >>> sarcastic("i come from a broken family.'' congrats disney on a job well done")
    False
    """
    sentences = [s for s in _SENTENCE_RE.split(text) if s.strip()]
    for i, sentence in enumerate(sentences):
        if not SARCASM.found(sentence, words_of(sentence)):
            continue
        for nearby in sentences[i : i + 2]:
            near = words_of(nearby)
            if DAMAGE.found(nearby, near) or SERVICE.found(nearby, near):
                return True
    return False


def _praise_emoji(text: str) -> bool:
    return not text.isascii() and PRAISE_EMOJI_RE.search(text) is not None


def crm_category(
    *,
    intent: str,
    text: str,
    is_brand: bool,
    mentions: Iterable[str] = (),
    brand_handles: frozenset[str] = frozenset(),
) -> str:
    """The social-CRM category of a post (see the module docstring).

    >>> crm_category(intent="praise", text="Summer sale: 20% off!", is_brand=True)
    'promotion'
    """
    if not is_brand:
        return "damage control" if intent == "complaint" else "feedback"
    others = [m for m in mentions if m not in brand_handles]
    reply = _REPLY_RE.match(text)
    if reply and reply.group(1).lower() not in brand_handles:
        return "personalisation"
    lowered = normalise(text)
    if PROMOTION.found(lowered, words_of(lowered)):
        return "promotion"
    return "personalisation" if others else "brand identity"


class IntentClassifier:
    """The ``rapport_intent`` component.

    Assigns ``doc._.intent`` and ``doc._.crm_category``, and lowers ``doc._.sentiment`` /
    ``doc._.sentiment_label`` for sarcastic complaints. Requires ``doc._.sentiment``,
    ``doc._.mentions`` and ``doc._.is_brand`` (False unless set before the pipeline runs).
    """

    def __init__(
        self, *, brand_handles: Iterable[str] = (), max_chars: int = DEFAULT_MAX_CHARS
    ) -> None:
        self.brand_handles = frozenset(h.lstrip("@").lower() for h in brand_handles)
        self.max_chars = max_chars

    def __call__(self, doc: Doc) -> Doc:
        """Assign the intent and category of ``doc``."""
        text = head(doc_text(doc), self.max_chars)
        found = annotations_of(doc)
        compound = read(found, "sentiment")
        intent, adjusted = classify_intent(text, compound)
        if adjusted != compound:
            found["sentiment"] = adjusted
            found["sentiment_label"] = label_for(adjusted)
        found["intent"] = intent
        found["crm_category"] = crm_category(
            intent=intent,
            text=text,
            is_brand=bool(read(found, "is_brand")),
            mentions=read(found, "mentions"),
            brand_handles=self.brand_handles,
        )
        return doc


@Language.factory(
    "rapport_intent",
    default_config={"brand_handles": [], "max_chars": DEFAULT_MAX_CHARS},
    assigns=["doc._.intent", "doc._.crm_category", "doc._.sentiment", "doc._.sentiment_label"],
    requires=["doc._.sentiment", "doc._.mentions"],
)
def make_intent_classifier(
    nlp: Language, name: str, brand_handles: list[str], max_chars: int
) -> IntentClassifier:
    """Create the ``rapport_intent`` component; ``brand_handles`` are our accounts (no '@')."""
    return IntentClassifier(brand_handles=brand_handles, max_chars=max_chars)
