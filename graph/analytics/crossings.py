"""What changed between two analyses that other systems want to hear of: warmth crossing a
threshold, customers entering the top k by influence. Pure functions of before and after."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class WarmthCrossing:
    """A pair whose warmth went from below ``threshold`` to at or above it (``up``), or back."""

    employee: str
    customer: str
    warmth: float | None  # None: the pair has no warmth any more (its evidence is gone)
    previous: float | None  # None: the pair had no warmth before
    direction: Literal["up", "down"]


def warmth_crossings(
    before: Mapping[tuple[str, str], float],
    after: Mapping[tuple[str, str], float],
    threshold: float,
) -> list[WarmthCrossing]:
    """The pairs that crossed ``threshold``, in (employee, customer) order.

    ``before`` needs only the pairs at or above the threshold then; ``after`` holds every pair
    computed now.

    >>> [(c.customer, c.direction) for c in warmth_crossings(
    ...     {("e1", "c1"): 80.0, ("e1", "c2"): 75.0}, {("e1", "c1"): 60.0, ("e1", "c3"): 71.0,
    ...     ("e1", "c2"): 79.0}, 70.0)]
    [('c1', 'down'), ('c3', 'up')]
    """
    found = [
        WarmthCrossing(e, c, w, before.get((e, c)), "up")
        for (e, c), w in after.items()
        if w >= threshold and before.get((e, c), float("-inf")) < threshold
    ]
    found += [
        WarmthCrossing(e, c, after.get((e, c)), w, "down")
        for (e, c), w in before.items()
        if w >= threshold and after.get((e, c), float("-inf")) < threshold
    ]
    return sorted(found, key=lambda x: (x.employee, x.customer))


def entered_top(before: Mapping[str, int], after: Mapping[str, int], k: int) -> list[str]:
    """The ids ranked within the top ``k`` now that were not before, best first.

    >>> entered_top({"a": 1, "b": 2, "c": 3}, {"a": 1, "c": 2, "d": 3, "b": 4}, 3)
    ['d']
    """
    was = {c for c, rank in before.items() if rank <= k}
    now = [c for c, rank in after.items() if rank <= k and c not in was]
    return sorted(now, key=lambda c: after[c])
