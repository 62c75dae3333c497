"""Phone numbers in E.164 (``+33612345678``), the form a phone number is matched on.

National numbers (``06 12 34 56 78``) need a region: ``RAPPORT_PHONE_REGION`` (an ISO country
code such as ``FR``); without one, only numbers written with their ``+`` country code are
understood.
"""

from __future__ import annotations

from functools import lru_cache

import phonenumbers


@lru_cache(maxsize=65_536)  # parsing is slow, and an orders export repeats its customers' numbers
def e164(raw: str | None, region: str | None = None) -> str | None:
    """``raw`` as an E.164 number, or None when it is not a possible phone number.

    >>> e164("06 12 34 56 78", "FR"), e164("+33 6 12 34 56 78"), e164("(415) 555-0134", "US")
    ('+33612345678', '+33612345678', '+14155550134')
    >>> e164("06 12 34 56 78") is None, e164("null", "FR") is None
    (True, True)
    """
    text = (raw or "").strip()
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, region.upper() if region else None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
