"""Post text templates: praise, complaints, questions, suggestions, intent, chatter, sarcasm,
reactions, brand replies and promotions.

Placeholders: ``{brand}`` (the brand mention), ``{user}`` (a mention of the replied-to or
quoted person), ``{product}``, ``{city}``, ``{emoji}``, ``{tags}``, ``{url}``, ``{sig}``.
Mentions, hashtags and URLs are found again in the final text, so their offsets are exact.
"""

from __future__ import annotations

import random

POSITIVE_EMOJI = ("😍", "✨", "🙌", "💯", "👌", "🔥", "😊", "🥰")
NEGATIVE_EMOJI = ("😞", "😠", "🙁", "👎", "😤")
STYLE_TAGS = (
    "#style",
    "#fashion",
    "#sustainable",
    "#ootd",
    "#slowfashion",
    "#shopping",
    "#menswear",
    "#womenswear",
    "#wardrobe",
)
CHATTER_TAGS = ("#mondaymood", "#weekend", "#running", "#coffee", "#travel", "#bookclub")

POSTS: dict[str, tuple[str, ...]] = {
    "praise": (
        "Absolutely love my new {product} from {brand} {emoji} {tags}",
        "The {product} from {brand} is just perfect. Great quality, great fit! {tags}",
        "Best purchase this month: the {product}. Thank you {brand}! {emoji}",
        "Wore my {product} all weekend and got so many compliments {emoji} {tags}",
        "Can't say enough good things about the {product} {emoji} well done {brand}",
        "Five stars for the {product}: soft, well made and it fits like a dream {tags}",
        "Really happy with the {product}, lovely service at {brand} too {emoji}",
    ),
    "complaint": (
        "{brand} my {product} arrived with a broken zip. Not happy at all {emoji}",
        "Still waiting for my {product}, two weeks late. Disappointed {brand} #customerservice",
        "The {product} shrank after one wash. Poor quality, expected better {brand} {emoji}",
        "Ordered the {product} in M and received an XL. Annoying {brand} {emoji}",
        "{brand} the colour of my {product} faded after a few washes, really disappointed {emoji}",
        "{brand} third email about my {product} refund and still no answer. Frustrating.",
    ),
    "sarcasm": (
        "Oh great, my {product} arrived torn. Just what I always wanted, thanks {brand} 🙃",
        "Love waiting three weeks for a {product}. Really. Best hobby ever {brand} 🙄",
        "Wow {brand}, the {product} lasted a whole week. Impressive 👏 #not",
    ),
    "question": (
        "{brand} do you have the {product} in size M? 🤔",
        "Hey {brand}, is the {product} true to size?",
        "{brand} when will the {product} be back in stock?",
        "{brand} can I return the {product} in store if I bought it online?",
        "{brand} is the {product} machine washable?",
    ),
    "suggestion": (
        "{brand} would love to see the {product} in more colours {emoji} {tags}",
        "Dear {brand}, please make the {product} in a tall fit!",
        "{brand} idea: a matching bag for the {product}? I'd buy it {emoji}",
    ),
    "intent": (
        "Thinking about getting the {product} from {brand}, anyone tried it? {tags}",
        "Payday = {product} day {emoji} {brand}",
        "Adding the {product} to my wishlist {emoji} {tags}",
        "Going to try on the {product} at {brand} in {city} this weekend {emoji}",
    ),
    "chatter": (
        "Rainy Monday in {city} ☔ coffee and a good book",
        "Anyone know a good brunch spot in {city}?",
        "Finally finished that series everyone was talking about. No spoilers!",
        "Sunday run done 🏃 {tags}",
        "Loving the weather in {city} today ☀️",
        "Need more coffee. That's the tweet. ☕",
        "Packing for a weekend trip, why is this always so hard 🧳",
        "New week, new goals 💪 {tags}",
        "Farmers market haul today 🥕🍅",
    ),
}
KIND_WEIGHTS = {
    "chatter": 33,
    "praise": 21,
    "complaint": 9,
    "sarcasm": 3,
    "question": 11,
    "suggestion": 7,
    "intent": 16,
}
NEGATIVE_KINDS = ("complaint", "sarcasm")
ANSWERED_KINDS = ("complaint", "sarcasm", "question")

REPLIES = {
    "positive": (
        "{user} totally agree {emoji}",
        "{user} looks great on you!",
        "{user} where did you get it?",
        "{user} need one of these {emoji}",
    ),
    "negative": (
        "{user} oh no 😬 hope they sort it out",
        "{user} same thing happened to me",
        "{user} that's so annoying, sorry",
    ),
    "neutral": (
        "{user} haha so true",
        "{user} good question!",
        "{user} let me know what you find",
        "{user} 👀",
    ),
}
QUOTES = {
    "positive": ("This 👇 {url}", "Couldn't agree more {emoji} {url}", "Worth it! {url}"),
    "negative": ("Not great… {url}", "Same experience here {url}"),
    "neutral": ("Interesting {url}", "Anyone? {url}"),
}
BRAND_REPLIES = {
    "complaint": (
        "{user} Sorry to hear that! We'll make it right, please DM us your order number. {sig}",
        "{user} That's not the experience we want. Our team will reach out by DM today. {sig}",
        "{user} We're so sorry about your {product}. DM us and we'll arrange a replacement. {sig}",
    ),
    "question": (
        "{user} Hi! Yes, the {product} is available in all sizes online and in store. {sig}",
        "{user} Great question! The {product} fits true to size. {sig}",
        "{user} It's back in stock next week, DM us and we'll keep one for you! {sig}",
    ),
}
PROMOS = (
    "New in: the {product}. Made to last. {url} #style",
    "Back in stock: the {product} in all sizes {emoji} {url}",
    "Weekend edit: our {product} and a good coffee ☕ {url} #fashion",
    "Meet the {product}, designed in {city} {emoji} {url} #sustainable",
)
STAFF_POSTS = (
    "Styling day at Rapport Shop {city}, come say hi! {emoji} #style",
    "Just restocked the {product} at our {city} store 👌",
    "Team breakfast before opening ☕ {brand}",
    "Loving the new collection at {brand} {emoji} #fashion",
    "Busy Saturday in {city}, thanks for coming by everyone {emoji}",
)

INFLUENCER_PRAISE = (
    "Obsessed with my new {product} from {brand} 💚 the fit is perfect and the cotton is so soft. "
    "Best buy of the year, you need one! #style #sustainable"
)
CONVERT_REPLIES = (
    "{user} ok you convinced me, just ordered one 😍",
    "{user} it looks amazing on you! ordering mine now",
    "{user} same, mine arrives Friday 🙌",
    "{user} need it. adding to cart right now",
)
CONVERT_QUOTES = ("Sold! Just ordered mine 🛒 {url}", "You had me at soft 😂 {url}")
CONVERT_MENTIONS = (
    "Took {user}'s advice and treated myself today ✨ #ootd",
    "Blame {user} for my shopping this week 😅",
)
ANGRY_POST = (
    "{brand} my {product} fell apart after two washes. Worst quality ever, absolutely terrible "
    "and I want a refund 😡 #disappointed"
)


def fill(template: str, rng: random.Random, *, positive: bool = True, **values: str) -> str:
    """Fill a template; ``{emoji}`` and ``{tags}`` are drawn here unless given."""
    emoji = rng.choice(POSITIVE_EMOJI if positive else NEGATIVE_EMOJI)
    tags = " ".join(rng.sample(STYLE_TAGS, rng.choice((1, 1, 2))))
    return template.format_map({"emoji": emoji, "tags": tags, **values})


def chatter(template: str, rng: random.Random, city: str) -> str:
    """A non-shopping post."""
    return template.format_map(
        {"city": city, "tags": rng.choice(CHATTER_TAGS), "emoji": rng.choice(POSITIVE_EMOJI)}
    )


def tone_of(kind: str) -> str:
    """positive / negative / neutral for a post kind (sarcasm reads as negative to people)."""
    if kind in NEGATIVE_KINDS:
        return "negative"
    return "positive" if kind in ("praise", "intent", "suggestion") else "neutral"
