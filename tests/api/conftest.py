"""API fixtures: a client with a key on the module's planted graph (tests/conftest.py), and the
app served on a real port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.auth.keys import KeyStore
from api.graphql.app import create_app
from api.graphql.wire import OneWrite
from graph.settings import Settings
from graph.store.repository import Repository
from importers.generate import Truth


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


@contextmanager
def running(app: Any, port: int | None = None, http: type[OneWrite] = OneWrite) -> Iterator[str]:
    """``app`` served by uvicorn in a thread of this process on 127.0.0.1, with the HTTP protocol
    ``rapport serve`` uses; its base URL."""
    port = port or _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", http=http)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(300):
        if server.started:
            break
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def served(
    repo: Repository, planted: Truth, make_settings: Callable[..., Settings]
) -> Iterator[tuple[str, str]]:
    """The app on a real port of 127.0.0.1 (a thread of this process), and a reader key."""
    settings = make_settings(db_name=repo.connection.database)
    _, key = KeyStore(settings.data_dir).create("reader", "browser test")
    with running(create_app(settings)) as base:
        yield base, key
