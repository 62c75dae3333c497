"""GraphiQL in a real headless Chromium: it opens without a key (no CDN: everything comes from the
app), asks for one, keeps it in the browser, runs a README query and shows the answer."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import httpx

from api.auth.keys import KeyStore
from api.graphql.app import WEB
from graph.settings import Settings
from graph.store.repository import Repository
from importers.generate import Truth

DRIVER = Path(__file__).resolve().parents[2] / "web" / "tests" / "graphiql.mjs"


def test_the_page_opens_without_a_key_but_queries_need_one(served: tuple[str, str]) -> None:
    base, _ = served
    page = httpx.get(f"{base}/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "cdn" not in page.text.lower()
    assert "unpkg" not in page.text.lower()
    assert httpx.get(f"{base}/graphql/ide/graphiql.min.js").status_code == 200
    refused = httpx.post(f"{base}/graphql", json={"query": "{ __typename }"})
    assert refused.status_code == 401


def test_a_person_enters_a_key_and_runs_a_readme_query(
    served: tuple[str, str], planted: Truth
) -> None:
    assert (WEB / "graphiql.html").exists(), "web/ is not built: run `make install`"
    node = shutil.which("node")
    assert node is not None, "the browser tests need Node 20 (npm builds web/)"
    base, key = served
    product = planted.complements.product
    query = f'{{ product(id: "{product}") {{ name relatedProducts(first: 3) {{ product {{ key }} }} }} }}'
    done = subprocess.run([node, str(DRIVER), base, key, query, planted.complements.top_two[0]],
                          capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["askedForKey"]
    assert result["keptKey"]
    assert result["external"] == []  # nothing from a CDN
    assert planted.complements.top_two[0] in result["answer"]


SUBSCRIBER = DRIVER.parent / "subscribe.mjs"


def test_a_browser_page_subscribes_with_its_key_in_connection_init(
    served: tuple[str, str], repo: Repository, planted: Truth,
    make_settings: Callable[..., Settings],
) -> None:  # fmt: skip
    base, reader = served
    settings = make_settings(db_name=repo.connection.database)
    _, writer = KeyStore(settings.data_dir).create("writer", "browser subscription test")
    node = shutil.which("node")
    assert node, "Node 20 is needed for the browser tests"
    browser = subprocess.Popen([node, str(SUBSCRIBER), base, reader], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert browser.stdout is not None
        first = browser.stdout.readline().strip()
        assert first == "ready", first + (browser.stderr.read() if browser.stderr else "")
        angry = planted.angry_post
        mutation = """mutation($post: PostInput!) { ingestPost(post: $post) { alert { key } } }"""
        post = {"handle": angry.handle, "postId": "browser-sub",
                "text": "@rapportshop the Oxford Shirt tore again. Terrible, I want a refund"}  # fmt: skip
        raised = httpx.post(f"{base}/graphql", headers={"X-API-Key": writer}, timeout=60,
                            json={"query": mutation, "variables": {"post": post}}).json()  # fmt: skip
        alert = raised["data"]["ingestPost"]["alert"]["key"]
        assert browser.stdout.readline().strip() == "raised"
        resolve = (
            'mutation($id: ID!) { resolveAlert(id: $id, resolution: "called") { alert { key } } }'
        )
        httpx.post(f"{base}/graphql", headers={"X-API-Key": writer}, timeout=60,
                   json={"query": resolve, "variables": {"id": alert}})  # fmt: skip
        out, err = browser.communicate(timeout=300)
    finally:
        if browser.poll() is None:
            browser.kill()
    assert browser.returncode == 0, out + err
    result = json.loads(out.strip().splitlines()[-1])
    assert result["unauthorizedClose"] == 4401
    data = {m["id"]: m["payload"]["data"] for m in result["received"] if m["type"] == "next"}
    assert data["raised"]["alertRaised"] == {"key": alert, "status": "OPEN"}
    assert data["updated"]["alertUpdated"] == {"key": alert, "status": "RESOLVED",
                                               "resolution": "called"}  # fmt: skip
