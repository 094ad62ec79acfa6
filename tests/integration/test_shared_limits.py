"""Rate limits and Slack event de-duplication shared by several processes (coordination.py).

Each shared backend — the SQLite state file (``ASSISTANT_WORKERS`` > 1), a real PostgreSQL
and a real Redis, both started on loopback by ``tests/servers`` — is checked the same way: two
limiter instances stand for two processes and must spend one budget; real child processes
must too; seen-once must say True exactly once whoever asks, also from many threads at once.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant import coordination
from assistant.coordination import (
    CoordinationError,
    MemoryRateLimiter,
    MemorySeenOnce,
    PostgresRateLimiter,
    PostgresSeenOnce,
    RedisRateLimiter,
    RedisSeenOnce,
    SqliteRateLimiter,
    SqliteSeenOnce,
    build_rate_limiter,
    build_seen_once,
    coordination_backend,
)
from assistant.settings import Settings
from assistant.web.app import create_app
from tests.servers.postgres import postgres_server, postgres_url  # noqa: F401
from tests.servers.redis import redis_url, running_redis  # noqa: F401

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
SHARED = ["sqlite", "postgres", "redis"]
CLASSES: dict[str, tuple[type, type]] = {
    "memory": (MemoryRateLimiter, MemorySeenOnce),
    "sqlite": (SqliteRateLimiter, SqliteSeenOnce),
    "postgres": (PostgresRateLimiter, PostgresSeenOnce),
    "redis": (RedisRateLimiter, RedisSeenOnce),
}


def backend_values(request: pytest.FixtureRequest, backend: str) -> dict[str, Any]:
    """The settings selecting ``backend``, the others explicitly unset (whatever the
    developer's environment says), with its server started on first use."""
    values: dict[str, Any] = {"redis_url": None, "database_url": None, "workers": None}
    if backend == "sqlite":
        values["workers"] = 2
    elif backend == "postgres":
        values["database_url"] = request.getfixturevalue("postgres_url")
    elif backend == "redis":
        url = request.getfixturevalue("redis_url")
        import redis

        redis.Redis.from_url(url).flushdb()  # one server per session: start each test empty
        values["redis_url"] = url
    return values


@pytest.fixture(params=SHARED)
def shared(request: pytest.FixtureRequest, make_settings: Callable[..., Settings]) -> Settings:
    """Settings selecting one shared backend (each test runs once per backend)."""
    return make_settings(**backend_values(request, request.param))


def test_two_limiters_share_one_budget(shared: Settings) -> None:
    first, second = (build_rate_limiter(shared, "ask", 5) for _ in range(2))
    waits = [limiter.take("key:abc") for limiter in (first, second) * 3]
    assert waits[:5] == [0.0] * 5
    assert 0 < waits[5] <= 12.0  # one request every 12 s refills at 5 per minute
    assert 0 < first.wait("key:abc") <= 12.0
    assert 0 < second.wait("key:abc") <= 12.0
    assert first.take("key:other") == 0.0  # another identity, another bucket


def test_wait_does_not_spend(shared: Settings) -> None:
    limiter = build_rate_limiter(shared, "ask", 3)
    assert [limiter.wait("ip:10.0.0.1") for _ in range(10)] == [0.0] * 10
    assert [limiter.take("ip:10.0.0.1") for _ in range(3)] == [0.0] * 3
    assert limiter.take("ip:10.0.0.1") > 0


def test_different_names_do_not_share(shared: Settings) -> None:
    ask = build_rate_limiter(shared, "ask", 2)
    failures = build_rate_limiter(shared, "auth_failures", 2)
    slack = build_rate_limiter(shared, "slack", 2)
    assert [ask.take("slack") for _ in range(3)][2] > 0
    assert failures.take("slack") == 0.0
    assert slack.take("slack") == 0.0
    assert failures.wait("slack") == 0.0


def test_limiters_are_atomic_under_threads(shared: Settings) -> None:
    limiters = [build_rate_limiter(shared, "ask", 5) for _ in range(2)]
    start = threading.Barrier(8)

    def hammer(index: int) -> int:
        limiter = limiters[index % 2]
        start.wait()
        return sum(limiter.take("key:busy") == 0.0 for _ in range(10))

    with ThreadPoolExecutor(8) as pool:
        allowed = sum(pool.map(hammer, range(8)))
    assert allowed == 5


def test_bucket_refills_over_time(shared: Settings) -> None:
    limiter = build_rate_limiter(shared, "ask", 240)  # 4 a second
    assert all(limiter.take("key:refill") == 0.0 for _ in range(240))
    wait = limiter.take("key:refill")
    assert 0 < wait <= 0.25
    time.sleep(wait + 0.05)
    assert limiter.take("key:refill") == 0.0
    assert limiter.take("key:refill") > 0  # only what refilled, not a new budget


def test_seen_once_is_true_once_across_instances(shared: Settings) -> None:
    first, second = (build_seen_once(shared, "slack_events", 3600, 4096) for _ in range(2))
    assert first.first("C1:1700000000.000100") is True
    assert second.first("C1:1700000000.000100") is False
    assert first.first("C1:1700000000.000100") is False
    assert second.first("C1:1700000000.000200") is True
    other = build_seen_once(shared, "other_events", 3600, 4096)
    assert other.first("C1:1700000000.000100") is True  # names do not share keys


def test_seen_once_forgets_after_its_ttl(shared: Settings) -> None:
    seen = build_seen_once(shared, "slack_events", 1, 4096)
    assert seen.first("event") is True
    assert seen.first("event") is False
    time.sleep(1.2)
    assert seen.first("event") is True


def test_seen_once_is_atomic_under_threads(shared: Settings) -> None:
    instances = [build_seen_once(shared, "slack_events", 3600, 4096) for _ in range(2)]
    keys = [f"event-{n}" for n in range(40)]
    start = threading.Barrier(8)

    def offer(index: int) -> list[str]:
        seen = instances[index % 2]
        start.wait()
        order = keys if index % 2 else list(reversed(keys))
        return [key for key in order if seen.first(key)]

    with ThreadPoolExecutor(8) as pool:
        firsts = Counter(key for won in pool.map(offer, range(8)) for key in won)
    assert firsts == Counter(keys)  # every key exactly once


CHILD = r"""
import json, sys, time
from pathlib import Path
from assistant.coordination import build_rate_limiter, build_seen_once
from assistant.settings import Settings

config = json.loads(sys.argv[1])
settings = Settings(_env_file=None, **config["settings"])
limiter = build_rate_limiter(settings, "ask", 5)
seen = build_seen_once(settings, "slack_events", 3600, 4096)
print("ready", flush=True)
go = Path(config["go"])
while not go.exists():
    time.sleep(0.001)
allowed = sum(limiter.take("key:two-processes") == 0.0 for _ in range(20))
firsts = [key for key in config["keys"] if seen.first(key)]
print(json.dumps({"allowed": allowed, "firsts": firsts}), flush=True)
"""


def test_two_processes_share_one_budget(shared: Settings, tmp_path: Path) -> None:
    """Real processes, released together: 5 takes allowed in all, each key first once."""
    keys = [f"event-{n}" for n in range(30)]
    go = tmp_path / "go"
    values = {
        "data_dir": str(shared.data_dir),
        "workers": shared.workers,
        "redis_url": shared.redis_url.get_secret_value() if shared.redis_url else None,
        "database_url": shared.database_url.get_secret_value() if shared.database_url else None,
    }
    env = {name: value for name, value in os.environ.items() if not name.startswith("ASSISTANT_")}
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD,
                json.dumps({"settings": values, "go": str(go), "keys": k}),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=env,
        )
        for k in (keys, list(reversed(keys)))
    ]
    try:
        for child in children:
            assert child.stdout is not None
            line = child.stdout.readline()
            assert line.strip() == "ready", child.stderr.read() if child.stderr else line
        go.touch()
        results = []
        for child in children:
            out, err = child.communicate(timeout=60)
            assert child.returncode == 0, err
            results.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    assert sum(result["allowed"] for result in results) == 5
    firsts = Counter(key for result in results for key in result["firsts"])
    assert firsts == Counter(keys)


def test_two_web_apps_share_the_limits(
    request: pytest.FixtureRequest, make_settings: Callable[..., Settings]
) -> None:
    """Two apps over one state file stand for two ``--workers`` processes: wrong keys and
    requests counted by one are counted by the other."""
    settings = make_settings(
        **backend_values(request, "sqlite"),
        api_keys=["user-key-1"],
        rate_limit_per_minute=2,
        auth_failures_per_minute=2,
    )
    apps = [create_app(settings) for _ in range(2)]

    def get(app_index: int, key: str) -> tuple[int, Any]:
        """(status, JSON body) of ``GET /v1/documents`` on one app with the bearer ``key``."""
        # no ``with``: the lifespan (model warm-up) is not needed to authenticate and limit
        http = TestClient(apps[app_index], base_url="http://127.0.0.1")
        response = http.get("/v1/documents", headers={"Authorization": f"Bearer {key}"})
        return response.status_code, response.json()

    assert [get(0, "user-key-1")[0], get(1, "user-key-1")[0]] == [200, 200]
    status, body = get(0, "user-key-1")
    assert status == 429 and body["error"]["code"] == "rate_limited"
    assert [get(0, "wrong")[0], get(1, "wrong")[0]] == [401, 401]
    assert get(0, "wrong")[0] == 429
    assert get(1, "wrong")[0] == 429  # the address is blocked before any key is compared


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, "memory"),
        ({"workers": 1}, "memory"),
        ({"workers": 4}, "sqlite"),
        ({"database_url": "postgresql://u@db/x"}, "postgres"),
        ({"database_url": "postgresql://u@db/x", "workers": 4}, "postgres"),
        ({"redis_url": "redis://cache:6379/0"}, "redis"),
        ({"redis_url": "redis://cache/0", "database_url": "postgresql://u@db/x"}, "redis"),
        ({"redis_url": "redis://cache/0", "workers": 4}, "redis"),
    ],
)
def test_backend_follows_the_settings(
    make_settings: Callable[..., Settings], overrides: dict[str, Any], expected: str
) -> None:
    values: dict[str, Any] = {"redis_url": None, "database_url": None, "workers": None}
    assert coordination_backend(make_settings(**{**values, **overrides})) == expected


@pytest.mark.parametrize("backend", ["memory", *SHARED])
def test_factories_build_the_selected_backend(
    request: pytest.FixtureRequest, make_settings: Callable[..., Settings], backend: str
) -> None:
    settings = make_settings(**backend_values(request, backend))
    limiter_class, seen_class = CLASSES[backend]
    assert type(build_rate_limiter(settings, "ask", 5)) is limiter_class
    assert type(build_seen_once(settings, "slack_events", 60, 16)) is seen_class


def test_memory_backend_is_per_instance_and_bounded() -> None:
    """The one-process default: its own budget, a bounded and expiring seen-once set."""
    limiter = MemoryRateLimiter(5)
    assert [limiter.take("a") for _ in range(5)] == [0.0] * 5
    assert 0 < limiter.take("a") <= 12.0
    assert MemoryRateLimiter(5).take("a") == 0.0
    seen = MemorySeenOnce(max_items=2, ttl_s=0.2)
    assert [seen.first("x"), seen.first("x"), seen.first("y"), seen.first("z")] == [
        True,
        False,
        True,
        True,
    ]
    assert seen.first("x") is True  # pushed out by y and z
    time.sleep(0.25)
    assert seen.first("z") is True  # expired


@pytest.mark.parametrize(
    ("setting", "url"),
    [
        ("ASSISTANT_REDIS_URL", "redis://:hunter2secret@127.0.0.1:{port}/0"),
        ("ASSISTANT_DATABASE_URL", "postgresql://app:hunter2secret@127.0.0.1:{port}/db"),
    ],
)
def test_an_unreachable_backend_fails_at_start_up(
    make_settings: Callable[..., Settings], setting: str, url: str
) -> None:
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    name = setting.removeprefix("ASSISTANT_").lower()
    settings = make_settings(
        **{"redis_url": None, "database_url": None, name: url.format(port=port)}
    )
    for build in (
        lambda: build_rate_limiter(settings, "ask", 5),
        lambda: build_seen_once(settings, "slack_events", 60, 16),
    ):
        with pytest.raises(CoordinationError) as raised:
            build()
        message = str(raised.value)
        assert setting in message and f"127.0.0.1:{port}" in message
        assert "hunter2secret" not in message and "***" in message
        assert raised.value.__cause__ is None  # no driver traceback that could carry the URL


def test_redis_errors_fail_open_and_are_logged(
    make_settings: Callable[..., Settings], caplog: pytest.LogCaptureFixture
) -> None:
    with running_redis() as url:
        settings = make_settings(redis_url=url)
        limiter = build_rate_limiter(settings, "ask", 1)
        seen = build_seen_once(settings, "slack_events", 60, 16)
        assert limiter.take("key:x") == 0.0
        assert limiter.take("key:x") > 0
        assert seen.first("event") is True
        assert seen.first("event") is False
    # the server is gone: requests are allowed, and the outage is logged once, not per call
    with caplog.at_level(logging.ERROR, logger="assistant.coordination"):
        assert [limiter.take("key:x") for _ in range(3)] == [0.0] * 3
        assert limiter.wait("key:x") == 0.0
        assert seen.first("event") is True
    reports = [r for r in caplog.records if r.name == "assistant.coordination"]
    assert len(reports) == 2  # one per limiter, however many calls failed
    assert all("fail open" in r.getMessage() for r in reports)


def test_a_stuck_state_file_fails_open(
    make_settings: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Another process holding the state file's write lock delays a request by the busy
    timeout, then the request is allowed rather than failed."""
    import sqlite3

    monkeypatch.setattr(coordination, "SQLITE_BUSY_TIMEOUT_S", 0.2)
    settings = make_settings(redis_url=None, database_url=None, workers=2)
    limiter = build_rate_limiter(settings, "ask", 1)
    assert limiter.take("key:x") == 0.0
    holder = sqlite3.connect(settings.sqlite_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with caplog.at_level(logging.ERROR, logger="assistant.coordination"):
            assert limiter.take("key:x") == 0.0  # would be refused if the file answered
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert any("fail open" in r.getMessage() for r in caplog.records)
    assert limiter.take("key:x") > 0  # and limits again once the file answers


def test_postgres_errors_fail_open(
    request: pytest.FixtureRequest,
    make_settings: Callable[..., Settings],
    caplog: pytest.LogCaptureFixture,
) -> None:
    import psycopg

    database = request.getfixturevalue("postgres_url")
    settings = make_settings(redis_url=None, database_url=database)
    limiter = build_rate_limiter(settings, "ask", 1)
    seen = build_seen_once(settings, "slack_events", 60, 16)
    assert limiter.take("key:x") == 0.0 and limiter.take("key:x") > 0
    with psycopg.connect(database, autocommit=True) as conn:  # the tables vanish
        conn.execute("DROP TABLE rate_buckets, seen_keys")
    with caplog.at_level(logging.ERROR, logger="assistant.coordination"):
        assert limiter.take("key:x") == 0.0
        assert limiter.wait("key:x") == 0.0
        assert seen.first("event") is True
    assert sum("fail open" in r.getMessage() for r in caplog.records) == 2


def test_redis_buckets_expire_when_full_again(
    request: pytest.FixtureRequest, make_settings: Callable[..., Settings]
) -> None:
    import redis

    settings = make_settings(**backend_values(request, "redis"))
    assert settings.redis_url is not None
    client = redis.Redis.from_url(settings.redis_url.get_secret_value())
    limiter = build_rate_limiter(settings, "ttl_check", 60)  # one a second
    for _ in range(3):
        limiter.take("key:ttl")
    ttl_ms = client.pttl("assistant:rate:ttl_check:key:ttl")
    assert 2_000 < ttl_ms <= 3_100  # three spent tokens take three seconds to come back
    seen = build_seen_once(settings, "ttl_check", 90, 16)
    seen.first("event")
    assert 85 <= client.ttl("assistant:seen:ttl_check:event") <= 90
