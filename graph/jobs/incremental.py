"""Incremental analysis: what a small batch of new events touches, and when the last run was.

**The rule.** An incremental run (``rapport analyze --incremental``) looks at the posts,
interactions and purchases written since the previous run (their ``updatedAt``, indexed). The
customers they touch are the authors of the new posts (and the customers those posts reply to) and
the customers of the new interactions and purchases. For those customers, and only them, it
recomputes warmth (``RAPPORT``), interests (``INTERESTED_IN``) and ``sentimentAvg``; it raises the
alerts the new posts need and records brand replies. Influence (``INFLUENCES``, PageRank, ranks),
communities and related products are global: one new post barely moves them, and they wait for the
next full run (schedule ``rapport analyze`` nightly).

The time of each run is kept per database in ``<RAPPORT_DATA_DIR>/analysis/<database>.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from graph.settings import Settings
from graph.store.repository import Repository
from graph.times import to_utc


@dataclass
class Touched:
    """The new posts since a moment, and the customers the new events touch."""

    posts: list[str] = field(default_factory=list)
    customers: set[str] = field(default_factory=set)
    interactions: int = 0
    purchases: int = 0


def _ids(repository: Repository, name: str, since: datetime) -> list[str]:
    rows = repository.read(name, since=since)
    return list(rows[0]["ids"]) if rows else []


def touched_since(repository: Repository, since: datetime) -> Touched:
    """What was written after ``since`` and whom it concerns."""
    moment = to_utc(since)
    found = Touched(posts=_ids(repository, "analytics/touched_posts", moment))
    if found.posts:
        for row in repository.read("analytics/post_customers_of", ids=found.posts):
            found.customers.update(c for c in row["customers"] if c)
    for kind in ("interaction", "purchase"):
        ids = _ids(repository, f"analytics/touched_{kind}s", moment)
        setattr(found, f"{kind}s", len(ids))
        if ids:
            for row in repository.read(f"analytics/{kind}_customers_of", ids=ids):
                found.customers.update(c for c in row["customers"] if c)
    return found


def _log_path(settings: Settings, database: str) -> Path:
    return settings.data_dir / "analysis" / f"{database}.json"


def last_run(settings: Settings, database: str) -> datetime | None:
    """When the last analysis of ``database`` started (full or incremental), if any."""
    path = _log_path(settings, database)
    try:
        data = json.loads(path.read_text("utf-8"))
        return to_utc(datetime.fromisoformat(data["last"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def record_run(settings: Settings, database: str, started: datetime, *, full: bool) -> None:
    """Remember that an analysis of ``database`` started at ``started``."""
    path = _log_path(settings, database)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        data = {}
    data["last"] = to_utc(started).isoformat()
    if full:
        data["full"] = data["last"]
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    tmp.replace(path)
