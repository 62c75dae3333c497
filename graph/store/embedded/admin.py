"""Database administration through the embedded server's HTTP API (loopback only).

Bolt cannot create databases on ArcadeDB (`CREATE DATABASE` is not supported there), so the
embedded backend creates them through ArcadeDB's own HTTP endpoint.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from typing import Any

from graph.errors import AuthenticationFailed, EmbeddedServerError
from graph.store.servers.datadir import ServerInfo


def _call(info: ServerInfo, password: str, method: str, path: str, body: Any = None) -> Any:
    credentials = base64.b64encode(f"root:{password}".encode()).decode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{info.http_port}{path}",
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Basic {credentials}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            raw = response.read()
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise AuthenticationFailed(
                "the embedded database refused the root password",
                hint="unset RAPPORT_DB_PASSWORD: the embedded password lives in the data dir",
            ) from exc
        if exc.code == 409:
            return None
        detail = exc.read().decode(errors="replace")[:300]
        raise EmbeddedServerError(
            f"embedded server answered {exc.code} to {path}: {detail}"
        ) from exc
    except OSError as exc:
        raise EmbeddedServerError(f"embedded server HTTP API unreachable: {exc}") from exc
    return json.loads(raw) if raw else None


def list_databases(info: ServerInfo, password: str) -> list[str]:
    """Names of the databases the embedded server holds."""
    answer = _call(info, password, "GET", "/api/v1/databases")
    return [str(name) for name in (answer or {}).get("result", [])]


def ensure_database(info: ServerInfo, password: str, name: str) -> bool:
    """Create database ``name`` unless it exists; True when it was created now."""
    if name in list_databases(info, password):
        return False
    # 409 (created meanwhile by another process) is success too.
    return (
        _call(info, password, "POST", "/api/v1/server", {"command": f"create database {name}"})
        is not None
    )


def drop_database(info: ServerInfo, password: str, name: str) -> None:
    """Drop database ``name`` if it exists (tests and benchmarks clean up with it)."""
    if name not in list_databases(info, password):
        return
    _call(info, password, "POST", "/api/v1/server", {"command": f"drop database {name}"})
