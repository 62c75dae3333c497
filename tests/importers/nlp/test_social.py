"""Mentions, hashtags, URLs and emoji read from the raw text of a post."""

from __future__ import annotations

import spacy

from importers.nlp.social import extract_social, find_emoji
from tests.importers.nlp.conftest import Analyse


def test_mentions_are_lower_cased_unique_in_order_without_the_at(one: Analyse) -> None:
    found = one("@RapportShop thanks! cc @Eve_at_Shop and @rapportshop again")
    assert found.mentions == ("rapportshop", "eve_at_shop")


def test_email_addresses_and_url_paths_are_not_mentions() -> None:
    found = extract_social("write to help@rapport.shop or see https://medium.com/@rapport/post")
    assert found.mentions == ()
    assert found.urls == ("https://medium.com/@rapport/post",)


def test_a_handle_is_at_most_thirty_word_characters() -> None:
    assert extract_social("@" + "a" * 30).mentions == ("a" * 30,)
    assert extract_social("@" + "a" * 31).mentions == ()


def test_dot_mention_at_the_start_counts_as_a_mention() -> None:
    assert extract_social(".@rapportshop you should see this").mentions == ("rapportshop",)


def test_hashtags_are_lower_cased_unique_and_need_a_letter(one: Analyse) -> None:
    found = one("#OOTD #ootd #1 #2024style #Winter_Sale")
    assert found.hashtags == ("ootd", "2024style", "winter_sale")


def test_url_fragments_and_html_entities_are_not_hashtags() -> None:
    found = extract_social("see https://rapport.shop/faq#returns &#39; ok")
    assert found.hashtags == ()
    assert found.urls == ("https://rapport.shop/faq#returns",)


def test_urls_drop_trailing_sentence_punctuation(one: Analyse) -> None:
    found = one("New in: https://t.co/AbC123. Also http://rapport.shop/sale?x=1!")
    assert found.urls == ("https://t.co/AbC123", "http://rapport.shop/sale?x=1")


def test_emoji_are_found_whole_with_skin_tones_flags_keycaps_and_zwj(one: Analyse) -> None:
    found = one("ok 👍🏽 made in 🇫🇷, 1️⃣ pick 👨‍👩‍👧 ❤️ 😍😍")
    assert found.emoji == ("👍🏽", "🇫🇷", "1️⃣", "👨\u200d👩\u200d👧", "❤️", "😍")


def test_plain_text_symbols_are_not_emoji() -> None:
    assert find_emoji("© 2024 → café ½ 中文") == []


def test_the_component_sets_the_doc_extensions_on_a_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("rapport_social")
    doc = nlp("Hi @Eve #Sale 🔥 https://x.co/a")
    assert (doc._.mentions, doc._.hashtags, doc._.urls, doc._.emoji) == (
        ("eve",),
        ("sale",),
        ("https://x.co/a",),
        ("🔥",),
    )
