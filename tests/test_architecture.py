"""The rooms keep their rules: an import contract over the source tree (DESIGN.md §1).

- ``graph`` imports neither ``importers`` nor ``api``; ``importers`` does not import ``api``;
- only ``graph.store`` imports the ``neo4j`` driver;
- ``graph.analytics`` is pure: it imports no other room of ``graph`` (no store, answers, jobs),
  only ``graph.errors``, ``graph.times`` and ``graph.vocab`` (the closed sets of values);
- ``graph.store`` does not reach up into answers or jobs (its projections build the plain input
  records the analytics declare); ``graph.answers`` does not run jobs.

Every ``import`` is checked, including those inside functions.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "importers", "api")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import statement of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            # `from graph import store` imports graph.store
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def _sources() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def _within(module: str, room: str) -> bool:
    return module == room or module.startswith(room + ".")


# (importer room, forbidden room, why)
FORBIDDEN: list[tuple[str, str, str]] = [
    ("graph", "importers", "graph imports neither importers nor api"),
    ("graph", "api", "graph imports neither importers nor api"),
    ("importers", "api", "importers do not import api"),
    ("graph.analytics", "graph.store", "analytics are pure: no database access"),
    ("graph.analytics", "graph.answers", "analytics are pure: they answer nothing themselves"),
    ("graph.analytics", "graph.jobs", "analytics are pure: they run no job"),
    ("graph.analytics", "graph.settings", "analytics take their parameters as arguments"),
    ("graph.analytics", "graph.model", "analytics work on plain data, not graph records"),
    ("graph.store", "graph.answers", "the store does not depend on the answers built on it"),
    ("graph.store", "graph.jobs", "the store does not depend on the jobs that use it"),
    ("graph.answers", "graph.jobs", "answers read; they do not run analyses"),
    ("graph.model", "graph.store", "records do not know the database"),
]


def violations() -> list[str]:
    """Every import that breaks a rule, as ``file:line: importer -> imported (why)``."""
    found: list[str] = []
    for path in _sources():
        module = _module_name(path)
        where = path.relative_to(ROOT)
        for line, imported in _imports(path):
            top = imported.split(".")[0]
            if top == "neo4j" and not _within(module, "graph.store"):
                found.append(f"{where}:{line}: {module} -> neo4j (only graph.store talks to it)")
            for room, forbidden, why in FORBIDDEN:
                if _within(module, room) and _within(imported, forbidden):
                    found.append(f"{where}:{line}: {module} -> {imported} ({why})")
    return sorted(set(found))


def test_the_rooms_keep_their_rules() -> None:
    broken = violations()
    assert not broken, "imports that break the layout:\n" + "\n".join(broken)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from graph.store.repository import Repository\n", "analytics are pure"),
        ("import neo4j\n", "only graph.store talks to it"),
        ("def f():\n    from api.cli import app\n", "graph imports neither"),
    ],
)
def test_the_contract_catches_a_bad_import(
    source: str, expected: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The checker itself can fail: a planted bad import in an analytics module is reported."""
    fake_root = tmp_path
    bad = fake_root / "graph" / "analytics" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text(source, encoding="utf-8")
    for pkg in ("importers", "api"):
        (fake_root / pkg).mkdir()
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", fake_root)
    assert any(expected in v for v in violations())


def test_graph_top_level_holds_rooms_and_a_handful_of_modules() -> None:
    modules = [p.name for p in (ROOT / "graph").glob("*.py") if p.name != "__init__.py"]
    rooms = [p.name for p in (ROOT / "graph").iterdir() if (p / "__init__.py").exists()]
    assert len(modules) <= 5, modules
    assert {"store", "analytics", "answers", "jobs"} <= set(rooms)


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in _sources()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, f"split these by meaning: {long}"
