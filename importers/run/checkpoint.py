"""Resume an interrupted import where its last durable batch ended.

After every flush the runner records how many source items are safely in the graph, keyed by
the file's path, size and modification time. A re-run of the same, unchanged file skips those
items; a changed file starts over. Skipping is only a shortcut: every write is an idempotent
MERGE, so items written again after the checkpoint change nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Checkpoint:
    """How far an import of one file got, and what it had counted by then."""

    source: str
    format: str
    size: int
    mtime_ns: int
    items_done: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    rejects_bytes: int = 0  # the rejects file's size then: a resumed import cuts it back to it


def _path(state_dir: Path, source: Path, format_name: str) -> Path:
    key = hashlib.sha256(f"{source.resolve()}|{format_name}".encode()).hexdigest()[:24]
    return state_dir / f"{key}.json"


def load(state_dir: Path, source: Path, format_name: str) -> Checkpoint | None:
    """The checkpoint of an unfinished import of this unchanged file, if there is one."""
    try:
        data = json.loads(_path(state_dir, source, format_name).read_text(encoding="utf-8"))
        saved = Checkpoint(**data)
    except (FileNotFoundError, ValueError, TypeError):
        return None
    stat = source.stat()
    if (saved.size, saved.mtime_ns) != (stat.st_size, stat.st_mtime_ns):
        return None
    return saved


def fresh(source: Path, format_name: str) -> Checkpoint:
    """A checkpoint at the start of ``source``."""
    stat = source.stat()
    return Checkpoint(str(source.resolve()), format_name, stat.st_size, stat.st_mtime_ns)


def save(state_dir: Path, checkpoint: Checkpoint) -> None:
    """Write ``checkpoint`` atomically."""
    state_dir.mkdir(parents=True, exist_ok=True)
    target = _path(state_dir, Path(checkpoint.source), checkpoint.format)
    tmp = target.with_suffix(f".{os.getpid()}.{secrets.token_hex(4)}.tmp")  # concurrent imports
    tmp.write_text(json.dumps(asdict(checkpoint)), encoding="utf-8")
    os.replace(tmp, target)


def clear(state_dir: Path, source: Path, format_name: str) -> None:
    """Forget the checkpoint of a finished import."""
    _path(state_dir, source, format_name).unlink(missing_ok=True)
