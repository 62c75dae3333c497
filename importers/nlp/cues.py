"""The words and phrases the intent and category rules look for.

A :class:`Cue` is one kind of thing a post may say ("damage", "purchase", ...) as

- single cue words, found by intersecting them with the post's words (a set operation), and
- phrases: one regex, tried only when the post holds one of the phrases' trigger words (every
  phrase holds one), since a regex over the text is the slow part.

Texts are expected normalised (see :func:`normalise`), with their words from :func:`words_of`.
A negatable cue is cancelled by a negation up to three words before it ("never broke").

>>> text = normalise("My shirt RIPPED after one wash")
>>> DAMAGE.found(text, words_of(text))
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from importers.nlp.lexicon import PRAISE_EMOJI

__all__ = [
    "DAMAGE",
    "NEGATED_POSITIVE",
    "PRAISE",
    "PRAISE_EMOJI_RE",
    "PROMOTION",
    "PURCHASE",
    "SARCASM",
    "SERVICE",
    "SUGGESTION",
    "Cue",
    "normalise",
    "words_of",
]

_WORD_RE = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_NEGATION_BEFORE_RE = re.compile(r"(?:\b(?:not|never|no|without|hardly)|n't)\s+(?:\w+\s+){0,2}$")


def normalise(text: str) -> str:
    """Lower-cased, with typographic apostrophes made plain."""
    return text.lower().replace("\u2019", "'")


def words_of(text: str) -> frozenset[str]:
    """The words of a normalised text ("don't" and "rip-off" are one word each)."""
    return frozenset(_WORD_RE.findall(text))


def _negated(text: str, start: int) -> bool:
    """Whether a negation comes up to three words before ``text[start:]``."""
    return _NEGATION_BEFORE_RE.search(text, max(0, start - 40), start) is not None


def _unnegated_word(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` as a whole word, at least once not negated."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        whole = (start == 0 or not _is_word_char(text[start - 1])) and (
            end == len(text) or not _is_word_char(text[end])
        )
        if whole and not _negated(text, start):
            return True
        start = text.find(word, end)
    return False


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "_'-"


@dataclass(frozen=True, slots=True)
class Cue:
    """One kind of thing a post may say: cue words, and phrases gated by trigger words."""

    words: frozenset[str]
    phrases: re.Pattern[str] | None = None
    triggers: frozenset[str] = frozenset()
    negatable: bool = True

    def found(self, text: str, words: frozenset[str]) -> bool:
        """Whether ``text`` (whose words are ``words``) says it, not negated if negatable."""
        for word in self.words & words:
            if not self.negatable or _unnegated_word(text, word):
                return True
        if self.phrases is None or self.triggers.isdisjoint(words):
            return False
        return any(
            not self.negatable or not _negated(text, match.start())
            for match in self.phrases.finditer(text)
        )


def _cue(words: str, *phrases: str, triggers: str = "", negatable: bool = True) -> Cue:
    """A cue from space-separated ``words``, whole-word regex ``phrases`` and their
    space-separated ``triggers``."""
    pattern = re.compile(r"\b(?:" + "|".join(phrases) + r")\b") if phrases else None
    return Cue(frozenset(words.split()), pattern, frozenset(triggers.split()), negatable)


DAMAGE = _cue(
    "broken broke breaks torn tore damaged defective faulty worst useless disappointed"
    " disappointing disappointment scam rip-off ripoff awful terrible horrible unacceptable"
    " faded shrunk shrank shrinks hole holes stained stain ruined soaked snapped undone crooked"
    " blisters itchy see-through pilling unravelled unraveled flimsy overpriced squeak",
    r"ripped(?!\s+jeans)|fell apart|falling apart|stopped working|doesn't work|does not work",
    r"not working|poor quality|cheaply made|waste of money|never (?:\w+\s+){0,3}again",
    r"never (?:arrived|came|received|showed up)|(?:hasn't|has not|not) (?:arrived|received)",
    r"thanks for nothing|yeah right|still not here|(?:came|fell|coming) (?:off|undone|apart)",
    r"(?:looks|feels|felt|looked) cheap|cheap (?:metal|fabric|material|plastic)|nothing fits",
    triggers="ripped apart working work quality cheaply waste again arrived came received"
    " showed nothing right here off undone fell coming cheap fits",
)
SERVICE = _cue(
    "refund refunded refunds late delayed delay missing overcharged lost crashed crashing nobody"
    " ignored ignoring stuck wrong nowhere",
    r"wrong (?:size|item|order|colou?r|product)|(?:cancel|cancelled|canceled) (?:my|the) order",
    r"money back|still waiting|no (?:reply|response|answer)|charged twice",
    r"lost (?:my|the) (?:order|parcel|package)|(?:return|returning) (?:it|them)",
    r"send (?:it|them) back|out of stock|no one|on hold|sent me away|someone else's",
    r"took (?:\d+|two|three|four|five|six|ten) (?:days|weeks)|(?:weeks|days) now|no sign",
    r"still (?:no|not|don't|do not|haven't|have not)|never (?:reply|replied|answer|answered)",
    r"double charged|cut off|went up|waiting (?:for )?(?:\w+ ){0,2}(?:days|weeks|months)",
    triggers="wrong cancel cancelled canceled back waiting reply response answer twice lost"
    " return returning stock one hold sent else's took weeks days sign still never charged cut"
    " up",
)
SARCASM = _cue(
    "",
    r"just great|oh great|just perfect|oh perfect|thanks a lot|love how|love that|so much for",
    r"great job|well done|how lovely|nice one|oh good|best service ever|top quality|really loving",
    r"loving this|love this new",
    # A cheer that opens the post and is cut short ("Brilliant, the button fell off"): with a
    # complaint after it, people read it as sarcasm.
    r"^(?:oh |wow |just )?(?:great|brilliant|fantastic|wonderful|perfect|amazing|awesome|lovely"
    r"|wow|classy move|nice|impressive)(?=[,.!:])",
    triggers="great perfect lot love much job done lovely one good best top loving brilliant"
    " fantastic wonderful amazing awesome wow classy nice impressive",
    negatable=False,
)
NEGATED_POSITIVE = _cue(
    "",
    r"(?:not|never|no|isn't|wasn't|aren't|weren't|don't|doesn't|didn't|won't|hardly|barely)"
    r"\s+(?:(?:very|really|so|that|too|even)\s+)?"
    r"(?:good|great|happy|worth|recommend|recommended|impressed|satisfied|nice|ok|okay|amazing"
    r"|love|like|fit|fits|work|works|comfortable|buying|ordering|shopping|buy|order)",
    triggers="not never no isn't wasn't aren't weren't don't doesn't didn't won't hardly barely",
    negatable=False,
)
PURCHASE = _cue(
    "",
    r"(?:want|wanna|going|gonna|planning|plan|looking|dying|need) to (?:buy|order|get|purchase)",
    r"where (?:can|do|could|should) i (?:get|buy|find|order|purchase)",
    r"thinking (?:of|about) (?:buying|getting|ordering)|need (?:a|some) new|take my money",
    r"how much (?:is|are|does|do|for)|(?:is|are) (?:it|this|these|they) (?:still )?in stock",
    r"(?:is|are) (?:it|this|these|they) (?:still )?available|(?:add|added|adding) to (?:my )?cart",
    r"(?:add|added|adding) to (?:my )?basket|can't wait to (?:buy|order|get)|must have",
    r"i need (?:this|these|that|one)|(?:i'll|i will|gonna) (?:buy|order)",
    r"(?:buying|ordering) (?:this|these|one|it) (?:now|today)",
    triggers="buy order get purchase find buying getting ordering new money much stock"
    " available cart basket have need",
)
SUGGESTION = _cue(
    "suggestion",
    r"you (?:guys |all )?should|you could (?:add|make|try|offer)",
    r"(?:it would|it'd|would) be (?:nice|great|cool|awesome|good|better)",
    r"please (?:add|bring back|make|consider|stock|offer)",
    r"wish (?:you|y'all|u) (?:had|would|did|sold|made|offered|could)",
    r"why don't you|(?:could|can) you (?:please )?(?:add|make|bring|offer|stock)",
    r"consider (?:adding|making|offering)|would love to see|how about (?:adding|making)",
    r"feature request",
    triggers="should could would it'd please wish why can consider about request",
)
PRAISE = _cue(
    "love loves loved loving great amazing awesome thanks thx best perfect excellent fantastic"
    " wonderful beautiful gorgeous obsessed recommend impressed brilliant superb happy nice good"
    " cute stunning comfy fave favourite favorite kudos bravo",
    r"thank you",
    triggers="thank",
)
PRAISE_EMOJI_RE = re.compile("[" + "".join(sorted(PRAISE_EMOJI)) + "]")
PROMOTION = _cue(
    "offer offers sale sales discount discounts deal deals promo coupon voucher clearance bogo"
    " pre-order pre-orders preorder preorders giveaway",
    r"new collection|new arrivals?|just dropped|free (?:shipping|delivery|returns|gift)",
    r"limited (?:time|edition)|shop now|use code|black friday|cyber monday|buy one get",
    r"\d+\s*%\s*off",
    triggers="collection arrival arrivals dropped free limited shop code friday monday buy off",
    negatable=False,
)
