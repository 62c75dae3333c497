"""``rapport evaluate recs``: related products judged on held-out baskets.

Reads the purchases the analytics read (refunded and voided orders left out), splits them
(:mod:`graph.analytics.holdout`) and judges every ranking on the same split.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from graph.analytics import holdout
from graph.errors import InvalidInput
from graph.store.projection import Projection
from graph.store.repository import Repository


class Split(StrEnum):
    """How the baskets are cut in two."""

    random = "random"  # a seeded random share of the baskets, whatever their time
    time = "time"  # the latest baskets: learn from the past, judge on what came next


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Every ranking's scores on one split."""

    split: Split
    baskets: int
    learn: int
    judge: int
    k: int
    top: int
    best_sellers: tuple[str, ...]
    scores: tuple[holdout.Scores, ...]


def dated_baskets(repository: Repository) -> list[tuple[datetime | None, list[str]]]:
    """Every purchase in the graph: its time (``None`` when unknown) and products."""
    return Projection(repository).dated_baskets


def evaluate_recs(
    dated: Sequence[tuple[datetime | None, Sequence[str]]],
    *,
    split: Split = Split.random,
    held_out: float = 0.2,
    k: int = 5,
    top: int = 6,
    seed: int = 7,
    rankings: Mapping[str, holdout.Ranking] = holdout.RANKINGS,
) -> Evaluation:
    """Judge ``rankings`` on ``dated`` baskets (time, products); see :mod:`graph.analytics.holdout`.

    >>> from datetime import datetime as dt
    >>> baskets = [(dt(2026, 1, 1 + i % 28), ["a", "b"] if i % 2 else ["c"]) for i in range(50)]
    >>> found = evaluate_recs(baskets, held_out=0.2)
    >>> found.learn, found.judge, [s.name for s in found.scores][0]
    (40, 10, 'best sellers')
    >>> evaluate_recs(baskets, held_out=1.5)
    Traceback (most recent call last):
    ...
    graph.errors.InvalidInput: held_out must lie between 0 and 1 (exclusive), got 1.5
    """
    if not 0 < held_out < 1:
        raise InvalidInput(f"held_out must lie between 0 and 1 (exclusive), got {held_out}")
    if k < 1 or top < 0:
        raise InvalidInput(f"k must be >= 1 and top >= 0, got k={k}, top={top}")
    baskets = [b for _, b in dated if b]
    if len(baskets) < 10:
        raise InvalidInput(
            f"{len(baskets)} purchases are too few to judge related products",
            hint="import purchases first (`rapport import`), or pass a basket file with --file",
        )
    if split is Split.time:
        timed = [(at, b) for at, b in dated if b and at is not None]
        if len(timed) < len(baskets):
            raise InvalidInput(
                f"{len(baskets) - len(timed)} of {len(baskets)} purchases have no time",
                hint="split them at random instead (--split random)",
            )
        learn, judge = holdout.split_by_time(timed, held_out=held_out)
    else:
        learn, judge = holdout.split_random(baskets, held_out=held_out, seed=seed)
    return Evaluation(
        split=split,
        baskets=len(baskets),
        learn=len(learn),
        judge=len(judge),
        k=k,
        top=top,
        best_sellers=tuple(holdout.best_sellers(learn, top)),
        scores=tuple(holdout.evaluate(learn, judge, k=k, top=top, rankings=rankings)),
    )
