"""Several web processes on one port: each binds its own ``SO_REUSEPORT`` socket, so the
kernel spreads new connections evenly over them (uvicorn's ``--workers`` shares one socket,
and whichever process wakes first accepts most of a burst of connections: 16/84 splits were
measured). The hash places connections, not requests: keep-alive clients that landed
unevenly are moved by :mod:`assistant.web.balance`. A small supervisor starts the processes
(and the ingest worker), restarts one that dies, and stops them all on SIGINT/SIGTERM.
"""

from __future__ import annotations

import logging
import signal
import socket
import subprocess
import threading
import time
from collections import deque
from dataclasses import dataclass, field

log = logging.getLogger("assistant.web")
RESTARTS_PER_MINUTE = 5
"""A process that dies more often than this is left down (the supervisor exits 1)."""


def reuse_port_socket(host: str, port: int) -> socket.socket:
    """A listening socket that other processes may bind too (Linux spreads connections)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


@dataclass
class Child:
    name: str
    command: list[str]
    process: subprocess.Popen[bytes] | None = None
    restarts: deque[float] = field(default_factory=deque)

    def start(self) -> None:
        self.process = subprocess.Popen(self.command)

    def exited(self) -> int | None:
        return None if self.process is None else self.process.poll()


class Supervisor:
    """Runs ``children`` until SIGINT/SIGTERM; a child that exits is started again."""

    def __init__(self, children: list[Child]) -> None:
        self.children = children
        self.stopping = threading.Event()

    def run(self) -> int:
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: self.stopping.set())
        for child in self.children:
            child.start()
        status = 0
        try:
            while not self.stopping.wait(0.5):
                for child in self.children:
                    code = child.exited()
                    if code is None:
                        continue
                    now = time.monotonic()
                    while child.restarts and now - child.restarts[0] > 60:
                        child.restarts.popleft()
                    if len(child.restarts) >= RESTARTS_PER_MINUTE:
                        log.error("%s keeps dying (exit %s); stopping", child.name, code)
                        self.stopping.set()
                        status = 1
                        break
                    log.warning("%s exited with %s; starting it again", child.name, code)
                    child.restarts.append(now)
                    child.start()
        finally:
            self.stop()
        return status

    def stop(self, timeout: float = 30.0) -> None:
        running = [c.process for c in self.children if c.process and c.process.poll() is None]
        for process in running:
            process.terminate()
        deadline = time.monotonic() + timeout
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
