"""Neo4j Community for the local server: Java found, jars resolved with Maven, config written.

Nothing here runs at import time: the local Neo4j is fetched on request (``rapport neo4j start``
or ``RAPPORT_DB_URI=local-neo4j``). Maven keeps the jars in its own cache (``~/.m2``), so only the
first start downloads them (about 140 MB); the resolved classpath is kept in the data dir and in
the user's cache (:func:`shared_cache`), so a new data dir does not run Maven again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from graph.errors import Neo4jServerError

POM = Path(__file__).resolve().parent / "pom.xml"
MIN_JAVA = 17
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"


@dataclass(frozen=True, slots=True)
class Java:
    """The ``java`` executable to run Neo4j with, and its major version."""

    path: str
    major: int


def java_major(version_text: str) -> int | None:
    """The major version in ``java -version``'s output.

    >>> java_major('openjdk version "17.0.15" 2025-04-15')
    17
    >>> java_major('java version "1.8.0_402"')
    8
    """
    found = re.search(r'version "(\d+)(?:\.(\d+))?', version_text)
    if found is None:
        return None
    major = int(found.group(1))
    return int(found.group(2) or 0) if major == 1 else major


def find_java() -> Java:
    """``$JAVA_HOME/bin/java`` or ``java`` on the PATH, at least Java 17."""
    home = os.environ.get("JAVA_HOME")
    path = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not path or not Path(path).exists():
        raise Neo4jServerError(
            "the local Neo4j needs Java, and no `java` was found",
            hint=f"install a JDK {MIN_JAVA} or newer (Debian: apt install openjdk-17-jdk-headless) "
            "or set JAVA_HOME",
        )
    done = subprocess.run([path, "-version"], capture_output=True, text=True, check=False)
    major = java_major(done.stderr + done.stdout)
    if major is None or major < MIN_JAVA:
        raise Neo4jServerError(
            f"{path} is Java {major or '?'}; Neo4j 5 needs Java {MIN_JAVA} or newer",
            hint="install a newer JDK or point JAVA_HOME at one",
        )
    return Java(path, major)


def _maven() -> str:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jServerError(
            "the local Neo4j is resolved from Maven Central with Maven, and no `mvn` was found",
            hint="install Maven (Debian: apt install maven), or connect to a Neo4j of your own "
            "with RAPPORT_DB_URI=neo4j://host:7687",
        )
    return mvn


def _run_maven(command: list[str], made: Path, what: str, hint: str) -> None:
    """Run Maven; an error with the last lines it printed unless it made ``made``."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not made.exists():
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-12:])
        raise Neo4jServerError(f"Maven could not {what}:\n{tail}", hint=hint)


def classpath(home: Path, version: str, *, apoc: bool = False, gds: bool = False) -> list[str]:
    """The jars of Neo4j Community ``version`` and Neo4j Browser (and APOC Core, and Graph Data
    Science Community), resolved once per version and choice of plugins.

    The classpath is kept in ``home/classpath-<version>[-apoc][-gds].txt`` and in the user's
    cache (:func:`shared_cache`), which a new data dir takes without running Maven; it is
    resolved again when a jar in it has gone (a cleaned Maven cache).
    """
    chosen = [name for name, on in (("apoc", apoc), ("gds", gds)) if on]
    name = f"classpath-{'-'.join([version, *chosen])}.txt"
    listing = home / name
    for known in (listing, shared_cache() / name):
        jars = _listed(known)
        if jars:
            _keep(listing, jars)
            return jars
    home.mkdir(parents=True, exist_ok=True)
    command = [
        _maven(), "-q", "-B", "-f", str(POM), f"-Dneo4j.version={version}",
        "dependency:build-classpath", f"-Dmdep.outputFile={listing}",
        *([f"-P{','.join(chosen)}"] if chosen else []),
    ]  # fmt: skip
    _run_maven(
        command, listing, f"resolve Neo4j Community {version}",
        "check that Maven Central is reachable and RAPPORT_NEO4J_VERSION names a published "
        "version (e.g. 5.26.30)",
    )  # fmt: skip
    jars = listing.read_text(encoding="utf-8").strip().split(os.pathsep)
    _keep(shared_cache() / name, jars)
    return jars


def shared_cache() -> Path:
    """Where the resolved classpaths are kept for every data dir of this user
    (``$XDG_CACHE_HOME/rapport``, ``~/.cache/rapport`` by default): a new data dir starts
    without running Maven (seconds) when the jars are already in Maven's cache."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rapport"


def _listed(listing: Path) -> list[str] | None:
    """The jars a classpath file lists, when it exists and they all do."""
    try:
        jars = listing.read_text(encoding="utf-8").strip().split(os.pathsep)
    except OSError:
        return None
    return jars if jars and all(Path(j).is_file() for j in jars) else None


def _keep(listing: Path, jars: list[str]) -> None:
    """Write a classpath file (best effort: a read-only cache only costs a Maven run later)."""
    text = os.pathsep.join(jars)
    try:
        if not listing.is_file() or listing.read_text(encoding="utf-8").strip() != text:
            listing.parent.mkdir(parents=True, exist_ok=True)
            listing.write_text(text, encoding="utf-8")
    except OSError:
        pass


def _plugin_name(jar: str) -> str | None:
    """The name a jar has in ``plugins/`` when it is a plugin's (APOC's, or GDS's: prefixed,
    since its modules have names such as ``core-2.13.9.jar``), else None."""
    path = Path(jar)
    if path.name.startswith("apoc-"):
        return path.name
    if f"{os.sep}org{os.sep}neo4j{os.sep}gds{os.sep}" in str(path):
        return f"gds-{path.name}"
    return None


def plugins(home: Path, jars: list[str]) -> list[str]:
    """Put the plugin jars of ``jars`` (APOC's, GDS's) in ``home/plugins``, where Neo4j looks
    for procedures, and take away those an earlier start put there; the jars the JVM gets (all
    of them: as Neo4j's own launcher does, plugins are on the classpath too, where the
    extensions that give procedures their components are found)."""
    folder = home / "plugins"
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {name: jar for jar in jars if (name := _plugin_name(jar)) is not None}
    for old in [*folder.glob("apoc-*.jar"), *folder.glob("gds-*.jar")]:
        if old.name not in wanted:
            old.unlink()
    for name, jar in wanted.items():
        if not (folder / name).exists():
            shutil.copy2(jar, folder / name)
    return jars


def config(*, home: Path, bolt_port: int, http_port: int, heap: str, gds: bool = False) -> str:
    """``neo4j.conf`` for a server on 127.0.0.1 with its data under ``home``.

    >>> "server.bolt.listen_address=127.0.0.1:7687" in config(
    ...     home=Path("/x"), bolt_port=7687, http_port=7474, heap="1g")
    True
    """
    lines = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{bolt_port}",
        "server.bolt.advertised_address": f"127.0.0.1:{bolt_port}",
        "server.http.listen_address": f"127.0.0.1:{http_port}",
        "server.http.advertised_address": f"127.0.0.1:{http_port}",
        "server.https.enabled": "false",
        "server.directories.data": str(home / "data"),
        "server.directories.logs": str(home / "logs"),
        "server.directories.plugins": str(home / "plugins"),
        "server.directories.run": str(home / "run"),
        "server.directories.import": str(home / "import"),
        "dbms.security.auth_enabled": "true",
        "dbms.usage_report.enabled": "false",
        # Neo4j Browser: no usage analytics, and Rapport's kit (`:style`, `:play` from
        # `rapport browser` on this machine) allowed in.
        "client.allow_telemetry": "false",
        "browser.remote_content_hostname_whitelist": "localhost,127.0.0.1",
        # Always capped: without it the heap grew to 5 GiB in the write benchmark.
        "server.memory.heap.initial_size": heap,
        "server.memory.heap.max_size": heap,
        "server.memory.pagecache.size": "512m",
        "db.transaction.timeout": "0",
        # Transaction logs serve recovery here (Community has no online backup to feed): Neo4j's
        # default keeps two days of them, 20 GB after a day of benchmarks at 100,000 customers.
        "db.tx_log.rotation.retention_policy": "1G size",
        # A stop waited 5 s on Bolt's idle worker threads after the databases had checkpointed
        # and closed: every command on the local Neo4j paid it.
        "internal.server.bolt.thread_pool_shutdown_wait_time": "100ms",
        "internal.server.bolt.connection_shutdown_wait_time": "100ms",
    }
    if gds:  # GDS reaches into the kernel: Neo4j runs its procedures only when told to
        lines["dbms.security.procedures.unrestricted"] = "gds.*"
    return "".join(f"{key}={value}\n" for key, value in lines.items())


def java_error(output: str) -> str:
    r"""The message lines of a Java failure, without the stack frames.

    >>> java_error("java.lang.IllegalArgumentException: bad setting\n\tat a.B(B.java:1)")
    'java.lang.IllegalArgumentException: bad setting'
    """
    lines = [
        line for line in output.splitlines() if line.strip() and not line.lstrip().startswith("at ")
    ]
    return " / ".join(lines[:3])[:500]


def set_initial_password(java: Java, jars: list[str], home: Path, password: str) -> None:
    """Give user ``neo4j`` its password before the first start (so it never runs with the
    default ``neo4j``)."""
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    command = [java.path, "-cp", os.pathsep.join(jars), ADMIN_TOOL, "dbms",
               "set-initial-password", password]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise Neo4jServerError(
            f"could not set the local Neo4j's password: {java_error(done.stderr + done.stdout)}",
            hint=f"remove {home} to start from scratch",
        )


def browser_version() -> str:
    """The Neo4j Browser version the POM pins (one place for it).

    >>> browser_version().count(".") == 2
    True
    """
    found = re.search(r"<neo4j\.browser\.version>([^<]+)<", POM.read_text(encoding="utf-8"))
    if found is None:  # pragma: no cover - the POM ships with the code
        raise Neo4jServerError(f"{POM} does not pin neo4j.browser.version")
    return found.group(1).strip()


def browser_bundle(home: Path) -> Path:
    """Neo4j Browser's static files (the ``browser/`` folder of its jar on Maven Central),
    resolved with Maven and unpacked under ``home`` once per version; the folder is returned.

    The same jar the local Neo4j serves at ``/browser``, so `rapport browser` can serve it for
    the embedded engine, which has no Browser of its own.
    """
    version = browser_version()
    target = home / f"neo4j-browser-{version}"
    if (target / "browser" / "index.html").is_file():
        return target / "browser"
    home.mkdir(parents=True, exist_ok=True)
    jar = home / f"neo4j-browser-{version}.jar"
    if not jar.is_file():
        command = [
            _maven(), "-q", "-B",
            "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy",
            f"-Dartifact=org.neo4j.client:neo4j-browser:{version}", f"-DoutputDirectory={home}",
        ]  # fmt: skip
        _run_maven(
            command, jar, f"fetch Neo4j Browser {version}",
            "check that Maven Central is reachable (the first `rapport browser` downloads "
            "about 20 MB)",
        )  # fmt: skip
    partial = home / f".neo4j-browser-{version}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    with zipfile.ZipFile(jar) as archive:
        for member in archive.namelist():
            if member.startswith("browser/") and ".." not in member:
                archive.extract(member, partial)
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)  # whole or not at all: an interrupted unpack is done again
    return target / "browser"
