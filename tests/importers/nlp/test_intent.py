"""Intent of a post and its social-CRM category, for customers and for brand accounts."""

from __future__ import annotations

import pytest
from spacy.language import Language

from importers.nlp.intent import classify_intent, crm_category, is_question
from tests.importers.nlp.conftest import Analyse


@pytest.mark.parametrize(
    "text",
    [
        "My new shirt ripped after one wash.",
        "Really disappointed, the zip is broken",
        "Worst customer service ever",
        "Order #1234 is late again and nobody answers",
        "never buying again",
        "Never ordering from you again!!",
        "not good",
        "I don't like the fit",
        "My parcel never arrived",
        "Wrong size sent, still waiting for a reply",
    ],
)
def test_complaints(one: Analyse, text: str) -> None:
    assert one(text).intent == "complaint"


def test_sarcasm_is_a_negative_complaint(one: Analyse) -> None:
    found = one("Great, my shirt ripped after one wash. Just great.")
    assert found.intent == "complaint"
    assert found.sentiment_label == "negative"
    assert found.sentiment == pytest.approx(-0.4)  # below the alert threshold, not on it


def test_a_mildly_positive_service_problem_is_a_negative_complaint(one: Analyse) -> None:
    found = one("I want a refund")  # VADER: +0.08, for "want"
    assert (found.intent, found.sentiment_label) == ("complaint", "negative")


def test_sarcastic_service_failure_is_a_complaint(one: Analyse) -> None:
    found = one("Oh great, my order arrived late. Just great.")
    assert (found.intent, found.sentiment_label) == ("complaint", "negative")


def test_a_negative_complaint_keeps_vaders_score() -> None:
    assert classify_intent("Worst shop ever", -0.6249) == ("complaint", -0.6249)


@pytest.mark.parametrize(
    "text",
    [
        "It never broke, not once in ten years",
        "Not disappointed at all!",
        "Thanks for the quick refund, love it!",
        "Love my new ripped jeans 😍",
    ],
)
def test_negated_or_happy_mentions_of_problems_are_not_complaints(one: Analyse, text: str) -> None:
    assert one(text).intent != "complaint"


@pytest.mark.parametrize(
    "text",
    [
        "Do you ship to Canada?",
        "@rapportshop what sizes does the green tee come in",
        "Is the green tee cotton? #help @rapportshop 🙏",
        "How do I wash wool socks",
        "Anyone know when the store opens?",
    ],
)
def test_questions(one: Analyse, text: str) -> None:
    assert one(text).intent == "question"


def test_exclamations_that_open_like_questions_are_not_questions() -> None:
    assert not is_question("What a jacket!")
    assert not is_question("How lovely is this!")
    assert is_question("what time do you open")


@pytest.mark.parametrize(
    "text",
    [
        "I love my green tee, thanks @eve_at_shop!",
        "😍😍",
        "Amazing quality 🔥",
        "Best shop in town",
    ],
)
def test_praise(one: Analyse, text: str) -> None:
    assert one(text).intent == "praise"


@pytest.mark.parametrize(
    "text",
    [
        "You should add more colours",
        "It would be nice to have an XL",
        "Please add a size guide",
        "I wish you had a store in Leeds",
        "Could you please stock the green tee in navy?",
    ],
)
def test_suggestions(one: Analyse, text: str) -> None:
    assert one(text).intent == "suggestion"


@pytest.mark.parametrize(
    "text",
    [
        "I want to buy the green tee",
        "Where can I get the wool socks?",
        "Thinking of buying a new coat #winter",
        "I need a new jacket",
        "Take my money 😍",
        "Is it in stock?",
    ],
)
def test_purchase_intent(one: Analyse, text: str) -> None:
    assert one(text).intent == "purchase_intent"


def test_negated_purchase_intent_is_not_purchase_intent(one: Analyse) -> None:
    assert one("I don't want to buy anything today").intent != "purchase_intent"


@pytest.mark.parametrize(
    "text", ["", "The parcel is on the table.", "Open at 9 tomorrow", "#monday"]
)
def test_other(one: Analyse, text: str) -> None:
    assert one(text).intent == "other"


def test_customer_categories(one: Analyse) -> None:
    assert one("My zip is broken").category == "damage control"
    assert one("Love it!").category == "feedback"
    assert one("Do you ship to Canada?").category == "feedback"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("@anna_k so sorry, we'll send a new one today", "personalisation"),
        (".@anna_k thanks for your order!", "personalisation"),
        ("Summer sale: 20% off everything", "promotion"),
        ("Free shipping this weekend only", "promotion"),
        ("The new collection is here, shop now", "promotion"),
        ("Made in Lyon since 1990. This is who we are.", "brand identity"),
        ("@rapportshop is our new account, follow us", "brand identity"),
        ("Meet @designer_jo, who drew our autumn line", "personalisation"),
    ],
)
def test_brand_categories(one: Analyse, text: str, category: str) -> None:
    assert one(text, brand=True).category == category


def test_the_same_text_is_categorised_by_its_author(one: Analyse) -> None:
    text = "@anna_k the new collection is 20% off"
    assert one(text, brand=True).category == "personalisation"
    assert one(text, brand=False).category == "feedback"


def test_crm_category_ignores_our_own_handles() -> None:
    ours = frozenset({"rapportshop"})
    assert (
        crm_category(
            intent="other",
            text="Follow @rapportshop",
            is_brand=True,
            mentions=("rapportshop",),
            brand_handles=ours,
        )
        == "brand identity"
    )


def test_is_brand_set_on_the_doc_before_the_components_run(nlp: Language) -> None:
    doc = nlp.make_doc("Summer sale: 20% off")
    doc._.is_brand = True
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert (doc._.crm_category, doc._.intent) == ("promotion", "other")
    assert nlp("Summer sale: 20% off")._.crm_category == "feedback"
