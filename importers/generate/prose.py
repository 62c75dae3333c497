"""Longer texts whose tone must match a label: interaction notes, e-mails, Yelp reviews."""

from __future__ import annotations

import random

INTERACTION_SUBJECTS = {
    "positive": (
        "Styling appointment",
        "New collection preview",
        "Thank-you note",
        "Fitting session",
        "Loyalty reward",
        "Gift advice",
        "Alteration pick-up",
    ),
    "neutral": (
        "Order status",
        "Size question",
        "Stock check",
        "Address change",
        "Opening hours",
        "Care instructions",
    ),
    "negative": (
        "Complaint about delivery",
        "Return request",
        "Damaged item",
        "Refund follow-up",
        "Wrong size received",
    ),
}
INTERACTION_NOTES = {
    "positive": (
        "Customer loved the {product} and booked another fitting.",
        "Great conversation about the new season; customer was delighted with the {product}.",
        "Customer warmly thanked us for the quick alteration of the {product}.",
        "Helped choose a gift; customer very happy with the {product} and the service.",
        "Lovely visit, customer enjoyed trying the {product} and left a kind word for the team.",
    ),
    "neutral": (
        "Answered a question about sizes for the {product}.",
        "Confirmed the delivery date of the {product}.",
        "Checked stock of the {product} in the other stores.",
        "Updated the delivery address for the {product} order.",
        "Explained the care instructions for the {product}.",
    ),
    "negative": (
        "Customer was frustrated that the {product} arrived late; offered a discount code.",
        "Customer unhappy with the quality of the {product}; return arranged.",
        "Angry call about a missing refund for the {product}; escalated to the manager.",
        "The {product} arrived damaged; customer disappointed, replacement sent.",
    ),
}

# (who opens, subject, opening message, reply) per tone; {first} is the addressee's first name.
MAIL_THREADS = {
    "positive": (
        (
            "customer",
            "Thank you for the fitting",
            "Hi {first},\n\nThank you so much for your help with the {product} on Saturday, "
            "it fits perfectly and I love it.",
            "Hi {first},\n\nWhat a lovely message, thank you! It was a pleasure. "
            "Come and see the new arrivals whenever you like.",
        ),
        (
            "employee",
            "Your styling appointment",
            "Hi {first},\n\nI'm glad to confirm your styling appointment. "
            "I've set aside the {product} in your size.",
            "Hi {first},\n\nWonderful, thank you! Looking forward to it.",
        ),
    ),
    "neutral": (
        (
            "customer",
            "Question about my order",
            "Hello {first},\n\nCould you tell me when the {product} I ordered will be shipped?",
            "Hello {first},\n\nYour {product} left our warehouse this morning; "
            "you should receive it within two days.",
        ),
        (
            "customer",
            "Size exchange",
            "Hello {first},\n\nCan I exchange the {product} for a smaller size in store?",
            "Hello {first},\n\nOf course, just bring it with the receipt to any of our stores.",
        ),
    ),
    "negative": (
        (
            "customer",
            "Damaged {product}",
            "Hello {first},\n\nI'm disappointed: the {product} I received is torn at the seam. "
            "This is not acceptable for the price.",
            "Hello {first},\n\nI'm very sorry about this. "
            "I've arranged a replacement and a prepaid return label, attached.",
        ),
        (
            "customer",
            "Refund still missing",
            "Hello {first},\n\nI returned the {product} three weeks ago and I still have no "
            "refund. Very frustrating.",
            "Hello {first},\n\nApologies for the delay, the refund has now been issued "
            "and should reach you in 3 days.",
        ),
    ),
}

MAIL_FOLLOW_UPS = {
    "customer": "Hi {first},\n\nThank you, that's perfect.",
    "employee": "Hi {first},\n\nYou're welcome, see you soon!",
}

REVIEW_OPENINGS = {
    5: ("Lovely shop!", "Best clothing store in {city}.", "Absolutely wonderful experience."),
    4: ("Good store.", "Nice selection and friendly staff.", "Really liked it."),
    3: ("Okay experience.", "Decent, nothing special.", "Mixed feelings."),
    2: ("Disappointing.", "Not great.", "Expected more."),
    1: ("Terrible experience.", "Avoid.", "Worst service ever."),
}
REVIEW_PRODUCT = {
    5: (
        "I bought the {product} and it's perfect, beautifully made.",
        "The {product} is excellent quality and fits like a dream.",
    ),
    4: ("My {product} fits well, a bit pricey though.", "I like the {product}, good quality."),
    3: (
        "The {product} is fine but the fitting rooms were busy.",
        "Liked the {product}, but the queue to pay was long.",
    ),
    2: ("My {product} lost its shape quickly.", "The {product} I wanted was out of stock twice."),
    1: (
        "The {product} fell apart after a week and they refused a refund.",
        "My {product} was damaged and the staff were rude about it.",
    ),
}
REVIEW_CLOSINGS = {
    5: ("The staff were so helpful. Highly recommend!", "Will definitely be back."),
    4: ("Would come back.", "Friendly team."),
    3: ("Might return for the sales.", "It's okay."),
    2: ("Staff seemed uninterested.", "Probably won't return."),
    1: ("Never again.", "Really bad service."),
}


def interaction(tone: str, product: str, rng: random.Random) -> tuple[str, str]:
    """(subject, notes) whose tone is ``tone``."""
    subject = rng.choice(INTERACTION_SUBJECTS[tone])
    return subject, rng.choice(INTERACTION_NOTES[tone]).format(product=product)


def review(stars: int, product: str, city: str, rng: random.Random) -> str:
    """A Yelp review text that agrees with ``stars``."""
    parts = (REVIEW_OPENINGS[stars], REVIEW_PRODUCT[stars], REVIEW_CLOSINGS[stars])
    return " ".join(rng.choice(p) for p in parts).format(product=product, city=city)


def html(body: str) -> str:
    """A simple HTML alternative of a plain-text mail body."""
    paragraphs = "".join(
        f"<p>{p.replace('&', '&amp;').replace('<', '&lt;').replace(chr(10), '<br>')}</p>"
        for p in body.split("\n\n")
    )
    return f'<html><body style="font-family:sans-serif">{paragraphs}</body></html>'
