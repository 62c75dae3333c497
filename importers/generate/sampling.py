"""Fast weighted draws (``random.choices`` rebuilds its tables on every call)."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """A fixed weighted population to draw single items from.

    >>> Weighted([("a", 0.0), ("b", 1.0)]).draw(random.Random(1))
    'b'
    """

    __slots__ = ("cum", "items", "total")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.items = [item for item, _ in pairs]
        self.cum = list(itertools.accumulate(weight for _, weight in pairs))
        self.total = self.cum[-1]

    def draw(self, rng: random.Random) -> T:
        """One item, with probability proportional to its weight."""
        return self.items[bisect.bisect(self.cum, rng.random() * self.total)]


def between(rng: random.Random, low: int, high: int) -> int:
    """An integer in ``[low, high]`` (like ``randint``, several times faster).

    >>> 3 <= between(random.Random(1), 3, 5) <= 5
    True
    """
    return low + int(rng.random() * (high - low + 1))
