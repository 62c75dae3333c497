"""Building the pipeline and streaming posts through it: order, authors, any input at all."""

from __future__ import annotations

import dataclasses
import importlib.util
import itertools
import random
from importlib.machinery import ModuleSpec
from typing import Any

import pytest
import spacy
from spacy.language import Language

from importers.nlp import Catalog, TextAnalysis, analyse, build_pipeline
from importers.nlp.pipeline import COMPONENTS
from tests.importers.nlp.conftest import CATALOG, Analyse


def test_components_in_order(nlp: Language) -> None:
    assert nlp.pipe_names == list(COMPONENTS)


def test_without_a_model_installed_the_pipeline_is_blank_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, *args: Any) -> ModuleSpec | None:
        return None if name == "en_core_web_sm" else real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    nlp = build_pipeline(CATALOG)
    assert (nlp.lang, nlp.pipe_names) == ("en", list(COMPONENTS))


def test_with_the_small_model_installed_it_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[str] = []

    def load(name: str) -> Language:
        loaded.append(name)
        return spacy.blank("en")

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *args: object())
    monkeypatch.setattr(spacy, "load", load)
    build_pipeline(CATALOG)
    assert loaded == ["en_core_web_sm"]


def test_results_come_in_input_order(nlp: Language) -> None:
    texts = [f"hello @user{i} #tag{i}" for i in range(1000)]
    found = list(analyse(nlp, texts, batch_size=7))
    assert [a.mentions for a in found] == [(f"user{i}",) for i in range(1000)]
    assert [a.hashtags for a in found] == [(f"tag{i}",) for i in range(1000)]


def test_results_stream_from_an_endless_input(nlp: Language) -> None:
    endless = (f"post {i} #n{i}" for i in itertools.count())
    first = list(itertools.islice(analyse(nlp, endless, batch_size=4), 3))
    assert [a.hashtags for a in first] == [("n0",), ("n1",), ("n2",)]


def test_is_brand_is_per_text(nlp: Language) -> None:
    texts = ["Summer sale: 20% off", "Summer sale: 20% off", "My zip is broken"]
    found = list(analyse(nlp, texts, is_brand=iter([True, False, False])))
    assert [a.category for a in found] == ["promotion", "feedback", "damage control"]


def test_is_brand_of_another_length_is_an_error(nlp: Language) -> None:
    with pytest.raises(ValueError, match="zip"):
        list(analyse(nlp, ["a", "b"], is_brand=[True]))


def test_empty_text_is_neutral_other_and_names_nothing(one: Analyse) -> None:
    assert one("") == TextAnalysis(
        sentiment=0.0,
        sentiment_label="neutral",
        intent="other",
        category="feedback",
        mentions=(),
        hashtags=(),
        urls=(),
        emoji=(),
        products=(),
        brands=(),
        employees=(),
        topics=(),
    )


def test_results_are_frozen(one: Analyse) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        one("hi").intent = "praise"  # type: ignore[misc]


def test_a_100_kb_post_is_analysed_whole_for_names_and_by_its_head_for_sentiment(
    one: Analyse,
) -> None:
    text = "I love the green tee, thank you! " * 60 + "meh. " * 20_000 + "@eve_at_shop #End"
    assert len(text) > 100_000
    found = one(text)
    assert (found.sentiment_label, found.intent) == ("positive", "praise")
    assert (found.mentions, found.hashtags) == (("eve_at_shop",), ("end",))
    assert (found.products, found.employees) == (("SKU-GRN-01",), ("emp-eve",))


def test_text_beyond_max_length_is_not_read() -> None:
    nlp = build_pipeline(Catalog(), model="blank:en")
    nlp.max_length = 1000
    found = next(analyse(nlp, ["#first " + "x " * 2000 + "#last"]))
    assert found.hashtags == ("first",)


@pytest.mark.parametrize(
    "text",
    [
        "😍",
        "🇫🇷🇫🇷👨‍👩‍👧‍👦🏳️‍🌈",
        "\x00\x01\x02\x1b[31mred\x7f",
        "\ud800 lone surrogate \udfff",
        "Прекрасно! 素晴らしい 😍 مرحبا \u202eevil\u202c",
        "\t\n\r\x0b\x0c",
        "#" * 5000,
        "@" * 5000,
        "😍" * 50_000,
        ".?" * 50_000,
        "http://" * 15_000,
        "a" * 100_000,
        "?" * 1000,
        "never " * 1000,
        "sku-grn-01-" * 1000,
    ],
)
def test_odd_inputs_never_raise(one: Analyse, text: str) -> None:
    found = one(text)
    assert found.sentiment_label in {"positive", "negative", "neutral"}
    assert found.intent in {
        "complaint",
        "question",
        "praise",
        "suggestion",
        "purchase_intent",
        "other",
    }


def test_random_unicode_never_raises(nlp: Language) -> None:
    rng = random.Random(20240607)
    pools = [(0, 0x7F), (0x80, 0x2FFF), (0xD800, 0xDFFF), (0x1F000, 0x1FAFF), (0xE0000, 0xE007F)]

    def noise() -> str:
        return "".join(chr(rng.randint(*rng.choice(pools))) for _ in range(rng.randint(0, 300)))

    texts = [noise() for _ in range(300)]
    found = list(analyse(nlp, texts))
    assert len(found) == len(texts)
    assert all(-1.0 <= a.sentiment <= 1.0 for a in found)
