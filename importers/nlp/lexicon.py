"""The one place where Rapport reads words and emoji differently from VADER.

VADER's lexicon was built from general social media text; a shop's customers write in a slang
it reads wrongly. Its emoji lexicon turns 🔥 into "fire" (−1.4: "this fit is 🔥" scored as a
complaint), and gives 👏 🙌 💯 👍 😡 👎 no weight at all; "comfy", "ripped", "shrank" or "rip-off"
are not in it. The valences below (VADER's scale, −4 .. 4) replace or add to its own, for the
sentiment scorer; the intent rules read their praise emoji from the same table, so what counts as
praise and what scores as positive cannot drift apart.

Measured on the labelled posts in ``tests/importers/nlp/labelled_posts.tsv`` by
``bench/bench_sentiment.py``.

>>> EMOJI["🔥"] > 0, WORDS["shrank"] < 0
(True, True)
>>> "🔥" in PRAISE_EMOJI, "😡" in PRAISE_EMOJI
(True, False)
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["EMOJI", "PRAISE_EMOJI", "WORDS", "emoji_token"]

EMOJI: Mapping[str, float] = MappingProxyType({
    # praise: the way customers cheer a product
    "🔥": 2.5, "💯": 2.2, "👏": 2.0, "🙌": 2.0, "👍": 1.8, "⭐": 1.6, "🌟": 1.6, "🤩": 2.6,
    "😍": 2.8, "🥰": 2.8, "😻": 2.5, "❤": 2.5, "💕": 2.3, "💖": 2.3, "💗": 2.3, "💓": 2.3,
    "💞": 2.3, "💜": 2.0, "💙": 2.0, "💚": 2.0, "🧡": 2.0, "💛": 2.0, "🖤": 1.5, "✨": 1.5,
    "😊": 2.0, "☺": 2.0, "🙂": 1.0, "😀": 1.8, "😃": 1.8, "😄": 2.0, "😁": 1.8, "🎉": 2.0,
    "🥳": 2.2, "👌": 1.8, "💪": 1.5, "🤗": 1.8, "😎": 1.5, "🙏": 1.2,
    # displeasure: what an angry customer adds
    "😡": -3.0, "🤬": -3.2, "😠": -2.8, "😤": -2.2, "👎": -2.5, "💩": -2.5, "🙄": -2.0,
    "😒": -2.0, "🤦": -2.0, "💔": -2.5, "😞": -2.2, "😢": -2.0, "😟": -1.8, "😩": -2.0,
    "😫": -2.0, "🤢": -2.5, "🤮": -2.8, "😑": -1.2, "😐": -0.8, "😕": -1.5, "🙁": -1.8,
    "☹": -2.0, "😬": -1.5, "😱": -1.2,
    # context decides (crying over a cute shirt, or over a lost parcel): no weight of its own
    "😭": 0.0, "😂": 0.0, "🤣": 0.0, "🤔": 0.0, "👀": 0.0,
})  # fmt: skip

WORDS: Mapping[str, float] = MappingProxyType({
    # slang praise VADER reads as neutral or negative
    "fire": 2.0, "lit": 2.0, "slay": 2.2, "slays": 2.2, "slayed": 2.2, "slaying": 2.2,
    "goat": 2.0, "dope": 2.0, "banger": 2.0, "comfy": 2.2, "obsessed": 2.3, "killer": 1.5,
    "stylish": 2.0, "snug": 1.0, "cozy": 2.0, "cosy": 2.0,
    "compliments": 2.0, "fave": 2.0, "fav": 2.0, "10/10": 2.5,
    # what goes wrong with clothes and orders
    # (not "ripped", "garbage", "flattering": on the human-rated texts they broke more than they
    # fixed — "a vcd I ripped", "garbage day", "not particularly flattering")
    "mid": -1.2, "meh": -1.2, "sus": -1.0, "yikes": -1.5,
    "ripoff": -2.8, "rip-off": -2.8, "overpriced": -2.0, "flimsy": -1.8,
    "shrank": -2.0, "shrunk": -2.0, "faded": -1.5, "stained": -1.8, "scratchy": -1.5,
    "see-through": -1.2, "pilling": -1.5, "unravelled": -1.8, "unraveled": -1.8,
    "nope": -1.0, "smh": -1.6,
})  # fmt: skip

PRAISE_EMOJI: frozenset[str] = frozenset(e for e, valence in EMOJI.items() if valence >= 1.5)


def emoji_token(emoji: str) -> str:
    """The word an overridden emoji is read as (one token, so it keeps its own valence).

    >>> emoji_token("🔥")
    'xemoji1f525'
    """
    return "xemoji" + "".join(f"{ord(c):x}" for c in emoji)
