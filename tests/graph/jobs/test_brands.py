"""What is our brand is configured (RAPPORT_BRAND_HANDLES), not decided by what was imported first."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from graph.answers import alert_queue
from graph.jobs.analyze import analyze
from graph.settings import Settings
from graph.store import reads
from graph.store.connection import connect
from graph.store.repository import Repository
from importers.run.files import import_path

Make = Callable[..., Settings]
COMPLAINT = {
    "data": [{"id": "900", "author_id": "1", "created_at": "2025-06-01T10:00:00Z",
              "text": "@rapportshop my shirt ripped after one wash. Terrible quality, refund me",
              "entities": {"mentions": [{"start": 0, "end": 12, "username": "rapportshop"}]}}],
    "includes": {"users": [{"id": "1", "username": "ann_lee", "name": "Ann Lee"}]},
}  # fmt: skip


def _brand(repo: Repository, account: str) -> object:
    return reads.nodes_by_ids(repo, "SocialAccount", [account])[account].get("isBrand")


def test_a_complaint_to_our_handle_alerts_on_a_fresh_graph_and_settings_decide(
    fresh_settings: Make, make_settings: Make, tmp_path: Path
) -> None:
    settings = fresh_settings("brands")
    path = tmp_path / "tweets.jsonl"
    path.write_text(json.dumps(COMPLAINT) + "\n", encoding="utf-8")
    with connect(settings) as conn:
        repo = Repository(conn)
        import_path(repo, path, live_progress=False)
        # @rapportshop never posted: the setting alone makes the mention one of our brand.
        assert _brand(repo, "twitter:rapportshop") is True
        assert [a.post for a in alert_queue.list_alerts(repo, status="open")] == ["twitter:900"]
    moved = make_settings(db_name=settings.db_name, brand_handles="twitter:ann_lee")
    with connect(moved) as conn:
        repo = Repository(conn)
        stages = {s.name: s.notes for s in analyze(repo, only=["brands"]).stages}
        assert (stages["brands"]["flagged"], stages["brands"]["unflagged"]) == (1, 1)
        assert (_brand(repo, "twitter:rapportshop"), _brand(repo, "twitter:ann_lee")) == (
            False,
            True,
        )
