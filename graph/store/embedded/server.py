"""The embedded database process: hosts ArcadeDB's JVM with the Bolt plugin on 127.0.0.1.

Started by :mod:`graph.store.servers.lifecycle` as ``python -m graph.store.embedded.server``.
It publishes its ports in the data dir's port file, stops on SIGTERM/SIGINT, and - unless pinned by
``rapport db start`` - stops by itself once no live Rapport process holds a lease, so a killed
client never leaves an orphan JVM behind. On every exit it closes the databases (flushing
them) and removes the port file.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import time
from pathlib import Path
from typing import Any

from graph.store.servers import supervise
from graph.store.servers.datadir import DataDir, ServerInfo, process_token

BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
_POLL_SECONDS = 0.25


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_arcadedb(
    data: DataDir, heap: str, command_timeout: float, bolt: int = 0
) -> tuple[Any, int, int, str]:
    """Start ArcadeDB; returns (server, bolt port, http port, version). Retries on port races;
    ``bolt`` fixes the Bolt port (0: any free)."""
    # ArcadeDB writes its logs under ./log and JVM crash files where told: keep both in the dir.
    os.chdir(data.server_root)
    os.environ.setdefault("ARCADEDB_JVM_ERROR_FILE", str(data.server_root / "hs_err_pid%p.log"))
    import arcadedb_embedded
    from arcadedb_embedded.jvm import start_jvm
    from arcadedb_embedded.server import ArcadeDBServer

    start_jvm(heap_size=heap)
    last_error: Exception | None = None
    for _attempt in range(3):
        bolt_port, http_port = bolt or free_port(), free_port()
        config = {
            "host": "127.0.0.1",
            "http_port": http_port,
            "server_plugins": BOLT_PLUGIN,
            "bolt_port": bolt_port,
            # ArcadeDB ignores the Bolt transaction timeout: stop a statement after this instead.
            "command_timeout": int(command_timeout * 1000),
        }
        server = ArcadeDBServer(str(data.server_root), data.password(), config)
        try:
            server.start()
        except Exception as exc:  # a port taken between free_port() and bind: try new ports
            last_error = exc
            if bolt:
                raise RuntimeError(
                    f"ArcadeDB did not start on Bolt port {bolt} (RAPPORT_EMBEDDED_BOLT_PORT): "
                    f"{exc}; is another program listening there? Pick a free port or 0"
                ) from exc
            continue
        return server, bolt_port, http_port, str(arcadedb_embedded.__version__)
    raise RuntimeError(f"ArcadeDB did not start: {last_error}")


def _shutdown(data: DataDir, server: Any, pid: int) -> None:
    # Unpublish first: from here on nobody should try to join a server that is closing.
    data.remove_server_info(pid)
    server.stop()  # closes every database, flushing it to disk
    print("\nrapport: embedded ArcadeDB stopped cleanly", flush=True)


def serve(
    data: DataDir,
    *,
    heap: str,
    idle_grace: float,
    command_timeout: float = 120.0,
    bolt_port: int = 0,
) -> int:
    """Run the server until told to stop or, when unpinned, until no client remains."""
    stop = supervise.stop_on_signals()
    server, bolt_port, http_port, version = _start_arcadedb(data, heap, command_timeout, bolt_port)
    pid = os.getpid()
    data.write_server_info(
        ServerInfo(
            pid=pid,
            token=process_token(pid) or str(pid),
            bolt_port=bolt_port,
            http_port=http_port,
            version=version,
            started_at=time.time(),
        )
    )
    print(f"\nrapport: embedded ArcadeDB {version} on bolt://127.0.0.1:{bolt_port}", flush=True)

    def shutdown() -> None:
        if server.is_started():
            _shutdown(data, server, pid)

    try:
        return supervise.serve_until_idle(data, stop, idle_grace=idle_grace, shutdown=shutdown)
    finally:
        shutdown()


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m graph.store.embedded.server``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--idle-grace", type=float, default=2.0)
    parser.add_argument("--command-timeout", type=float, default=120.0)
    parser.add_argument("--bolt-port", type=int, default=0)
    args = parser.parse_args(argv)
    os.umask(0o077)  # the database's files are its owner's alone (they hold personal data)
    return serve(
        DataDir(args.data_dir),
        heap=args.heap,
        idle_grace=args.idle_grace,
        command_timeout=args.command_timeout,
        bolt_port=args.bolt_port,
    )


if __name__ == "__main__":
    sys.exit(main())
