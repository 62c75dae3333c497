"""Keep derived edges in step with what the analytics computed: write what changed, delete what
is gone, leave the rest alone.

Every derived edge stores a ``digest`` of its values (:class:`graph.model.Derived`). A run reads
the digests the graph holds, writes only the computed edges whose digest differs (new or changed;
their ``computedAt`` becomes the run's time) and deletes the edges it no longer computes. A second
run over an unchanged graph therefore writes nothing, and readers never see a half-empty graph.

New edges are written with ``CREATE`` (their absence was just read; several times faster than
``MERGE`` on ArcadeDB), changed ones with ``MERGE``. Should two runs overlap and create the same
edge twice, the next run sees the pair twice, deletes both and creates it once.

New edges go out in batches, each batch's rows grouped by their start (``{start, ends}``: each
start node looked up once; edges computed in start order group best): 100,000 edges with ten a
start, 24.8k -> 28.5k edges/s on ArcadeDB, level on Neo4j. Neo4j takes two batches at once
(21.9k -> 34.2k edges/s: its locks are per node); ArcadeDB one, since two transactions
appending edges to the same vertex conflict ("Edge-append rebase not possible") and the retries
cost what the second writer gained (23.9k edges/s against 24.8k).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from sys import intern
from typing import Any, TypeVar

from graph.model import Derived, Draft
from graph.store.ahead import columns
from graph.store.limits import chunks
from graph.store.repository import Repository, Row
from graph.store.writes import BatchWriter

Pair = tuple[str, str]
V = TypeVar("V")


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
    # Ids interned: the same customer's id in thousands of pairs is one string.
    starts, ends = map(intern, cols["starts"]), map(intern, cols["ends"])
    for start, end, digest in zip(starts, ends, cols["digests"], strict=True):
        if (start, end) in stored:
            twice.add((start, end))
        stored[start, end] = digest
    return stored, twice


class _Sorting:
    """Computed edges sorted against what the graph holds, as they are read: new ones handed
    on, changed ones kept (as checked records), unchanged ones counted; the pairs seen are
    remembered for :meth:`gone`. A pair the graph holds twice is deleted and created again; a
    :class:`Draft` is made a record only when it is to be written.

    >>> from graph.model import InterestedIn
    >>> keep = InterestedIn(start_id="c1", end_id="style", weight=1.0)
    >>> move = InterestedIn(start_id="c1", end_id="denim", weight=2.0)
    >>> new = InterestedIn(start_id="c1", end_id="golf", weight=1.0)
    >>> stored = {("c1", "style"): keep.digest(), ("c1", "denim"): "old", ("c1", "polo"): "x"}
    >>> s = _Sorting(stored, set())
    >>> [r.end_id for r in s.new([keep, move, new])], [r.end_id for r in s.update]
    (['golf'], ['denim'])
    >>> s.gone(), s.unchanged
    ([('c1', 'polo')], 1)
    """

    def __init__(self, stored: dict[Pair, str], twice: set[Pair]) -> None:
        self.stored, self.twice = stored, twice
        self.seen: set[Pair] = set()
        self.update: list[Derived] = []
        self.unchanged = self.created = 0

    def new(self, computed: Iterable[Derived | Draft[Any]]) -> Iterator[Derived | Draft[Any]]:
        """The edges to create (not held, or held twice), as ``computed`` is read."""
        stored, twice, seen = self.stored, self.twice, self.seen
        for item in computed:
            key = (item.start_id, item.end_id)
            seen.add(key)
            held = stored.get(key)
            if held is None or key in twice:
                self.created += 1
                yield item
            elif held == item.digest():
                self.unchanged += 1
            else:
                self.update.append(_made(item))

    def gone(self) -> list[Pair]:
        """The held pairs to delete: not computed any more, or held twice."""
        return [key for key in self.stored if key not in self.seen or key in self.twice]


def _made(item: Derived | Draft[Any]) -> Derived:
    return item.record() if isinstance(item, Draft) else item


def in_start_order(edges: dict[Pair, V]) -> Iterator[tuple[Pair, V]]:
    """Computed edges by start (then end): the order whose writes group best (see the module).

    >>> list(in_start_order({("b", "x"): 1, ("a", "y"): 2, ("a", "x"): 3}))
    [(('a', 'x'), 3), (('a', 'y'), 2), (('b', 'x'), 1)]
    """
    for pair in sorted(edges):  # the keys only: 6 MB for 724,000 edges
        yield pair, edges[pair]


def grouped(rows: Iterable[Row]) -> list[Row]:
    """Edge rows grouped by their start, in the order starts first appear (the shape of the
    ``analytics/create_*`` statements).

    >>> grouped([{"start": "a", "end": "x", "props": {}}, {"start": "b", "end": "y", "props": {}},
    ...          {"start": "a", "end": "z", "props": {}}])  # doctest: +NORMALIZE_WHITESPACE
    [{'start': 'a', 'ends': [{'end': 'x', 'props': {}}, {'end': 'z', 'props': {}}]},
     {'start': 'b', 'ends': [{'end': 'y', 'props': {}}]}]
    """
    ends: dict[str, list[Row]] = {}
    for row in rows:
        ends.setdefault(row["start"], []).append({"end": row["end"], "props": row["props"]})
    return [{"start": start, "ends": of} for start, of in ends.items()]


def _writers(repository: Repository) -> int:
    """Batches of new edges written at once (see the module)."""
    return 1 if repository.embedded else 2


def create_stream(repository: Repository, statement: str, rows: Iterable[Row]) -> int:
    """Create edges from ``rows`` (``{start, end, props}``) as they are made: batches (by rows
    and by bytes, see :mod:`graph.store.limits`) are written in background threads while the
    next is made, each its own transaction; returns the edges written. A failure stops the
    stream and the batches written stay: harmless for derived edges, whose next sync completes
    them."""
    settings, writers = repository.settings, _writers(repository)
    total = 0

    def written(sent: tuple[Future[list[Row]], list[Row]]) -> int:
        done, batch = sent
        answer = done.result()
        # The driver leaves a reference cycle around each statement, holding its parameters
        # until the cycle collector runs; bulk work collects the young ones after each
        # statement (graph.bulk), but with two in flight one statement's cycle outlives the
        # other's collection and ages out of reach: at 100,000 customers 350 MB of batches
        # stayed to the stage's end. Emptied, a batch is freed whatever holds the list.
        batch.clear()
        return sum(int(r.get("written", 0)) for r in answer)

    with ThreadPoolExecutor(writers, thread_name_prefix="rapport-write") as pool:
        pending: deque[tuple[Future[list[Row]], list[Row]]] = deque()
        for batch in chunks(rows, max_rows=settings.batch_size, max_bytes=settings.batch_bytes):
            if len(pending) >= writers:
                total += written(pending.popleft())
            payload = grouped(batch)
            pending.append((pool.submit(repository.write, statement, rows=payload), payload))
        while pending:
            total += written(pending.popleft())
    return total


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
    held, twice = stored or stored_digests(repository, kind, scope=scope)
    sorting = _Sorting(held, twice)
    stem = _stem(kind)
    delete = f"analytics/delete_{stem}"
    # Pairs held twice go first: they are created once again below.
    removed = repository.write_rows(delete, [{"start": a, "end": b} for a, b in sorted(twice)])
    # New edges are made into rows while the batch before is written, as the computed edges
    # are read: the first run of 100k customers creates 724,000, never all held at once.
    create_stream(
        repository,
        f"analytics/create_{stem}",
        (
            {"start": r.start_id, "end": r.end_id, "props": r.props()}
            for r in map(_made, sorting.new(computed))
        ),
    )
    gone = [{"start": a, "end": b} for a, b in sorting.gone() if (a, b) not in twice]
    removed += repository.write_rows(delete, gone)
    with BatchWriter(repository) as writer:
        writer.add_all(sorting.update)
    return SyncReport(
        written=sorting.created + len(sorting.update), removed=removed,
        unchanged=sorting.unchanged,
    )  # fmt: skip
