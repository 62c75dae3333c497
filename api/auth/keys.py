"""API keys with roles, stored hashed.

A key looks like ``rk_<id>_<secret>``; only the SHA-256 of the secret is kept, in
``<RAPPORT_DATA_DIR>/api-keys.json`` (mode 0600), so a leaked file gives no access. Roles nest:
a ``writer`` can do what a ``reader`` does, an ``admin`` everything.

Changes are made under a lock and written atomically (a unique temporary file, flushed to disk,
then renamed), so concurrent ``rapport keys create`` never lose a key. The server keeps the keys
in memory and reads the file again only when it changed (a revoked key is refused at once). A
damaged file is :class:`KeysUnavailable`: requests get 503 with what to do, never a crash.

- ``reader``: queries (frontends, marketers);
- ``writer``: mutations that record events and act on alerts (integrations);
- ``admin``: recomputing analytics, managing the product.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import os
import secrets
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from graph.errors import ConfigError, RapportError

ROLES = ("reader", "writer", "admin")
PREFIX = "rk"


class Unauthorized(RapportError):
    """No key, or a key that is unknown or revoked."""

    code = "UNAUTHENTICATED"


class Forbidden(RapportError):
    """A valid key whose role does not allow the operation."""

    code = "FORBIDDEN"


class KeysUnavailable(RapportError):
    """The key store cannot be read (a damaged or unreadable file)."""

    code = "KEYS_UNAVAILABLE"


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A stored key: its id, name, role and the hash of its secret."""

    id: str
    name: str
    role: str
    secret_sha256: str
    created_at: str


def allows(role: str, needed: str) -> bool:
    """Whether ``role`` may do what ``needed`` may.

    >>> allows("admin", "writer"), allows("reader", "writer")
    (True, False)
    """
    return ROLES.index(role) >= ROLES.index(needed)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class KeyStore:
    """The API keys of one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "api-keys.json"
        self._lock_path = data_dir / "api-keys.lock"
        self._cache: tuple[tuple[int, int], dict[str, ApiKey]] | None = None
        self._mutex = threading.Lock()

    def _stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    def _load(self) -> dict[str, ApiKey]:
        """The keys, read again only when the file changed since the last read."""
        stamp = self._stamp()
        if stamp is None:
            return {}
        with self._mutex:
            if self._cache is not None and self._cache[0] == stamp:
                return self._cache[1]
            keys = self._read()
            self._cache = (stamp, keys)
            return keys

    def _read(self) -> dict[str, ApiKey]:
        try:
            raw = json.loads(self.path.read_text("utf-8"))
            return {k["id"]: ApiKey(**k) for k in raw.get("keys", [])}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            raise KeysUnavailable(
                f"cannot read the API keys in {self.path}: {exc}",
                hint="restore the file from a backup, or move it away and create new keys with "
                "`rapport keys create`",
            ) from None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _save(self, keys: dict[str, ApiKey]) -> None:
        tmp = self.path.with_name(f".api-keys.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"keys": [asdict(k) for k in keys.values()]}, fh, indent=2)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)

    def create(self, role: str, name: str = "") -> tuple[ApiKey, str]:
        """A new key of ``role``; returns it and the full key text (shown once, never stored)."""
        if role not in ROLES:
            raise ConfigError(f"unknown role {role!r}", hint=f"use one of: {', '.join(ROLES)}")
        with self._locked():
            keys = dict(self._read())
            key_id = secrets.token_hex(4)
            secret = secrets.token_urlsafe(24)
            created = datetime.now(UTC).isoformat(timespec="seconds")
            key = ApiKey(key_id, name or f"{role} key", role, _digest(secret), created)
            keys[key_id] = key
            self._save(keys)
        return key, f"{PREFIX}_{key_id}_{secret}"

    def list(self) -> list[ApiKey]:
        """Every key (without secrets, which are not stored)."""
        return sorted(self._load().values(), key=lambda k: k.created_at)

    def revoke(self, key_id: str) -> None:
        """Remove a key; requests with it are refused from now on, and its open subscriptions
        end."""
        with self._locked():
            keys = dict(self._read())
            if keys.pop(key_id, None) is None:
                raise ConfigError(
                    f"no API key {key_id!r}", hint="list them with `rapport keys list`"
                )
            self._save(keys)

    def is_valid(self, key_id: str) -> bool:
        """Whether key ``key_id`` still exists (subscriptions ask this as they run)."""
        return key_id in self._load()

    def verify(self, text: str | None) -> ApiKey:
        """The key ``text`` names, or :class:`Unauthorized`."""
        hint = "send X-API-Key: <key>; create one with `rapport keys create --role reader`"
        if not text:
            raise Unauthorized("no API key", hint=hint)
        parts = text.strip().split("_", 2)
        if len(parts) != 3 or parts[0] != PREFIX or len(text) > 200:
            raise Unauthorized("malformed API key", hint=hint)
        key = self._load().get(parts[1])
        if key is None or not hmac.compare_digest(key.secret_sha256, _digest(parts[2])):
            raise Unauthorized("unknown or revoked API key", hint=hint)
        return key
