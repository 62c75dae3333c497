"""What each customer is interested in: the topics of their posts (DESIGN.md §5)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


def interest_weights(
    mentions: Iterable[tuple[str, str, float | None]],
) -> dict[tuple[str, str], float]:
    """How interested each customer is in each topic: posts on it, warmer when positive.

    >>> interest_weights([("c", "style", 0.8), ("c", "style", None), ("c", "fail", -0.6)])
    {('c', 'style'): 2.4, ('c', 'fail'): 1.0}
    """
    weights: defaultdict[tuple[str, str], float] = defaultdict(float)
    for customer, topic, sentiment in mentions:
        weights[(customer, topic)] += 1.0 + max(0.0, sentiment or 0.0) / 2
    return {key: round(value, 3) for key, value in weights.items()}
