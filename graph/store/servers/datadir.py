"""The files a managed server keeps in its data dir, and who is alive.

Layout of the embedded ArcadeDB's (``RAPPORT_DATA_DIR``; the local Neo4j's is
``RAPPORT_DATA_DIR/neo4j`` with ``home/`` and ``neo4j_password``)::

    .rapport/
      arcadedb/          ArcadeDB's server root: databases, config, logs
      root_password      generated on first start, mode 0600
      server.json        the port file: pid, Bolt and HTTP ports (present while it runs)
      server.lock        flock held while a process starts, joins or stops the server
      server.pinned      present after `rapport db start`: keep running without clients
      server.log         the server process's output
      clients/<pid>.<n>  one lease per connected Rapport process

The data dir is private to its owner: folders 0700, files 0600.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from graph.errors import DataDirNotWritable, ServerProcessError


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """What the port file says about a running server."""

    pid: int
    token: str
    bolt_port: int
    http_port: int
    version: str
    started_at: float

    @property
    def bolt_uri(self) -> str:
        """The Bolt address clients connect to."""
        return f"bolt://127.0.0.1:{self.bolt_port}"


def process_token(pid: int) -> str | None:
    """An identity for a live process that survives pid reuse, or None if it is gone.

    On Linux it is the start time from ``/proc``; elsewhere, just the pid. Zombies count as gone.

    >>> process_token(os.getpid()) is not None
    True
    """
    stat = Path(f"/proc/{pid}/stat")
    try:
        raw = stat.read_text()
    except FileNotFoundError:
        return None
    except OSError:
        raw = ""
    if raw:
        # The command name (field 2) may hold spaces or parentheses: split after its last ')'.
        rest = raw.rsplit(")", 1)[1].split()
        state, start_time = rest[0], rest[19]
        return None if state in ("Z", "X") else start_time
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return str(pid)


def is_alive(pid: int, token: str) -> bool:
    """True when process ``pid`` runs and is the same process that wrote ``token``."""
    current = process_token(pid)
    return current is not None and (token == str(pid) or current == token)


class DataDir:
    """Paths and small file operations in one data dir."""

    def __init__(
        self,
        root: Path,
        *,
        home: str = "arcadedb",
        auth_file: str = "root_password",
    ) -> None:
        self.root = root.expanduser().resolve()
        self.server_root = self.root / home
        self.password_path = self.root / auth_file
        self.port_path = self.root / "server.json"
        self.lock_path = self.root / "server.lock"
        self.pin_path = self.root / "server.pinned"
        self.log_path = self.root / "server.log"
        self.clients_dir = self.root / "clients"

    @classmethod
    def prepare(
        cls,
        root: Path,
        *,
        home: str = "arcadedb",
        auth_file: str = "root_password",
    ) -> DataDir:
        """Create the data dir if needed (private to its owner) and prove it is writable."""
        data = cls(root, home=home, auth_file=auth_file)
        try:
            for folder in (data.root, data.server_root, data.clients_dir):
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(data.root, 0o700)  # a data dir made before this rule was kept open
            probe = data.root / f".write-probe-{os.getpid()}-{secrets.token_hex(4)}"
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            raise DataDirNotWritable(
                f"the data dir {data.root} is not writable ({exc.strerror or exc})",
                hint="set RAPPORT_DATA_DIR to a folder you can write, or fix its permissions",
            ) from exc
        return data

    # ------------------------------------------------------------------ password

    def password(self) -> str:
        """The embedded root password, generated with mode 0600 on first use."""
        try:
            fd = os.open(self.password_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return self.password_path.read_text(encoding="utf-8").strip()
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            # Hex: a password starting with '-' reads as an option to neo4j-admin.
            fh.write(secrets.token_hex(24))
        return self.password_path.read_text(encoding="utf-8").strip()

    # ------------------------------------------------------------------ start lock

    @contextlib.contextmanager
    def locked(self, timeout: float = 180.0) -> Iterator[None]:
        """Hold the start/stop lock; only one process starts or stops the server at a time."""
        with open(self.lock_path, "a+") as fh:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise ServerProcessError(
                            f"another process has held {self.lock_path} for {timeout:.0f} s",
                            hint="a `rapport` process may be hung starting the server; stop it "
                            "and retry",
                        ) from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # ------------------------------------------------------------------ port file

    def write_server_info(self, info: ServerInfo) -> None:
        """Publish the running server atomically (write a temp file, then rename)."""
        tmp = self.port_path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(asdict(info)), encoding="utf-8")
        os.replace(tmp, self.port_path)

    def read_server_info(self) -> ServerInfo | None:
        """The port file's content, or None when absent or unreadable."""
        try:
            data = json.loads(self.port_path.read_text(encoding="utf-8"))
            return ServerInfo(**data)
        except (FileNotFoundError, ValueError, TypeError):
            return None

    def remove_server_info(self, pid: int) -> None:
        """Remove the port file if it still describes process ``pid``."""
        info = self.read_server_info()
        if info is not None and info.pid == pid:
            self.port_path.unlink(missing_ok=True)

    # ------------------------------------------------------------------ leases

    def add_lease(self) -> Path:
        """Record that this process uses the server; returns the lease file."""
        pid = os.getpid()
        token = process_token(pid) or str(pid)
        path = self.clients_dir / f"{pid}.{secrets.token_hex(4)}"
        path.write_text(token, encoding="utf-8")
        return path

    def live_leases(self, *, prune: bool = True) -> list[int]:
        """The pids of processes holding a lease; leases of dead processes are removed."""
        pids: list[int] = []
        for lease in self.clients_dir.glob("*.*"):
            try:
                pid = int(lease.name.split(".", 1)[0])
                token = lease.read_text(encoding="utf-8").strip()
            except (ValueError, OSError):
                continue
            if is_alive(pid, token):
                pids.append(pid)
            elif prune:
                lease.unlink(missing_ok=True)
        return sorted(set(pids))

    @property
    def pinned(self) -> bool:
        """True after `rapport db start`: the server outlives its clients."""
        return self.pin_path.exists()

    def log_tail(self, lines: int = 15) -> str:
        """The last lines of the server log, for error messages."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return "(no server log)"
        return "\n".join(text.strip().splitlines()[-lines:])
