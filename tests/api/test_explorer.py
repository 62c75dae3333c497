"""The Rapport Explorer in a real headless Chromium, on generated data with planted truths: a
marketer searches the praised product and sees the planted influencer first, opens their 360,
expands the network, reads why one customer influences another, finds the strongest path, picks
campaign seeds and works the alert queue. Screenshots go to build/screenshots/<engine>/.

The page reads only the GraphQL API, whose answers are tested on both engines; `make test` drives it
on the embedded engine only, to keep the run under 15 minutes (it passes on Neo4j too:
RAPPORT_TEST_BACKEND=neo4j pytest -m "not neo4j_only" tests/api/test_explorer.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.auth.keys import KeyStore
from api.graphql.app import EXPLORER
from graph.answers import influencers
from graph.settings import Settings
from graph.store.repository import Repository
from importers.generate import Truth
from tests.conftest import ON_NEO4J

pytestmark = pytest.mark.embedded_only

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "api" / "explorer" / "tests" / "explorer.mjs"
SHOTS = ROOT / "build" / "screenshots" / ("neo4j" if ON_NEO4J else "embedded")


def test_the_page_and_its_libraries_come_from_the_app(served: tuple[str, str]) -> None:
    base, _ = served
    page = httpx.get(f"{base}/explore")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower()
    for asset in ("cytoscape.min.js", "uPlot.iife.min.js", "explorer.js", "explorer.css"):
        assert httpx.get(f"{base}/explore/static/{asset}").status_code == 200, asset
    # The page itself is public; what it reads is not.
    assert httpx.post(f"{base}/graphql", json={"query": "{ topics { topic } }"}).status_code == 401


def test_a_marketer_explores_the_network_and_works_the_alert_queue(
    served: tuple[str, str], repo: Repository, planted: Truth,
    make_settings: Callable[..., Settings],
) -> None:  # fmt: skip
    assert (EXPLORER / "index.html").exists(), "api/explorer is not built: run `make install`"
    node = shutil.which("node")
    assert node, "Node 20 is needed for the browser tests"
    base, reader = served
    _, writer = KeyStore(make_settings(db_name=repo.connection.database).data_dir).create(
        "writer", "explorer test"
    )
    inf = planted.top_influencer
    named = httpx.post(f"{base}/graphql", headers={"X-API-Key": reader}, timeout=30,
                       json={"query": f'{{ product(id: "{inf.product}") {{ name }} }}'})  # fmt: skip
    path_to = inf.converted_followers[-1]
    truth = {
        "product": inf.product, "productName": named.json()["data"]["product"]["name"],
        "influencer": inf.customer, "converted": list(inf.converted_followers), "pathTo": path_to,
    }  # fmt: skip

    def drive() -> tuple[dict[str, Any], str]:
        done = subprocess.run([node, str(DRIVER), base, reader, writer, json.dumps(truth),
                               str(SHOTS)], capture_output=True, text=True, timeout=600,
                              check=False)  # fmt: skip
        assert done.stdout.strip(), done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr

    result, stderr = drive()
    if not result["ok"] and "Target crashed" in result.get("failure", ""):
        # Chromium's renderer process died, not a step of the page: seen twice in a dozen runs
        # on two cores shared with the test servers, in different steps, never twice in a row.
        result, stderr = drive()
    assert result["ok"], result.get("failure", "") + stderr
    assert result["external"] == []  # nothing from a CDN
    assert result["askedForKey"]
    # The praised product's influencers: the planted one first.
    assert result["productTop"] == inf.customer
    # Their network: converted followers drawn with the conversion colour; the 360 panel.
    assert result["converted"] >= 1
    assert "Warmest employees" in result["panel"]
    assert "Recommendations" in result["panel"]
    assert result["chart"]
    # Clicking a neighbour expands the graph around them.
    assert result["expandedTo"] > result["expandedFrom"]
    # Why: the dated conversion evidence behind the edge.
    assert "conversions" in result["why"]
    assert inf.product in result["why"]
    # The path is the API's strongest path, drawn.
    assert result["path"] == influencers.influence_path(repo, inf.customer, path_to)
    assert result["onPath"] == len(result["path"])
    # Campaign seeds: three, ringed on the graph, the API's own choice.
    seeds, _ = influencers.campaign_seeds(repo, k=3)
    assert result["seeds"] == seeds
    assert result["seedNodes"] == 3
    # The alert queue: SLA countdown; a reader is refused with the fix; a writer acts.
    assert result["sla"].startswith(("due in", "overdue by"))
    assert "writer" in result["readerRefused"]
    assert result["assigneeShown"]
    alert = repo.read("read/alert_by_ids", ids=[result["acknowledged"]])[0]["props"]
    assert alert["status"] == "acknowledged"
    assert result["screenshots"] == sorted(p.name for p in SHOTS.glob("explorer-*.png"))
