"""Keep derived edges in step with what the analytics computed: write what changed, delete what
is gone, leave the rest alone.

Every derived edge stores a ``digest`` of its values (:class:`graph.model.Derived`). A run reads
the digests the graph holds, writes only the computed edges whose digest differs (new or changed;
their ``computedAt`` becomes the run's time) and deletes the edges it no longer computes. A second
run over an unchanged graph therefore writes nothing, and readers never see a half-empty graph.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from graph.model import Derived
from graph.repository import Repository, Row
from graph.writes import BatchWriter

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one sync did: edges written (new or changed), deleted, and left unchanged."""

    written: int
    removed: int
    unchanged: int


def _stem(kind: type[Derived]) -> str:
    return kind.TYPE.lower()


def stored_digests(
    repository: Repository, kind: type[Derived], *, scope: Collection[str] | None = None
) -> dict[Pair, str]:
    """The ``(start, end) -> digest`` of the ``kind`` edges in the graph (``scope``: only those
    of these customers, for the kinds that have a scoped read)."""
    if scope is None:
        rows = repository.read(f"analytics/digests_{_stem(kind)}")
    else:
        rows = repository.read(f"analytics/digests_{_stem(kind)}_of", ids=sorted(scope))
    return dict(_pairs(rows))


def _pairs(rows: Iterable[Row]) -> Iterator[tuple[Pair, str]]:
    for row in rows:
        for end, digest in zip(row["ends"], row["digests"], strict=True):
            yield (row["start"], end), digest


def plan(
    computed: Iterable[Derived], stored: dict[Pair, str]
) -> tuple[list[Derived], list[Pair], int]:
    """What to write (new or changed), what to delete (stored, no longer computed), and how many
    are unchanged.

    >>> from graph.model import InterestedIn
    >>> keep = InterestedIn(start_id="c1", end_id="style", weight=1.0)
    >>> move = InterestedIn(start_id="c1", end_id="denim", weight=2.0)
    >>> stored = {("c1", "style"): keep.digest(), ("c1", "denim"): "old", ("c1", "golf"): "x"}
    >>> write, delete, same = plan([keep, move], stored)
    >>> [w.end_id for w in write], delete, same
    (['denim'], [('c1', 'golf')], 1)
    """
    write: list[Derived] = []
    seen: set[Pair] = set()
    unchanged = 0
    for record in computed:
        key = (record.start_id, record.end_id)
        seen.add(key)
        if stored.get(key) == record.digest():
            unchanged += 1
        else:
            write.append(record)
    return write, [key for key in stored if key not in seen], unchanged


def sync(
    repository: Repository,
    kind: type[Derived],
    computed: Iterable[Derived],
    *,
    scope: Collection[str] | None = None,
) -> SyncReport:
    """Make the graph's ``kind`` edges equal to ``computed`` (within ``scope`` when given)."""
    write, delete, unchanged = plan(computed, stored_digests(repository, kind, scope=scope))
    with BatchWriter(repository) as writer:
        writer.add_all(write)
    removed = repository.write_rows(
        f"analytics/delete_{_stem(kind)}", [{"start": a, "end": b} for a, b in delete]
    )
    return SyncReport(written=len(write), removed=removed, unchanged=unchanged)
