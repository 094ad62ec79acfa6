"""A throwaway PostgreSQL cluster on loopback for the shared-store tests.

``initdb`` + ``pg_ctl start`` in a temporary directory, on a free port of 127.0.0.1, with
``trust`` authentication and durability switched off (``fsync``, ``synchronous_commit``,
``full_page_writes``): the cluster lives for one test session and is deleted with
``pg_ctl stop -m immediate``, so crash safety buys nothing and costs seconds.

PostgreSQL refuses to run as root, and CI runs the tests as root: then every server command
runs as the ``postgres`` user (``runuser -u postgres --``) in a directory under ``/tmp`` that
user owns (pytest's ``tmp_path`` is private to root).

Test modules use the fixtures by importing them::

    from tests.servers.postgres import postgres_server, postgres_url  # noqa: F401

``postgres_url`` gives each test a fresh, empty database, so tests never see each other's rows.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.servers.ports import free_port

INSTALL_HINT = "PostgreSQL server binaries not found: run `make setup-servers` (Debian: postgresql)"
SERVER_USER = "postgres"


@dataclass(frozen=True)
class PostgresServer:
    """A running cluster: connect as the superuser ``postgres`` without a password."""

    port: int
    folder: Path
    """Holds the data directory, the log and the unix socket."""
    bindir: Path

    @property
    def url(self) -> str:
        """The maintenance database (``postgres``); tests should use :meth:`new_database`."""
        return self.database_url("postgres")

    def database_url(self, name: str) -> str:
        return f"postgresql://{SERVER_USER}@127.0.0.1:{self.port}/{name}"

    def new_database(self) -> str:
        """Create an empty database and return its URL (``CREATE DATABASE`` from template1)."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    def log(self) -> str:
        """The server log (for failure messages)."""
        path = self.folder / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""


def find_bindir() -> Path | None:
    """The folder holding ``pg_ctl`` and ``initdb``: on PATH, else Debian's newest version."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(os.path.realpath(on_path)).parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    for candidate in reversed(candidates):
        folder = Path(candidate).parent
        if (folder / "initdb").exists():
            return folder
    return None


def _as_server_user(command: list[str]) -> list[str]:
    """Run as ``postgres`` when we are root (the server refuses to start as root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", SERVER_USER, "--", *command]
    return command


def _run(command: list[str], timeout: float = 120) -> None:
    result = subprocess.run(
        _as_server_user(command), capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )


def _make_folder() -> Path:
    """A temporary folder the server user can write (mkdtemp makes it 0700, owned by us)."""
    folder = Path(tempfile.mkdtemp(prefix="pg-", dir="/tmp"))
    if os.geteuid() == 0:
        shutil.chown(folder, user=SERVER_USER, group=None)
    return folder


@contextmanager
def start_postgres(attempts: int = 3) -> Iterator[PostgresServer]:
    """Start a fresh cluster (skipping the test when the binaries are missing), stop it after.

    The port is picked free just before start; another process can take it in between, so a
    failed start is retried on a new port."""
    pytest.importorskip(
        "psycopg", reason="pip install 'strategy-assistant[shared]' for the PostgreSQL tests"
    )
    bindir = find_bindir()
    if bindir is None:
        pytest.skip(INSTALL_HINT)
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root needs runuser to start PostgreSQL as the postgres user")
    folder = _make_folder()
    data = folder / "data"
    started: PostgresServer | None = None
    try:
        _run(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                SERVER_USER,
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ]
        )
        error: Exception | None = None
        for _ in range(attempts):
            port = free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=200"
            )
            try:
                _run(
                    [
                        str(bindir / "pg_ctl"),
                        "-D",
                        str(data),
                        "-l",
                        str(folder / "server.log"),
                        "-o",
                        options,
                        "-w",
                        "-t",
                        "60",
                        "start",
                    ]
                )
            except RuntimeError as exc:  # most likely the port was taken meanwhile
                error = exc
                continue
            started = PostgresServer(port, folder, bindir)
            break
        if started is None:
            raise RuntimeError(f"PostgreSQL did not start: {error}")
        _wait_ready(started)
        yield started
    finally:
        if started is not None:
            with suppress(RuntimeError, subprocess.TimeoutExpired):
                _run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], 60)
        shutil.rmtree(folder, ignore_errors=True)


def _wait_ready(server: PostgresServer, timeout: float = 30.0) -> None:
    """``pg_ctl -w`` waits on the socket; also wait until TCP connections are accepted."""
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(server.url, connect_timeout=2):
                return
        except psycopg.OperationalError as exc:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"PostgreSQL not accepting connections:\n{server.log()}"
                ) from exc
            time.sleep(0.1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One cluster for the whole session (skips when PostgreSQL is not installed)."""
    with start_postgres() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A fresh empty database for one test (the cluster is deleted after the session)."""
    return postgres_server.new_database()
