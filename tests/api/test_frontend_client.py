"""The typed TypeScript client of examples/frontend (types generated from schema.graphql by
graphql-codegen, built with tsc --strict) against a running Rapport: it pages both ways, refetches
by global id, mutates and reads user errors, and subscribes with its key in connection_init."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from api.auth.keys import KeyStore
from graph.settings import Settings
from graph.store.repository import Repository
from importers.generate import Truth

FRONTEND = Path(__file__).resolve().parents[2] / "examples" / "frontend"
GENERATED = FRONTEND / "src" / "generated" / "graphql.ts"


def test_generated_types_leave_no_scalar_or_closed_set_untyped() -> None:
    assert GENERATED.exists(), "build the example client first: make frontend"
    text = GENERATED.read_text(encoding="utf-8")
    assert "DateTime: { input: string; output: string; }" in text
    assert re.search(r":\s*any\b|<any\b|\bany\[\]", text) is None  # no `any` type anywhere
    assert "export type AlertStatus =\n  | 'ACKNOWLEDGED'\n  | 'OPEN'\n  | 'RESOLVED';" in text
    scalars = re.search(r"export type Scalars = \{(.*?)\n\};", text, re.S)
    assert scalars is not None
    assert "unknown" not in scalars.group(1)


def test_the_typed_client_against_a_running_server(
    served: tuple[str, str], repo: Repository, planted: Truth,
    make_settings: Callable[..., Settings],
) -> None:  # fmt: skip
    base, _ = served
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node 20 is needed for the example client's tests")
    assert (FRONTEND / "dist" / "test" / "client.test.js").exists(), "run: make frontend"
    settings = make_settings(db_name=repo.connection.database)
    _, writer = KeyStore(settings.data_dir).create("writer", "typed client test")
    env = {**os.environ, "RAPPORT_URL": base, "RAPPORT_KEY": writer,
           "RAPPORT_HANDLE": planted.angry_post.handle}  # fmt: skip
    done = subprocess.run([node, "--test", "dist/test/"], cwd=FRONTEND, env=env,
                          capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "# pass 5" in done.stdout
    assert "# fail 0" in done.stdout
