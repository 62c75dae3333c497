"""API keys with roles, stored hashed.

A key looks like ``rk_<id>_<secret>``; only the SHA-256 of the secret is kept, in
``<RAPPORT_DATA_DIR>/api-keys.json`` (mode 0600), so a leaked file gives no access. Roles nest:
a ``writer`` can do what a ``reader`` does, an ``admin`` everything.

- ``reader``: queries (frontends, marketers);
- ``writer``: mutations that record events and act on alerts (integrations);
- ``admin``: recomputing analytics, managing the product.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
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

    def _load(self) -> dict[str, ApiKey]:
        try:
            raw = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"cannot read the API keys in {self.path}: {exc}",
                hint="restore the file, or delete it and create new keys",
            ) from None
        return {k["id"]: ApiKey(**k) for k in raw.get("keys", [])}

    def _save(self, keys: dict[str, ApiKey]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"keys": [asdict(k) for k in keys.values()]}, fh, indent=2)
        tmp.replace(self.path)

    def create(self, role: str, name: str = "") -> tuple[ApiKey, str]:
        """A new key of ``role``; returns it and the full key text (shown once, never stored)."""
        if role not in ROLES:
            raise ConfigError(f"unknown role {role!r}", hint=f"use one of: {', '.join(ROLES)}")
        keys = self._load()
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
        """Remove a key; requests with it are refused from now on."""
        keys = self._load()
        if keys.pop(key_id, None) is None:
            raise ConfigError(f"no API key {key_id!r}", hint="list them with `rapport keys list`")
        self._save(keys)

    def verify(self, text: str | None) -> ApiKey:
        """The key ``text`` names, or :class:`Unauthorized`."""
        hint = "send X-API-Key: <key>; create one with `rapport keys create --role reader`"
        if not text:
            raise Unauthorized("no API key", hint=hint)
        parts = text.strip().split("_", 2)
        if len(parts) != 3 or parts[0] != PREFIX:
            raise Unauthorized("malformed API key", hint=hint)
        key = self._load().get(parts[1])
        if key is None or not hmac.compare_digest(key.secret_sha256, _digest(parts[2])):
            raise Unauthorized("unknown or revoked API key", hint=hint)
        return key
