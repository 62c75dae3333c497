"""Topics of a post: its hashtags, plus noun-chunk heads when a parser is installed.

Registers the ``rapport_topics`` component and the ``doc._.topics`` extension. With the blank
pipeline the topics are the hashtags; with a statistical model (``en_core_web_sm``) the
lower-cased lemmas of noun-chunk roots (3+ letters, not stop words) follow them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from importers.nlp.annotations import annotations_of, read, register
from importers.nlp.social import unique

__all__ = ["MIN_TOPIC_LENGTH", "topics_component"]

MIN_TOPIC_LENGTH = 3

register("topics", default=())


def _chunk_topics(doc: Doc) -> list[str]:
    """Lower-cased root lemmas of the noun chunks of a parsed ``doc``."""
    topics = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        lemma = (root.lemma_ or root.text).lower()
        if len(lemma) >= MIN_TOPIC_LENGTH and root.is_alpha and not root.is_stop:
            topics.append(lemma)
    return topics


@Language.component("rapport_topics", assigns=["doc._.topics"], requires=["doc._.hashtags"])
def topics_component(doc: Doc) -> Doc:
    """Assign ``doc._.topics``: hashtags, then noun-chunk root lemmas if ``doc`` is parsed.

    Unique, in order of first appearance. Noun chunks are only read when the doc carries a
    dependency parse (``doc.has_annotation("DEP")``), so the blank pipeline never asks for them.
    """
    found = annotations_of(doc)
    hashtags: tuple[str, ...] = read(found, "hashtags")
    if len(doc) and doc.has_annotation("DEP"):
        found["topics"] = unique([*hashtags, *_chunk_topics(doc)])
    else:
        found["topics"] = hashtags  # already lower-cased and unique
    return doc
