"""Fixtures for importer tests: a schema'd database per module and a way to import text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graph.store import reads, schema
from graph.store.repository import Repository
from importers.run.files import ImportReport, import_path
from tests import graphdata

Importer = Callable[..., ImportReport]


@pytest.fixture(scope="module")
def graph_repo(repo: Repository) -> Repository:
    """The module's repository, with the schema applied."""
    schema.apply(repo)
    return repo


@pytest.fixture
def import_file(graph_repo: Repository, tmp_path: Path) -> Importer:
    """Write ``content`` (str or bytes) to ``tmp_path/name`` and import it."""

    def run(name: str, content: str | bytes, **options: Any) -> ImportReport:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return import_path(graph_repo, path, live_progress=False, **options)

    return run


def rejects_of(path: Path) -> list[dict[str, Any]]:
    """The entries of ``<path>.rejects.jsonl`` (empty when there is none)."""
    target = path.with_name(path.name + ".rejects.jsonl")
    if not target.exists():
        return []
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def node(repo: Repository, label: str, node_id: str) -> dict[str, Any]:
    """The stored properties of one node (KeyError when absent)."""
    return reads.nodes_by_ids(repo, label, [node_id])[node_id]


def out(repo: Repository, pattern: tuple[str, str, str], start: str) -> list[str]:
    """The end ids of ``pattern`` relationships leaving ``start``, sorted."""
    return sorted(r.end for r in graphdata.relationships_from(repo, pattern, [start]))
