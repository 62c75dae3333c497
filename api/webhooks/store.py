"""The webhook subscriptions of one data directory, their delivery log and dead letters.

Files under ``<data dir>/webhooks/``, owner-only (they hold signing secrets): ``subscriptions.json``
(rewritten whole under a lock), ``deliveries.jsonl`` (one line per attempt) and ``dead.jsonl``
(deliveries that failed every attempt, with their body, to replay).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from graph.errors import ConfigError, InvalidInput, NotFound
from graph.store import outbox

#: What a subscription can ask for.
EVENTS = ("alert.raised", "alert.updated", *outbox.EVENT_KINDS)


@dataclass(frozen=True, slots=True)
class Subscription:
    """Where to send which events, and the secret the bodies are signed with."""

    id: str
    url: str
    events: tuple[str, ...]
    secret: str
    created_at: str

    def wants(self, event: str) -> bool:
        """True when this subscription asked for ``event``."""
        return event in self.events


@dataclass(frozen=True, slots=True)
class Delivery:
    """One event for one subscription: the exact body sent (signed anew at each attempt)."""

    id: str
    webhook: str
    event: str
    body: str


def check_url(url: str) -> str:
    """An http(s) URL with a host, or a usage error saying what is wrong.

    >>> check_url("https://crm.example.com/hooks")
    'https://crm.example.com/hooks'
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidInput(f"not a webhook URL: {url!r}", hint="give an http:// or https:// URL",
                           field="url")  # fmt: skip
    return url


def check_events(events: list[str]) -> tuple[str, ...]:
    """The events asked for, each a known one.

    >>> check_events(["alert.raised"])
    ('alert.raised',)
    """
    unknown = [e for e in events if e not in EVENTS]
    if unknown or not events:
        raise InvalidInput(f"unknown events: {', '.join(unknown) or '(none given)'}",
                           hint=f"choose from: {', '.join(EVENTS)}", field="events")  # fmt: skip
    return tuple(dict.fromkeys(events))


class WebhookStore:
    """Subscriptions, delivery log and dead letters in ``data_dir/webhooks``."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "webhooks"
        self.path = self.folder / "subscriptions.json"
        self.log_path = self.folder / "deliveries.jsonl"
        self.dead_path = self.folder / "dead.jsonl"

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def all(self) -> list[Subscription]:
        """Every subscription, oldest first."""
        try:
            raw = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return []
        except ValueError as exc:
            raise ConfigError(
                f"cannot read {self.path}: {exc}",
                hint="restore it, or move it away and add the webhooks again",
            ) from None
        return [Subscription(**{**s, "events": tuple(s["events"])}) for s in raw["webhooks"]]

    def _save(self, subs: list[Subscription]) -> None:
        tmp = self.path.with_name(f".subscriptions.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"webhooks": [asdict(s) for s in subs]}, fh, indent=2)
        os.replace(tmp, self.path)

    def add(self, url: str, events: list[str]) -> Subscription:
        """A new subscription with a fresh signing secret (shown once by the CLI)."""
        sub = Subscription(
            id=f"wh_{secrets.token_hex(4)}", url=check_url(url), events=check_events(events),
            secret=f"whsec_{secrets.token_urlsafe(24)}",
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )  # fmt: skip
        with self._locked():
            self._save([*self.all(), sub])
        return sub

    def remove(self, webhook: str) -> Subscription:
        """Remove one subscription; a usage error when there is none of that id."""
        with self._locked():
            subs = self.all()
            gone = [s for s in subs if s.id == webhook]
            if not gone:
                raise NotFound(f"no webhook {webhook!r}", hint="see `rapport webhooks list`",
                               field="id")  # fmt: skip
            self._save([s for s in subs if s.id != webhook])
        return gone[0]

    # ---------------------------------------------------------------- delivery log and dead letters

    def _append(self, path: Path, record: dict[str, Any]) -> None:
        with self._locked():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(record) + "\n")

    def log(
        self, delivery: Delivery, attempt: int, status: int | None, ms: float, error: str | None
    ) -> None:
        """Record one attempt."""
        self._append(self.log_path, {
            "at": datetime.now(UTC).isoformat(timespec="milliseconds"), "delivery": delivery.id,
            "webhook": delivery.webhook, "event": delivery.event, "attempt": attempt,
            "status": status, "ms": round(ms, 1), "error": error,
        })  # fmt: skip

    def attempts(self) -> list[dict[str, Any]]:
        """Every attempt logged, oldest first."""
        return _lines(self.log_path)

    def bury(self, delivery: Delivery, error: str) -> None:
        """Keep a delivery that failed every attempt, to replay."""
        at = datetime.now(UTC).isoformat(timespec="seconds")
        self._append(self.dead_path, {**asdict(delivery), "error": error, "at": at})

    def dead(self) -> list[Delivery]:
        """The dead letters, oldest first."""
        return [
            Delivery(d["id"], d["webhook"], d["event"], d["body"]) for d in _lines(self.dead_path)
        ]

    def forget_dead(self, delivered: set[str]) -> None:
        """Drop the dead letters that a replay delivered."""
        with self._locked():
            keep = [d for d in _lines(self.dead_path) if d["id"] not in delivered]
            tmp = self.dead_path.with_name(".dead.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(d) + "\n" for d in keep)
            os.replace(tmp, self.dead_path)


def _lines(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return []
    return [json.loads(line) for line in text.splitlines() if line.strip()]
