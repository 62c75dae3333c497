"""What follows writing records, whichever way they came (a file, a folder, a webhook): the owners
of unowned accounts looked for again, brand accounts marked, alerts raised and brand replies
recorded, as the formats written say they need."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from graph.analytics.alert_rules import AlertDecision
from graph.jobs.brands import mark_brands
from graph.jobs.raise_alerts import raise_alerts, record_responses
from graph.store.repository import Repository
from importers.formats.base import FormatSpec
from importers.identity.store import ResolutionReport, resolve_identities


@dataclass
class Settled:
    """What settling found: the identity resolution run (if one ran) and the alerts raised."""

    identities: ResolutionReport | None = None
    alerts: list[AlertDecision] = field(default_factory=list)


def settle(
    repository: Repository,
    specs: Iterable[FormatSpec],
    *,
    posts: Collection[str] | None = None,
    accounts: Collection[str] | None = None,
) -> Settled:
    """Run what records of formats ``specs`` need once written (``posts``: raise alerts on
    these only and record the answers among them; default every post that needs one;
    ``accounts``: look for the owners of these only, when no person changed)."""
    specs = list(specs)
    settled = Settled()
    if any(spec.identities for spec in specs):
        # People or accounts changed: look for the owners of unowned accounts again.
        settled.identities = resolve_identities(repository, accounts)
    if any(spec.posts or spec.identities for spec in specs):
        mark_brands(repository)  # what is ours is configured, not decided by import order
    if any(spec.posts for spec in specs):
        # After identities: an alert goes to the warmest employee of the post's owner.
        settled.alerts = raise_alerts(repository, posts=posts)
        record_responses(repository, replies=posts)
    return settled
