"""The enrichment pipeline: build it once from the catalog, then stream posts through it.

``build_pipeline`` loads ``en_core_web_sm`` when it is installed (noun-chunk topics, statistical
entities) and a blank English pipeline otherwise, then adds the Rapport components in order:
``rapport_social``, ``rapport_catalog``, ``rapport_sentiment``, ``rapport_intent``,
``rapport_topics``. ``analyse`` turns each post into a :class:`TextAnalysis`.

>>> nlp = build_pipeline(Catalog(), model="blank:en")
>>> [a.intent for a in analyse(nlp, ["Do you ship to Canada?", "I love it 😍"])]
['question', 'praise']
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import repeat
from typing import cast

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Imported for their side effect: registering the rapport_sentiment, rapport_intent and
# rapport_topics factories with spaCy (social and catalog register on the imports below).
import importers.nlp.intent
import importers.nlp.sentiment
import importers.nlp.topics  # noqa: F401
from importers.nlp.annotations import annotations_of, complete, remember_text
from importers.nlp.catalog import Catalog, CatalogMatcher

__all__ = ["COMPONENTS", "STATISTICAL_MODEL", "TextAnalysis", "analyse", "build_pipeline"]

_SHORT_TEXT = 300
_BREAKS = ((re.compile(r"[^\w\s]{33,}"), 32), (re.compile(r"\S{501,}"), 500))

STATISTICAL_MODEL = "en_core_web_sm"
BLANK_MODEL = "blank:en"
COMPONENTS = (
    "rapport_social",
    "rapport_catalog",
    "rapport_sentiment",
    "rapport_intent",
    "rapport_topics",
)


@dataclass(frozen=True, slots=True)
class TextAnalysis:
    """Everything the enrichment learned about one post (tuples are unique, in text order)."""

    sentiment: float
    sentiment_label: str
    intent: str
    category: str
    mentions: tuple[str, ...]
    hashtags: tuple[str, ...]
    urls: tuple[str, ...]
    emoji: tuple[str, ...]
    products: tuple[str, ...]
    brands: tuple[str, ...]
    employees: tuple[str, ...]
    topics: tuple[str, ...]


def _load(model: str | None) -> Language:
    """``model`` (a package name, a path or ``"blank:en"``), or the best English one installed."""
    if model is None:
        installed = importlib.util.find_spec(STATISTICAL_MODEL) is not None
        model = STATISTICAL_MODEL if installed else BLANK_MODEL
    return spacy.load(model)


def build_pipeline(catalog: Catalog, *, model: str | None = None) -> Language:
    """A spaCy pipeline that enriches posts with the Rapport components, matching ``catalog``.

    Parameters
    ----------
    catalog
        Products, brands, employees and brand handles to recognise.
    model
        What to load under the components: ``None`` for ``en_core_web_sm`` when importable and
        ``spacy.blank("en")`` otherwise; or any name ``spacy.load`` accepts, e.g. ``"blank:en"``.

    >>> build_pipeline(Catalog(), model="blank:en").pipe_names[:2]
    ['rapport_social', 'rapport_catalog']
    """
    nlp = _load(model)
    nlp.add_pipe("rapport_social")
    matcher = cast(CatalogMatcher, nlp.add_pipe("rapport_catalog"))
    matcher.set_catalog(catalog)
    nlp.add_pipe("rapport_sentiment")
    nlp.add_pipe("rapport_intent", config={"brand_handles": list(catalog.brand_handles)})
    nlp.add_pipe("rapport_topics")
    return nlp


def _encodable(text: str) -> str:
    """``text`` with lone surrogates (which spaCy cannot encode) replaced by U+FFFD."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


def _tokenizable(text: str) -> str:
    """``text`` with spaces in place of a few characters of very long chunks, same length.

    spaCy's tokenizer peels symbols (punctuation, emoji) off a chunk one at a time, in time
    quadratic in the length of a run of them: 5,000 "?" take seconds, 100 KB of emoji minutes;
    some long chunks ("http://" * 5000) are quadratic too. So every 32nd character of a run of
    symbols, and every 500th of a chunk without whitespace, becomes a space. Such runs carry no
    words, and as the length is kept, character offsets in the original text still fit the
    tokens. Tweet-sized texts are left alone (their worst case costs milliseconds).
    """
    if len(text) <= _SHORT_TEXT:
        return text
    for pattern, every in _BREAKS:
        if pattern.search(text):
            text = pattern.sub(partial(_spaced, every=every), text)
    return text


def _spaced(run: re.Match[str], *, every: int) -> str:
    """The matched run with every ``every``-th character replaced by a space."""
    chars = list(run.group())
    chars[every - 1 :: every] = " " * (len(chars) // every)
    return "".join(chars)


def _make_doc(nlp: Language, text: str, is_brand: bool) -> Doc:
    """The tokenised ``text`` (cut to ``nlp.max_length``), marked with its author's kind.

    The doc remembers the original text for the components that read characters (see
    :func:`~importers.nlp.annotations.doc_text`); the tokenizer may see long symbol runs broken.
    """
    text = _encodable(text[: nlp.max_length])
    doc = remember_text(nlp.make_doc(_tokenizable(text)), text)
    if is_brand:
        annotations_of(doc)["is_brand"] = True
    return doc


def _analysis(doc: Doc) -> TextAnalysis:
    """The :class:`TextAnalysis` of a doc that went through the pipeline."""
    found = complete(doc)
    return TextAnalysis(
        sentiment=found["sentiment"],
        sentiment_label=found["sentiment_label"],
        intent=found["intent"],
        category=found["crm_category"],
        mentions=found["mentions"],
        hashtags=found["hashtags"],
        urls=found["urls"],
        emoji=found["emoji"],
        products=found["products"],
        brands=found["brands"],
        employees=found["employees"],
        topics=found["topics"],
    )


def analyse(
    nlp: Language,
    texts: Iterable[str],
    *,
    is_brand: Iterable[bool] | None = None,
    batch_size: int = 256,
) -> Iterator[TextAnalysis]:
    """Analyse ``texts`` lazily, in input order, through ``nlp.pipe``.

    Parameters
    ----------
    nlp
        A pipeline from :func:`build_pipeline`.
    texts
        The posts; any string is accepted (empty, emoji only, control characters, lone
        surrogates, megabytes: text beyond ``nlp.max_length`` is not read).
    is_brand
        Per post, whether its author is one of our brand accounts (default: none is). Must be
        as long as ``texts``; a length mismatch raises ``ValueError``.
    batch_size
        Posts per ``nlp.pipe`` batch.

    >>> nlp = build_pipeline(Catalog(), model="blank:en")
    >>> [a.category for a in analyse(nlp, ["Summer sale!", "Summer sale!"], is_brand=[True, False])]
    ['promotion', 'feedback']
    """
    flags: Iterable[bool] = repeat(False) if is_brand is None else is_brand
    pairs = zip(texts, flags, strict=is_brand is not None)
    docs = (_make_doc(nlp, text, bool(flag)) for text, flag in pairs)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield _analysis(doc)
