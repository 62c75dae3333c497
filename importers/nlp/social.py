"""Social surface of a post: @mentions, #hashtags, URLs and emoji, read from the raw text.

Registers the ``rapport_social`` component and the ``doc._.mentions``, ``doc._.hashtags``,
``doc._.urls`` and ``doc._.emoji`` extensions. Extraction is a handful of precompiled regular
expressions over the text, so it is linear in the length of the post and needs no model.

>>> extract_social("Love it @RapportShop! #OOTD https://t.co/x 😍").mentions
('rapportshop',)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from importers.nlp.annotations import annotations_of, doc_text, register

__all__ = ["MENTION_RE", "URL_RE", "SocialFeatures", "extract_social", "find_emoji", "unique"]

# A handle is 1-30 word characters after an '@' that does not follow a word character, an '@'
# or a '/' (so e-mail addresses and URL paths are not mentions). The '@' comes first in the
# pattern, with the look-behind after it, so that the regex engine can jump from '@' to '@'.
MENTION_RE = re.compile(r"@(?<![\w@/]@)(\w{1,30})(?!\w)")
# A hashtag must hold at least one non-digit ('#1' is a number, not a tag).
HASHTAG_RE = re.compile(r"#(?<![\w#&/]#)(\d*[^\W\d]\w*)")
# http(s) URLs in ASCII URL characters, not ending in sentence punctuation.
URL_RE = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]*[A-Za-z0-9\-_~/#=&%+]")

_PICTOGRAPH = (
    "[\U0001f300-\U0001faff\U0001f000-\U0001f2ff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff]"
    # Symbols that are text by default and emoji only with the emoji variation selector.
    "|[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u2934\u2935\u3030\u303d\u3297\u3299]"
    "\ufe0f"
)
_MODIFIERS = "[\U0001f3fb-\U0001f3ff]?\ufe0f?[\U000e0020-\U000e007f]*"
EMOJI_RE = re.compile(
    "[\U0001f1e6-\U0001f1ff]{2}"  # flags: a pair of regional indicators
    f"|(?:{_PICTOGRAPH}){_MODIFIERS}(?:\u200d(?:{_PICTOGRAPH}){_MODIFIERS})*"  # ZWJ sequences
)
_KEYCAP = "\u20e3"  # after 0-9, '#' or '*' (and maybe U+FE0F): a keycap emoji such as 1️⃣
# Characters an emoji can start with (or, for keycaps, end with): a plain character class,
# which the regex engine scans much faster than the alternation above.
_EMOJI_HINT_RE = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u20e3"
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u2934\u2935\u3030\u303d\u3297\u3299]"
)

register("mentions", default=())
register("hashtags", default=())
register("urls", default=())
register("emoji", default=())


@dataclass(frozen=True, slots=True)
class SocialFeatures:
    """What a post says to whom: handles and tags lower-cased, each list unique in text order."""

    mentions: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    emoji: tuple[str, ...] = ()


def unique(items: list[str]) -> tuple[str, ...]:
    """The items without repeats, in order of first appearance."""
    return tuple(dict.fromkeys(items))


def extract_social(text: str) -> SocialFeatures:
    """Mentions, hashtags, URLs and emoji of ``text``.

    Mentions and hashtags are read with URLs blanked out, so ``https://x.com/@a#b`` yields a
    URL only. Every tuple is unique, in order of first appearance.

    >>> extract_social("@Eve_at_Shop #Sale #sale 👍🏽").hashtags
    ('sale',)
    """
    urls: list[str] = []
    rest = text
    if "://" in text:
        urls = URL_RE.findall(text)
        rest = URL_RE.sub(" ", text)
    mentions = MENTION_RE.findall(rest) if "@" in rest else []
    hashtags = HASHTAG_RE.findall(rest) if "#" in rest else []
    emoji = [] if text.isascii() else find_emoji(text)
    return SocialFeatures(
        mentions=unique([m.lower() for m in mentions]),
        hashtags=unique([h.lower() for h in hashtags]),
        urls=unique(urls),
        emoji=unique(emoji),
    )


def find_emoji(text: str) -> list[str]:
    """The emoji of ``text`` in order, sequences (flags, skin tones, ZWJ, keycaps) whole.

    >>> find_emoji("ok 👍🏽 1️⃣ 🇫🇷")
    ['👍🏽', '1️⃣', '🇫🇷']
    """
    found: list[str] = []
    pos = 0
    while hint := _EMOJI_HINT_RE.search(text, pos):
        start = hint.start()
        if text[start] == _KEYCAP:
            base = start - 2 if text[start - 1 : start] == "\ufe0f" else start - 1
            if base >= 0 and text[base] in "0123456789#*":
                found.append(text[base : start + 1])
            pos = start + 1
            continue
        emoji = EMOJI_RE.match(text, start)
        if emoji is None:
            pos = start + 1
        else:
            found.append(emoji.group())
            pos = emoji.end()
    return found


@Language.component(
    "rapport_social",
    assigns=["doc._.mentions", "doc._.hashtags", "doc._.urls", "doc._.emoji"],
)
def social_component(doc: Doc) -> Doc:
    """Assign ``doc._.mentions``, ``doc._.hashtags``, ``doc._.urls`` and ``doc._.emoji``.

    Mentions and hashtags are lower-cased and carry no ``@``/``#``; see :func:`extract_social`.
    """
    features = extract_social(doc_text(doc))
    found = annotations_of(doc)
    found["mentions"] = features.mentions
    found["hashtags"] = features.hashtags
    found["urls"] = features.urls
    found["emoji"] = features.emoji
    return doc
