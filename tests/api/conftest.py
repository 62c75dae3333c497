"""API fixtures: a generated, imported and analysed graph per module, and a client with a key."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.auth.keys import KeyStore
from api.graphql.app import create_app
from graph.jobs.analyze import analyze
from graph.settings import Settings
from graph.store.repository import Repository
from importers.generate import Truth, generate
from importers.run.files import import_path


@pytest.fixture(scope="module")
def planted(repo: Repository, tmp_path_factory: pytest.TempPathFactory) -> Truth:
    folder = tmp_path_factory.mktemp("api")
    truth = generate(folder, customers=150, seed=5)
    import_path(repo, folder, live_progress=False)
    analyze(repo)
    return truth


@pytest.fixture(scope="module")
def client(
    repo: Repository, planted: Truth, make_settings: Callable[..., Settings]
) -> Iterator[TestClient]:
    settings = make_settings(db_name=repo.connection.database)
    _, key = KeyStore(settings.data_dir).create("writer", "tests")
    with TestClient(create_app(settings), headers={"X-API-Key": key}) as http:
        yield http


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(
    repo: Repository, planted: Truth, make_settings: Callable[..., Settings]
) -> Iterator[tuple[str, str]]:
    """The app on a real port of 127.0.0.1 (a thread of this process), and a reader key."""
    settings = make_settings(db_name=repo.connection.database)
    _, key = KeyStore(settings.data_dir).create("reader", "browser test")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                           log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(300):
        if server.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}", key
    server.should_exit = True
    thread.join(timeout=30)
