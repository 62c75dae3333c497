"""Topics: hashtags always, noun-chunk heads only when the doc carries a parse."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from importers.nlp.topics import topics_component
from tests.importers.nlp.conftest import Analyse


def test_topics_are_the_hashtags_on_the_blank_pipeline(one: Analyse) -> None:
    found = one("Loving the new jackets #OOTD #Winter #ootd")
    assert found.topics == ("ootd", "winter")


def test_no_hashtags_no_topics_on_the_blank_pipeline(one: Analyse) -> None:
    assert one("The green shirts are lovely").topics == ()


def _parsed_doc() -> Doc:
    """'I love the green shirts', parsed by hand as a statistical parser would."""
    nlp = spacy.blank("en")
    return Doc(
        nlp.vocab,
        words=["I", "love", "the", "green", "shirts", "and", "Wool", "Socks"],
        spaces=[True, True, True, True, True, True, True, False],
        pos=["PRON", "VERB", "DET", "ADJ", "NOUN", "CCONJ", "PROPN", "PROPN"],
        deps=["nsubj", "ROOT", "det", "amod", "dobj", "cc", "compound", "conj"],
        heads=[1, 1, 4, 4, 1, 4, 7, 4],
        lemmas=["I", "love", "the", "green", "shirt", "and", "Wool", "Socks"],
    )


def test_noun_chunk_heads_follow_the_hashtags_when_parsed() -> None:
    doc = _parsed_doc()
    doc._.hashtags = ("winter",)
    doc = topics_component(doc)
    # "I" is a stop word and too short; "shirts" is reported by its lemma.
    assert doc._.topics == ("winter", "shirt", "socks")


def test_an_unparsed_doc_never_asks_for_noun_chunks() -> None:
    nlp = spacy.blank("en")
    doc = nlp("the green shirts")
    doc._.hashtags = ("style",)
    assert topics_component(doc)._.topics == ("style",)
