"""`rapport analyze`: project the graph, compute every analytic, write the results back.

Stages (each can run alone with ``only``):

- ``influence``: evidence -> ``INFLUENCES`` edges, PageRank ``Customer.influence`` and
  ``influenceRank``;
- ``communities``: Louvain over the influence graph -> ``Customer.community``;
- ``warmth``: interactions, brand replies and sales -> ``RAPPORT`` edges (score 0-100 with its
  breakdown);
- ``related``: co-purchase association -> ``BOUGHT_WITH`` edges;
- ``interests``: topics of a customer's posts -> ``INTERESTED_IN`` edges; on a full run, each
  topic's most discussed products -> ``Topic.products`` (what recommendations offer for it);
- ``alerts``: alerts for negative posts that have none, brand replies recorded as responses, and
  open alerts re-scored with the new influence (and given to a warmest employee when the on-duty
  team held them), see :mod:`graph.answers.alerts`.

A run tells other systems, through the event outbox (:mod:`graph.store.outbox`) and webhooks,
that it finished, which employee-customer pairs crossed ``RAPPORT_WEBHOOK_WARMTH_THRESHOLD`` and
who entered the top ``RAPPORT_WEBHOOK_TOP_K`` influencers (:mod:`graph.jobs.announce`).

Derived edges are synchronised (:mod:`graph.store.derived`): an edge whose values did not change
is left alone, a new or changed one is written with ``computedAt`` = this run's time, and an edge
the run no longer computes is deleted, so the graph always shows exactly the current evidence.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graph import model
from graph.analytics import communities as community_detection
from graph.analytics import influence, related, warmth
from graph.analytics.interests import interest_weights, topic_products
from graph.analytics.weighted import Links
from graph.bulk import bulk_work
from graph.errors import ConfigError
from graph.jobs import announce, incremental, raise_alerts
from graph.jobs.brands import mark_brands
from graph.store import derived, gds, outbox
from graph.store.projection import Projection, audience, load_contacts, load_topic_mentions_of
from graph.store.repository import Repository

STAGES = ("brands", "influence", "communities", "warmth", "related", "interests", "alerts")


@dataclass
class StageReport:
    """How one stage went."""

    name: str
    seconds: float = 0.0
    written: int = 0
    removed: int = 0
    notes: dict[str, float | int | str] = field(default_factory=dict)


@dataclass
class AnalysisReport:
    """Every stage of one run."""

    run: datetime
    stages: list[StageReport] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        """Total time of the run."""
        return sum(s.seconds for s in self.stages)


@dataclass
class _State:
    """What stages hand each other within one run."""

    projection: Projection
    # Incremental runs: the customers and posts the new events touch (None: everything).
    scope: set[str] | None = None
    new_posts: list[str] | None = None
    graph: Links | None = None
    scores: dict[str, float] = field(default_factory=dict)
    events: list[tuple[str, dict[str, object]]] = field(default_factory=list)  # for the outbox


def _stamp(run: datetime) -> datetime:
    return run.replace(microsecond=0)


def _sync(
    repository: Repository,
    report: StageReport,
    kind: type[model.Derived],
    records: Iterable[model.Derived | model.Draft[Any]],
    scope: Collection[str] | None = None,
    stored: Future[tuple[dict[derived.Pair, str], set[derived.Pair]]] | None = None,
) -> None:
    held = stored.result() if stored is not None else None
    done = derived.sync(repository, kind, records, scope=scope, stored=held)
    report.written, report.removed = report.written + done.written, report.removed + done.removed
    report.notes["unchanged"] = done.unchanged


def _set_scores(repository: Repository, state: _State, scores: dict[str, dict[str, object]]) -> int:
    """Store the scores that differ from what the graph holds; returns how many customers.

    An incremental run writes its few scores without reading every customer's first."""
    if state.scope is not None:
        rows = [{"id": cid, "props": props} for cid, props in scores.items()]
        return repository.write_rows("analytics/set_customer_scores", rows)
    stored = state.projection.customer_scores
    changed = {
        cid: props
        for cid, props in scores.items()
        if any(stored.get(cid, {}).get(k) != v for k, v in props.items())
    }
    for cid, props in changed.items():
        stored.setdefault(cid, {}).update(props)
    rows = [{"id": cid, "props": props} for cid, props in changed.items()]
    return repository.write_rows("analytics/set_customer_scores", rows)


def run_influence(
    repository: Repository, run: datetime, state: _State, report: StageReport
) -> None:
    """Influence edges and scores (PageRank here, or inside Neo4j by GDS)."""
    projection = state.projection
    projection.read_influence_ahead()
    # The stored edges are read while this process computes the new ones.
    stored_edges = projection.ahead.later(derived.stored_digests, repository, model.Influences)
    inputs = projection.influence_inputs()
    found = influence.conversions(inputs.praise, inputs.purchases, audience(inputs))
    edges = influence.influence_edges(
        follows=inputs.follows, replies=inputs.replies, reshares=inputs.reshares,
        quotes=inputs.quotes, mentions=inputs.mentions, referrals=inputs.referrals,
        conversions=found,
    )  # fmt: skip
    del inputs
    projection.drop_influence_inputs()  # 400 MB at 100k customers, no longer needed
    in_database = repository.settings.analyze_in_database
    if in_database:
        gds.version(repository)  # before any write: says what to do when there is none
    else:
        links = influence.influence_links(edges)
        state.graph, state.scores = links, influence.influence_scores(links)
    stored = state.projection.customer_scores  # before this run's are set
    _sync(
        repository,
        report,
        model.Influences,
        (
            model.Draft(model.Influences, a, b, {
                "weight": round(ev.weight(), 3), "follows": ev.follows, "replies": ev.replies,
                "reshares": ev.reshares, "quotes": ev.quotes, "mentions": ev.mentions,
                "referrals": ev.referrals, "conversions": ev.conversions, "computed_at": run,
                "source": "analyze",
            })
            for (a, b), ev in derived.in_start_order(edges)
        ),
        stored=stored_edges,
    )  # fmt: skip
    report.notes.update(edges=len(edges), conversions=len(found))
    if in_database:
        before = {c: dict(s) for c, s in stored.items()}
        report.notes.update(customers=gds.influence(repository).customers, engine="gds")
        scores, ranks = _stored_influence(repository, stored)
        state.events += announce.influencers_entered(repository, run, before, ranks, scores)
        return
    ranks = influence.ranks(state.scores)
    state.events += announce.influencers_entered(repository, run, stored, ranks, state.scores)
    _set_scores(
        repository,
        state,
        {c: {"influence": round(s, 8), "influenceRank": ranks[c]}
         for c, s in state.scores.items()},
    )  # fmt: skip
    report.notes.update(customers=len(state.scores))


def _stored_influence(
    repository: Repository, stored: dict[str, dict[str, object]]
) -> tuple[dict[str, float], dict[str, int]]:
    """The scores and ranks GDS wrote, read back into the run's copy of the stored scores."""
    fresh = Projection(repository).customer_scores
    for cid, values in fresh.items():
        stored.setdefault(cid, {}).update(values)
    scores = {c: float(v["influence"]) for c, v in fresh.items() if "influence" in v}  # type: ignore[arg-type]
    ranks = {c: int(v["influenceRank"]) for c, v in fresh.items() if "influenceRank" in v}  # type: ignore[call-overload]
    return scores, ranks


def run_communities(
    repository: Repository, run: datetime, state: _State, report: StageReport
) -> None:
    """Louvain communities over the influence graph (here, or inside Neo4j by GDS)."""
    if repository.settings.analyze_in_database:
        done = gds.communities(repository)
        report.written = done.customers
        report.notes.update(communities=done.communities, engine="gds")
        return
    if state.graph is None:
        run_influence(repository, run, state, StageReport("influence"))
    found = community_detection.communities(state.graph, seed=7)
    state.graph = None  # no later stage reads it: 724k edges at 100k customers, freed for warmth
    report.written = _set_scores(repository, state, {c: {"community": k} for c, k in found.items()})
    report.notes["communities"] = len(set(found.values()))


def run_warmth(repository: Repository, run: datetime, state: _State, report: StageReport) -> None:
    """RAPPORT edges from contacts and sales."""
    stored = state.projection.ahead.later(
        derived.stored_digests, repository, model.Rapport, scope=state.scope
    )
    inputs = load_contacts(repository, state.scope)
    # Valued as of today: decay would otherwise change every edge on every run.
    day = warmth.as_of_day(run)
    scores = warmth.warmth(*inputs, now=day, params=repository.settings.warmth_params)
    now = {pair: w.score for pair, w in scores.items()}
    state.events += announce.warmth_crossed(repository, run, state.scope, now)
    _sync(
        repository,
        report,
        model.Rapport,
        (
            model.Draft(model.Rapport, w.employee, w.customer, {
                "warmth": w.score, "interactions": w.interactions,
                "last_contact_at": w.last_contact_at,
                "sentiment": None if w.sentiment is None else round(w.sentiment, 4),
                "sales": w.sales, "breakdown_keys": tuple(w.breakdown),
                "breakdown_values": tuple(round(v, 4) for v in w.breakdown.values()),
                "computed_at": run, "source": "analyze",
            })
            for _, w in derived.in_start_order(scores)  # keyed (employee, customer)
        ),
        state.scope,
        stored,
    )  # fmt: skip
    report.notes.update(pairs=len(scores), contacts=len(inputs.contacts), sales=len(inputs.sales),
                        owners=len(inputs.owners))  # fmt: skip


def run_related(repository: Repository, run: datetime, state: _State, report: StageReport) -> None:
    """BOUGHT_WITH edges from co-purchases: the significant pairs, ranked (see related)."""
    baskets = list(state.projection.baskets.values())
    rules = related.association_rules(baskets, min_support=repository.settings.min_support)
    _sync(
        repository,
        report,
        model.BoughtWith,
        (
            model.BoughtWith(
                start_id=r.product, end_id=r.other, support=round(r.support, 6),
                confidence=round(r.confidence, 4), lift=round(r.lift, 3), count=r.count,
                score=round(r.score, 4), p_value=float(f"{r.p_value:.3g}"),
                q_value=float(f"{r.q_value:.3g}"), rank=r.rank, computed_at=run,
                source="analyze",
            )
            for r in rules
        ),
    )  # fmt: skip
    sales = related.best_sellers(baskets)
    rows = [
        {"id": product, "sold": sold, "rank": rank} for rank, (product, sold) in enumerate(sales, 1)
    ]
    repository.write_rows("analytics/set_product_sales", rows)
    report.notes.update(baskets=len(baskets), rules=len(rules))


def run_interests(
    repository: Repository, run: datetime, state: _State, report: StageReport
) -> None:
    """INTERESTED_IN edges, mean post sentiment and (full runs) topics' most discussed products."""
    if state.scope is None:
        mentions = state.projection.topic_mentions
    else:
        mentions = load_topic_mentions_of(repository, state.scope)
    weights = interest_weights(mentions)
    _sync(
        repository,
        report,
        model.InterestedIn,
        (
            model.Draft(
                model.InterestedIn, c, t, {"weight": w, "computed_at": run, "source": "analyze"}
            )
            for (c, t), w in derived.in_start_order(weights)
        ),
        state.scope,
    )
    if state.scope is None:  # a co-occurrence over all posts, as related products are
        counts = repository.read("analytics/topic_products")
        kept = topic_products((r["topic"], r["product"], int(r["posts"])) for r in counts)
        rows = [{"id": t, "products": ps} for t, ps in sorted(kept.items())]
        repository.write_rows("analytics/set_topic_products", rows)
        repository.write("analytics/clear_topic_products", keep=sorted(kept))
        report.notes.update(topics_with_products=len(kept))
    sentiment: dict[str, list[float]] = defaultdict(list)
    for customer, _topic, value in mentions:
        if value is not None:
            sentiment[customer].append(value)
    _set_scores(
        repository,
        state,
        {c: {"sentimentAvg": round(sum(v) / len(v), 4)} for c, v in sentiment.items()},
    )
    report.notes["pairs"] = len(weights)


def run_alerts(repository: Repository, run: datetime, state: _State, report: StageReport) -> None:
    """Raise missing alerts, record brand responses, refresh open alerts."""
    raised = raise_alerts.raise_alerts(repository, posts=state.new_posts)
    responded = raise_alerts.record_responses(repository, replies=state.new_posts)
    # Severity follows influence, which only a full run recomputes.
    refreshed, assigned = raise_alerts.refresh_open(repository) if state.scope is None else (0, 0)
    report.written = len(raised) + responded + refreshed
    report.notes.update(
        raised=len(raised), responded=responded, refreshed=refreshed, assigned=assigned
    )


def run_brands(repository: Repository, run: datetime, state: _State, report: StageReport) -> None:
    """Our brand accounts as the settings name them (RAPPORT_BRAND_HANDLES)."""
    marks = mark_brands(repository)
    report.written = marks.flagged + marks.unflagged
    report.notes.update(flagged=marks.flagged, unflagged=marks.unflagged)


_RUNNERS: dict[str, Callable[[Repository, datetime, _State, StageReport], None]] = {
    "brands": run_brands,
    "influence": run_influence,
    "communities": run_communities,
    "warmth": run_warmth,
    "related": run_related,
    "interests": run_interests,
    "alerts": run_alerts,
}


INCREMENTAL_STAGES = ("brands", "warmth", "interests", "alerts")


def analyze(
    repository: Repository,
    *,
    only: Collection[str] | None = None,
    now: datetime | None = None,
    since: datetime | None = None,
    on_stage: Callable[[StageReport], None] | None = None,
) -> AnalysisReport:
    """Run the chosen stages (all by default) and write their results to the graph.

    With ``since``, run incrementally: only what the events written after ``since`` touch, by
    the rule in :mod:`graph.jobs.incremental` (stages: warmth, interests, alerts).
    """
    allowed = INCREMENTAL_STAGES if since is not None else STAGES
    unknown = set(only or ()) - set(STAGES)
    if unknown:
        raise ConfigError(
            f"unknown analysis stage(s): {', '.join(sorted(unknown))}",
            hint=f"choose from: {', '.join(STAGES)}",
        )
    chosen = [s for s in allowed if not only or s in set(only)]
    run = _stamp(now or datetime.now(UTC))
    report = AnalysisReport(run=run)
    settings = repository.settings
    state = _State(Projection(repository))
    try:
        if since is not None:
            stage = StageReport("touched")
            started = time.perf_counter()
            touched = incremental.touched_since(repository, since)
            state.scope, state.new_posts = touched.customers, touched.posts
            stage.seconds = time.perf_counter() - started
            stage.notes.update(
                since=since.isoformat(timespec="seconds"), posts=len(touched.posts),
                interactions=touched.interactions, purchases=touched.purchases,
                customers=len(touched.customers),
            )  # fmt: skip
            report.stages.append(stage)
            if on_stage is not None:
                on_stage(stage)
        for name in chosen:
            stage = StageReport(name)
            started = time.perf_counter()
            with bulk_work():
                _RUNNERS[name](repository, run, state, stage)
            stage.seconds = time.perf_counter() - started
            report.stages.append(stage)
            if on_stage is not None:
                on_stage(stage)
    finally:
        state.projection.close()
    if not only:  # a complete run: the next incremental one starts from here
        incremental.record_run(settings, repository.connection.database, run, full=since is None)
    state.events.append(announce.finished(run, since is not None, report.stages))
    outbox.record_events(repository, state.events)
    return report
