"""A throwaway PostgreSQL cluster for the tests of a PostgreSQL-backed hub.

``PgCluster.start()`` runs ``initdb`` in a new temporary folder, then ``pg_ctl start`` on a
free port of 127.0.0.1 with its Unix socket in that folder; ``stop()`` stops it and removes
the folder.  PostgreSQL refuses to run as root, so as root the cluster belongs to the
``postgres`` user (``runuser -u postgres --``).  Settings trade durability for speed
(``fsync=off``): the cluster lives for one test session.  ``.ci/bootstrap test`` installs
Debian's ``postgresql`` package, so CI always has the binaries; :func:`binaries` says when
they are missing (the tests then skip the PostgreSQL hub, with that reason).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

RUN_AS = "postgres"


def binaries() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(os.path.realpath(found)).parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    return None


def why_unavailable() -> str | None:
    """Why no cluster can be started here, or None."""
    if os.name == "nt":
        return "the PostgreSQL hub is tested on Linux (the test cluster runs as a Unix user)"
    if binaries() is None:
        return "PostgreSQL is not installed (bash .ci/bootstrap test installs Debian's postgresql package)"
    if os.geteuid() == 0:
        import pwd

        if shutil.which("runuser") is None:
            return "running as root without runuser: PostgreSQL cannot be started"
        try:
            pwd.getpwnam(RUN_AS)
        except KeyError:
            return f"running as root without a {RUN_AS!r} user to run PostgreSQL as"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    """One cluster: ``url(name)`` addresses a database of it, ``new_database()`` makes one."""

    def __init__(self) -> None:
        self.bin = binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="township-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.user = RUN_AS if os.geteuid() == 0 else None
        self._databases = 0

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.folder)

    def start(self) -> "PgCluster":
        if self.user:
            shutil.chown(self.folder, self.user)
        result = self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-locale",
                           "-E", "UTF8", "--no-sync")
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed: {result.stderr or result.stdout}")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300 "
                   "-c shared_buffers=64MB")
        result = self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"),
                           "-w", "-t", "60", "start")
        if result.returncode != 0:
            log = (self.folder / "server.log").read_text(errors="replace") if (self.folder / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {result.stderr or result.stdout} {log}")
        self._wait()
        return self

    def _wait(self) -> None:
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                psycopg.connect(self.url("postgres"), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self, prefix: str = "hub") -> str:
        """The address of a new, empty database."""
        import psycopg

        self._databases += 1
        name = f"{prefix}_{os.getpid()}_{self._databases}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)
