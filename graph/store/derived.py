"""Keep derived edges in step with what the analytics computed: write what changed, delete what
is gone, leave the rest alone.

Every derived edge stores a ``digest`` of its values (:class:`graph.model.Derived`). A run reads
the digests the graph holds, writes only the computed edges whose digest differs (new or changed;
their ``computedAt`` becomes the run's time) and deletes the edges it no longer computes. A second
run over an unchanged graph therefore writes nothing, and readers never see a half-empty graph.

New edges are written with ``CREATE`` (their absence was just read; several times faster than
``MERGE`` on ArcadeDB), changed ones with ``MERGE``. Should two runs overlap and create the same
edge twice, the next run sees the pair twice, deletes both and creates it once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from graph.model import Derived, Draft
from graph.store.ahead import columns
from graph.store.repository import Repository
from graph.store.writes import BatchWriter

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
) -> tuple[dict[Pair, str], set[Pair]]:
    """The ``(start, end) -> digest`` of the ``kind`` edges in the graph, and the pairs held more
    than once (``scope``: only those of these customers, for the kinds that have a scoped read)."""
    if scope is None:
        cols = columns(repository, f"analytics/digests_{_stem(kind)}")
    else:
        cols = columns(repository, f"analytics/digests_{_stem(kind)}_of", ids=sorted(scope))
    stored: dict[Pair, str] = {}
    twice: set[Pair] = set()
    for start, end, digest in zip(cols["starts"], cols["ends"], cols["digests"], strict=True):
        if (start, end) in stored:
            twice.add((start, end))
        stored[start, end] = digest
    return stored, twice


@dataclass(frozen=True, slots=True)
class Plan:
    """What a sync does: create (not in the graph), update (changed), delete (gone)."""

    create: list[Derived | Draft[Any]]  # made records when written
    update: list[Derived]
    delete: list[Pair]
    unchanged: int


def plan(
    computed: Iterable[Derived | Draft[Any]], stored: dict[Pair, str], twice: Collection[Pair] = ()
) -> Plan:
    """Compare what was computed with what the graph holds.

    A pair the graph holds twice is deleted and created again. A :class:`Draft` is made a
    record (and checked) only when it is to be written.

    >>> from graph.model import InterestedIn
    >>> keep = InterestedIn(start_id="c1", end_id="style", weight=1.0)
    >>> move = InterestedIn(start_id="c1", end_id="denim", weight=2.0)
    >>> new = InterestedIn(start_id="c1", end_id="golf", weight=1.0)
    >>> stored = {("c1", "style"): keep.digest(), ("c1", "denim"): "old", ("c1", "polo"): "x"}
    >>> p = plan([keep, move, new], stored)
    >>> [r.end_id for r in p.create], [r.end_id for r in p.update], p.delete, p.unchanged
    (['golf'], ['denim'], [('c1', 'polo')], 1)
    """
    create: list[Derived | Draft[Any]] = []
    update: list[Derived] = []
    seen: set[Pair] = set()
    unchanged = 0
    for item in computed:
        key = (item.start_id, item.end_id)
        seen.add(key)
        held = stored.get(key)
        if key in twice or held is None:
            create.append(item)
        elif held == item.digest():
            unchanged += 1
        else:
            update.append(_made(item))
    delete = [key for key in stored if key not in seen or key in twice]
    return Plan(create, update, delete, unchanged)


def _made(item: Derived | Draft[Any]) -> Derived:
    return item.record() if isinstance(item, Draft) else item


def sync(
    repository: Repository,
    kind: type[Derived],
    computed: Iterable[Derived | Draft[Any]],
    *,
    scope: Collection[str] | None = None,
    stored: tuple[dict[Pair, str], set[Pair]] | None = None,
) -> SyncReport:
    """Make the graph's ``kind`` edges equal to ``computed`` (within ``scope`` when given);
    ``stored``: what :func:`stored_digests` answered, when it was read ahead."""
    todo = plan(computed, *(stored or stored_digests(repository, kind, scope=scope)))
    stem = _stem(kind)
    removed = repository.write_rows(
        f"analytics/delete_{stem}", [{"start": a, "end": b} for a, b in todo.delete]
    )
    # New edges are made into rows while the batch before is written (the first run of 100k
    # customers creates 724,000).
    repository.write_stream(
        f"analytics/create_{stem}",
        (
            {"start": r.start_id, "end": r.end_id, "props": r.props()}
            for r in map(_made, todo.create)
        ),
    )
    with BatchWriter(repository) as writer:
        writer.add_all(todo.update)
    return SyncReport(
        written=len(todo.create) + len(todo.update), removed=removed, unchanged=todo.unchanged
    )
