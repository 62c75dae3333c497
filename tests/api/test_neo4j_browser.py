"""Neo4j Browser with Rapport's kit, in a real headless Chromium, on both engines: on the embedded
engine the Browser `rapport browser` serves (Neo4j Browser's own bundle pointed at ArcadeDB's Bolt
port); on Neo4j the Browser the server ships. Both load Rapport's style and guide from the kit
server and run a kit query that draws the planted influencer."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.browser import kit
from api.browser.server import Target, browser_url, create_app
from graph.store import neo4j as local_neo4j
from graph.store.neo4j import distribution
from graph.store.repository import Repository
from importers.generate import Truth
from tests.api.conftest import _free_port, running
from tests.conftest import ON_NEO4J

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "web" / "tests" / "neo4j_browser.mjs"
SHOTS = ROOT / "build" / "screenshots" / ("neo4j" if ON_NEO4J else "embedded")


@pytest.fixture(scope="module")
def browser_server(
    repo: Repository, planted: Truth, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str, str]]:
    """(kit base URL, the Browser's URL, the database password) for this engine."""
    lease = repo.connection.lease
    if lease is None:
        pytest.skip("an external Neo4j: use its own Browser")
    port = _free_port()
    if ON_NEO4J:
        app = create_app(port=port, target=None, bundle=None)
        url = local_neo4j.browser_url(lease.info)
    else:
        bundle = distribution.browser_bundle(tmp_path_factory.mktemp("nb"))
        target = Target(lease.info.bolt_port, "root", repo.connection.database)
        app = create_app(port=port, target=target, bundle=bundle)
        url = browser_url(f"http://localhost:{port}", target)
    with running(app, port):
        yield f"http://localhost:{port}", url, lease.password


def test_the_kit_server_hands_out_the_style_and_the_guide(
    browser_server: tuple[str, str, str],
) -> None:
    base, _, _ = browser_server
    style = httpx.get(f"{base}/rapport/rapport.grass", headers={"Origin": "http://127.0.0.1:7474"})
    assert style.headers["access-control-allow-origin"] == "*"  # any local Browser may load it
    assert "node.Customer" in style.text
    guide = httpx.get(f"{base}/rapport/guide.html").text
    assert guide.count("<slide") == len(kit.queries()) + 1
    assert f":style {base}/rapport/rapport.grass" in guide


@pytest.mark.embedded_only
def test_the_served_browser_finds_the_embedded_database_and_cannot_call_out(
    browser_server: tuple[str, str, str], repo: Repository
) -> None:
    base, _, _ = browser_server
    lease = repo.connection.lease
    assert lease is not None
    found = httpx.get(f"{base}/", headers={"Accept": "application/json"}).json()
    assert found["bolt_direct"] == f"bolt://127.0.0.1:{lease.info.bolt_port}"
    page = httpx.get(f"{base}/browser/")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert f"ws://127.0.0.1:{lease.info.bolt_port}" in policy
    assert "googleapis" not in policy
    assert "segment" not in policy


def test_a_marketer_runs_a_kit_query_in_neo4j_browser_with_the_style(
    browser_server: tuple[str, str, str], planted: Truth, repo: Repository
) -> None:
    node = shutil.which("node")
    assert node, "Node 20 is needed for the browser tests"
    base, url, password = browser_server
    query = kit.parse(kit.KIT / "product_influencers.cypher").statement
    params = {"product": f"'{planted.top_influencer.product}'", "limit": "3"}
    shot = SHOTS / "neo4j-browser-product-influencers.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    (influencer,) = repo.read("read/customer_by_ids", ids=[planted.top_influencer.customer])
    name = influencer["props"]["name"]
    done = subprocess.run(
        [node, str(DRIVER), url, password, base, json.dumps(params), query, name, str(shot)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.stdout.strip(), done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["ok"], result.get("failure", "") + str(result["frames"])
    assert result["guide"]  # the guide opened from the kit server
    assert "node.Customer" in result["styleFrame"]
    assert "#4E79A7" in result["customerColour"]  # the kit style's Customer colour, not Browser's
    assert result["drawsExpected"]
    if not ON_NEO4J:  # the bundle tries (fonts, analytics); the page's policy stops every call
        assert result["blocked"] == ["csp"] * len(result["outside"])
    assert shot.exists()
