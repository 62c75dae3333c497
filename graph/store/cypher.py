"""Load the Cypher statements in ``cypher/`` by name.

Every statement the program runs lives in ``cypher/<folder>/<name>.cypher`` with a header of
``//`` comments (purpose, parameters, returns). Python refers to it by its path without the
suffix, e.g. ``"write/upsert_customer"``. Files are read once and cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph.errors import CypherFileNotFound

CYPHER_DIR = Path(__file__).resolve().parents[2] / "cypher"


@dataclass(frozen=True, slots=True)
class CypherStatement:
    """One named statement: its header (comments) and the Cypher text to send."""

    name: str
    header: str
    text: str


def _parse(name: str, raw: str) -> CypherStatement:
    header: list[str] = []
    body: list[str] = []
    for line in raw.splitlines():
        stripped = line.strip()
        if not body and (stripped.startswith("//") or not stripped):
            header.append(stripped.removeprefix("//").strip())
        else:
            body.append(line.rstrip())
    text = "\n".join(body).strip().rstrip(";").strip()
    return CypherStatement(name=name, header="\n".join(h for h in header if h), text=text)


@cache
def load(name: str) -> CypherStatement:
    """Return the statement stored in ``cypher/<name>.cypher``.

    >>> load("read/server_components").text.startswith("CALL dbms.components()")
    True
    """
    path = (CYPHER_DIR / f"{name}.cypher").resolve()
    if CYPHER_DIR not in path.parents or not path.is_file():
        raise CypherFileNotFound(
            f"no Cypher file named {name!r} (looked for {path})",
            hint="the name is the path under cypher/ without '.cypher'; list them with "
            "`ls cypher/*/`",
        )
    return _parse(name, path.read_text(encoding="utf-8"))


@cache
def load_path(path: Path) -> CypherStatement:
    """A statement kept outside ``cypher/`` (tests keep their own), named by its file path."""
    return _parse(path.stem, path.read_text(encoding="utf-8"))


def names(folder: str | None = None) -> list[str]:
    """Every statement name, optionally only those under ``folder`` (sorted).

    >>> "write/upsert_customer" in names("write")
    True
    """
    root = CYPHER_DIR / folder if folder else CYPHER_DIR
    return sorted(str(p.relative_to(CYPHER_DIR).with_suffix("")) for p in root.rglob("*.cypher"))


def snake(name: str) -> str:
    """A label or relationship type as it appears in file names.

    >>> snake("SocialAccount"), snake("IN_CATEGORY")
    ('social_account', 'in_category')
    """
    if name.isupper() or "_" in name:
        return name.lower()
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def node_write(label: str) -> str:
    """The upsert statement of a label.

    >>> node_write("SocialAccount")
    'write/upsert_social_account'
    """
    return f"write/upsert_{snake(label)}"


def node_read(label: str) -> str:
    """The by-ids read statement of a label."""
    return f"read/{snake(label)}_by_ids"


def node_values_read(label: str) -> str:
    """The by-ids read of some properties of a label (the labels the API loads by id)."""
    return f"read/{snake(label)}_values_by_ids"


def relationship_write(pattern: tuple[str, str, str]) -> str:
    """The merge statement of a ``(start, type, end)`` pattern.

    >>> relationship_write(("Purchase", "CONTAINS", "Product"))
    'write/merge_purchase_contains_product'
    """
    start, rel_type, end = pattern
    return f"write/merge_{snake(start)}_{snake(rel_type)}_{snake(end)}"


def relationship_read(pattern: tuple[str, str, str]) -> str:
    """The statement reading a pattern's relationships leaving given start nodes.

    >>> relationship_read(("Customer", "KNOWS", "Customer"))
    'transfer/rels_customer_knows_customer'
    """
    start, rel_type, end = pattern
    return f"transfer/rels_{snake(start)}_{snake(rel_type)}_{snake(end)}"
