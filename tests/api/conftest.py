"""API fixtures: a generated, imported and analysed graph per module, and a client with a key."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
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
