"""`rapport serve` as it runs in production: a process that only serves (no enrichment stack until a
write needs it) and several worker processes that share keys and the rate limit."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

import httpx

from api.auth.keys import KeyStore
from graph.settings import Settings
from graph.store.repository import Repository
from tests.api.conftest import _free_port
from tests.conftest import PROJECT_ROOT, _clean_env, cli_env


def test_a_server_that_only_reads_never_loads_spacy() -> None:
    probe = "import sys, api.graphql.app; print('spacy' in sys.modules, 'vaderSentiment' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, check=True)  # fmt: skip
    assert done.stdout.split() == ["False", "False"]


def test_two_workers_serve_with_one_key_store_and_one_rate_limit(
    repo: Repository, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(db_name=repo.connection.database)
    _, key = KeyStore(settings.data_dir).create("reader", "workers test")
    port = _free_port()
    env = {**_clean_env(), **cli_env(settings), "RAPPORT_API_RATE_LIMIT": "4"}
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--workers", "2"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            raise AssertionError("the workers did not come up")
        statuses: list[int] = []
        started = time.monotonic()
        with httpx.Client(headers={"X-API-Key": key}, timeout=30) as http:
            # New connections each time, so both workers get requests.
            for _ in range(40):
                answer = httpx.post(f"{base}/graphql", headers={"X-API-Key": key},
                                    json={"query": "{ topics(first: 1) { topic } }"})  # fmt: skip
                statuses.append(answer.status_code)
            refused = http.post(f"{base}/graphql", headers={"X-API-Key": "rk_nope.nope"},
                                json={"query": "{ __typename }"})  # fmt: skip
        elapsed = time.monotonic() - started
        assert refused.status_code == 401  # every worker checks keys
        served = statuses.count(200)
        assert statuses.count(429) > 0
        # Each worker holds half the limit (2/s, bursts of 4): together never more than the
        # limit's bursts and rate, whichever worker a request lands on.
        assert served <= 2 * 4 + 4 * elapsed + 1, (served, elapsed)
        assert set(statuses) <= {200, 429}
    finally:
        server.terminate()
        server.wait(timeout=60)
