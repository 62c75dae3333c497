"""Webhook signatures: Rapport's own (as Stripe signs: a timestamp and an HMAC-SHA256 of
``"{timestamp}.{body}"``), and X's (the CRC challenge and ``x-twitter-webhooks-signature``).

A receiver checks a Rapport delivery with :func:`verify` (or the same few lines in its language):
recompute the HMAC with the webhook's secret and compare in constant time, and refuse a timestamp
older than five minutes (a replayed request).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

HEADER = "Rapport-Signature"
TOLERANCE = 300  # seconds a signed request stays acceptable


def sign(secret: str, body: bytes, at: int | None = None) -> str:
    """The ``Rapport-Signature`` header value for ``body``: ``t=<unix seconds>,v1=<hex HMAC>``.

    >>> sign("whsec_test", b'{"a":1}', at=1700000000)
    't=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789'
    """
    stamp = int(time.time()) if at is None else at
    mac = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={mac}"


def verify(secret: str, header: str, body: bytes, *, now: int | None = None) -> bool:
    """True when ``header`` signs ``body`` with ``secret`` and is at most five minutes old.

    >>> h = sign("s", b"x", at=1000)
    >>> verify("s", h, b"x", now=1100), verify("s", h, b"y", now=1100)
    (True, False)
    >>> verify("s", h, b"x", now=9999)  # too old: a replay
    False
    """
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        stamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((int(time.time()) if now is None else now) - stamp) > TOLERANCE:
        return False
    expected = sign(secret, body, at=stamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def x_digest(secret: str, message: bytes) -> str:
    """X's webhook digest: ``sha256=`` and the base64 HMAC-SHA256 of ``message`` with the app's
    consumer secret (the CRC ``response_token``, and the ``x-twitter-webhooks-signature`` of a
    delivery).

    >>> x_digest("secret", b"token")
    'sha256=6UERDj0r/oJiHw4+FDRzDXMF0QbF9oyHFl0LJ6RhGko='
    """
    mac = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return "sha256=" + base64.b64encode(mac).decode()


def shopify_digest(secret: str, body: bytes) -> str:
    """Shopify's ``X-Shopify-Hmac-Sha256``: the base64 HMAC-SHA256 of the raw body with the app's
    webhook secret (its client secret, or the one shown beside webhooks made in the admin).

    >>> shopify_digest("hush", b'{"id":1}')
    'VnKUjZsLuN5iZWjn5EntcBVCF9kMN43LglzCE1/GSeY='
    """
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()
