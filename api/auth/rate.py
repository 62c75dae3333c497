"""Requests per key, bounded: a token bucket per API key (``RAPPORT_API_RATE_LIMIT``).

Each key may send ``rate`` requests a second on average, in bursts of up to twice that; past
it, a request is refused with ``RATE_LIMITED`` (HTTP 429, ``Retry-After``) before it reaches
GraphQL. ``rate`` 0 switches the limit off (the default: one shop's own frontends).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from graph.errors import RapportError


class RateLimited(RapportError):
    """A key sent more requests than its share; ``retry_after`` says when to try again."""

    code = "RATE_LIMITED"

    def __init__(self, message: str, *, retry_after: int, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after


class RateLimiter:
    """One token bucket per key.

    >>> now = [0.0]
    >>> limit = RateLimiter(1.0, clock=lambda: now[0])
    >>> limit.take("k"); limit.take("k")  # a burst of two
    >>> try:
    ...     limit.take("k")
    ... except RateLimited as exc:
    ...     print(exc.code, exc.retry_after)
    RATE_LIMITED 1
    >>> now[0] = 1.0
    >>> limit.take("k")  # a second later, one more
    """

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate, self.burst, self.clock = rate, max(1.0, 2 * rate), clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> None:
        """Spend one request of ``key``; :class:`RateLimited` when none is left."""
        if self.rate <= 0:
            return
        with self._lock:
            now = self.clock()
            tokens, seen = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - seen) * self.rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                wait = math.ceil((1.0 - tokens) / self.rate)
                raise RateLimited(
                    f"more than {self.rate:g} requests a second with this key",
                    retry_after=wait,
                    hint=f"retry after {wait} s, or ask for more in fewer requests",
                )
            self._buckets[key] = (tokens - 1.0, now)
