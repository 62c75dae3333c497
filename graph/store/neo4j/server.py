"""The local Neo4j's supervisor process: runs Neo4j Community's JVM on 127.0.0.1.

Started by :mod:`graph.store.servers.lifecycle` as ``python -m graph.store.neo4j.server``, like
the embedded server: it writes ``neo4j.conf``, sets the generated password before the first
start, runs the JVM as its child (which the kernel stops if this process dies, so no orphan JVM
survives a ``kill -9``), publishes the ports in the port file once Bolt answers, and stops Neo4j
cleanly on SIGTERM or, unless pinned by ``rapport neo4j start``, once no client holds a lease.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from graph.store.neo4j import distribution
from graph.store.servers import supervise
from graph.store.servers.datadir import DataDir, ServerInfo, process_token

_PR_SET_PDEATHSIG = 1
_STOP_SECONDS = 60.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """In the JVM's process, before exec: SIGTERM when this supervisor dies (Linux)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0):
            return True
    except OSError:
        return False


def _start_jvm(
    data: DataDir, jars: list[str], java: distribution.Java, *, heap: str, bolt: int, http: int,
    gds: bool,
) -> subprocess.Popen[bytes]:  # fmt: skip
    home = data.server_root
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text(
        distribution.config(home=home, bolt_port=bolt, http_port=http, heap=heap, gds=gds),
        encoding="utf-8",
    )
    if not (home / "data" / "databases").exists():
        distribution.set_initial_password(java, jars, home, data.password())
    # The 200-jar classpath goes in an argument file: `ps` stays readable.
    argfile = home / "classpath.args"
    argfile.write_text(f"-cp {os.pathsep.join(jars)}\n", encoding="utf-8")
    command = [
        java.path, f"-Xmx{heap}", "-XX:+ExitOnOutOfMemoryError", f"@{argfile}",
        distribution.ENTRY_POINT, f"--home-dir={home}", f"--config-dir={home / 'conf'}",
    ]  # fmt: skip
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    return subprocess.Popen(
        command, stdin=subprocess.DEVNULL, env=env, cwd=home, preexec_fn=_die_with_parent
    )


def _stop_jvm(jvm: subprocess.Popen[bytes]) -> None:
    if jvm.poll() is not None:
        return
    jvm.terminate()  # Neo4j shuts down cleanly on SIGTERM (checkpoint, close stores)
    try:
        jvm.wait(timeout=_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        print(f"\nrapport: Neo4j ignored SIGTERM for {_STOP_SECONDS:.0f} s: killing", flush=True)
        jvm.kill()
        jvm.wait()


def serve(
    data: DataDir, *, version: str, heap: str, idle_grace: float, bolt_port: int, http_port: int,
    apoc: bool = False, gds: bool = False,
) -> int:  # fmt: skip
    """Run Neo4j until told to stop or, when unpinned, until no client remains."""
    stop = supervise.stop_on_signals()
    java = distribution.find_java()
    resolved = distribution.classpath(data.root, version, apoc=apoc, gds=gds)
    jars = distribution.plugins(data.server_root, resolved)
    bolt, http = bolt_port or free_port(), http_port or free_port()
    jvm = _start_jvm(data, jars, java, heap=heap, bolt=bolt, http=http, gds=gds)
    pid = os.getpid()

    def shutdown() -> None:
        data.remove_server_info(pid)
        if jvm.poll() is None:
            _stop_jvm(jvm)
            print("\nrapport: local Neo4j stopped cleanly", flush=True)

    try:
        # Published once both answer: Browser (HTTP) comes up a few seconds after Bolt.
        while not (_answers(bolt) and _answers(http)):
            if jvm.poll() is not None or stop.is_set():
                print(f"\nrapport: Neo4j exited during start-up ({jvm.returncode})", flush=True)
                return 1
            time.sleep(0.2)
        data.write_server_info(
            ServerInfo(
                pid=pid,
                token=process_token(pid) or str(pid),
                bolt_port=bolt,
                http_port=http,
                version=version,
                started_at=time.time(),
            )
        )
        print(f"\nrapport: local Neo4j {version} on bolt://127.0.0.1:{bolt}", flush=True)
        return supervise.serve_until_idle(
            data,
            stop,
            idle_grace=idle_grace,
            shutdown=shutdown,
            died=lambda: jvm.poll() is not None,
        )
    finally:
        shutdown()


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m graph.store.neo4j.server``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--idle-grace", type=float, default=2.0)
    parser.add_argument("--bolt-port", type=int, default=0)
    parser.add_argument("--http-port", type=int, default=0)
    parser.add_argument("--apoc", action="store_true", help="load APOC Core")
    parser.add_argument("--gds", action="store_true", help="load Graph Data Science Community")
    args = parser.parse_args(argv)
    os.umask(0o077)  # the database's files are its owner's alone (they hold personal data)
    data = DataDir(args.data_dir, home="home", auth_file="neo4j_password")
    return serve(
        data,
        version=args.version,
        heap=args.heap,
        idle_grace=args.idle_grace,
        bolt_port=args.bolt_port,
        http_port=args.http_port,
        apoc=args.apoc,
        gds=args.gds,
    )


if __name__ == "__main__":
    sys.exit(main())
