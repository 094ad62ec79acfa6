"""Rate-limit buckets and "seen once" keys that every process of the service agrees on.

A limit kept in one process's memory is a limit per process: with ``assistant serve --workers
4`` (or four hosts) a caller gets four times the setting, and a Slack event delivered to two
processes is answered twice. So the state lives where every process can see it, chosen by the
settings (:func:`coordination_backend`):

=====================================  ========================================================
setting                                backend
=====================================  ========================================================
``ASSISTANT_REDIS_URL``                Redis: a token bucket as one Lua script (atomic on the
                                       server), seen-once as ``SET key 1 NX EX ttl``
``ASSISTANT_DATABASE_URL`` (no Redis)  PostgreSQL: tables ``rate_buckets`` / ``seen_keys``,
                                       one ``INSERT … ON CONFLICT … DO UPDATE … RETURNING``
``ASSISTANT_WORKERS`` > 1 (neither)    the SQLite state file ``<data_dir>/assistant.sqlite3``,
                                       which every process of one host shares; ``BEGIN
                                       IMMEDIATE`` transactions
otherwise (one process)                memory, as fast as a dict: this is on every request
=====================================  ========================================================

Shared backends name keys by the limiter's ``name`` (``ask``, ``auth_failures``, ``slack``,
``slack_events``), so two limits never spend each other's budget, and take time from one
clock all processes share (Redis ``TIME``, PostgreSQL ``clock_timestamp()``, the host's wall
clock for SQLite); ``time.monotonic()`` is per process and would make buckets refill wrongly.

Failures: a backend that cannot be reached when the limiter is built raises
:class:`CoordinationError` naming the setting (passwords shown as ``***``), so ``assistant
serve`` stops at start-up instead of serving without limits. Once running, a backend error
**fails open**: the request is allowed (``take``/``wait`` return 0, ``first`` returns True)
and the error is logged, at most once a minute. An outage of Redis or PostgreSQL should cost
the limits for a while, not turn every request into a 500; a duplicate Slack answer is a
smaller harm than a dropped one.
"""

from __future__ import annotations

import logging
import math
import re
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol
from urllib.parse import urlsplit, urlunsplit

from assistant.settings import Settings
from ingest.store.sqlite import ensure_schema, immediate_transaction

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool
    from redis import Redis

log = logging.getLogger("assistant.coordination")

Backend = Literal["memory", "sqlite", "postgres", "redis"]

KEY_PREFIX = "assistant"
"""Redis keys are ``assistant:rate:<name>:<identity>`` and ``assistant:seen:<name>:<key>``."""
TRIM_EVERY_S = 60.0
"""SQLite and PostgreSQL rows whose bucket is full again (or whose key expired) are deleted
this often per limiter; such a row means the same as no row, so trimming never changes an
answer, it only bounds the tables."""
SQLITE_BUSY_TIMEOUT_S = 5.0
"""How long a request waits for another process's transaction on the state file before the
limiter fails open (transactions here last microseconds, so this is only reached when stuck)."""
FAILURE_LOG_EVERY_S = 60.0

_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")


class CoordinationError(RuntimeError):
    """The shared backend the settings choose cannot be used; raised at start-up."""


class RateLimiter(Protocol):
    """A token bucket per identity: ``per_minute`` requests, refilled continuously."""

    def take(self, identity: str) -> float:
        """Spend one request: 0 when allowed, else the seconds until one would be."""
        ...

    def wait(self, identity: str) -> float:
        """Like :meth:`take` without spending: 0 when a request would be allowed now."""
        ...


class SeenOnce(Protocol):
    """``first(key)`` is True the first time a key is offered within the TTL, then False."""

    def first(self, key: str) -> bool: ...


def coordination_backend(settings: Settings) -> Backend:
    """Which backend the settings select (see the module docstring for why this order)."""
    if settings.redis_url is not None:
        return "redis"
    if settings.database_url is not None:
        return "postgres"
    if (settings.workers or 1) > 1:
        return "sqlite"
    return "memory"


def build_rate_limiter(settings: Settings, name: str, per_minute: int) -> RateLimiter:
    """The limiter ``name`` allowing ``per_minute`` requests per identity, on the backend the
    settings select. Raises :class:`CoordinationError` when that backend is unreachable."""
    _check_name(name)
    backend = coordination_backend(settings)
    if backend == "redis":
        return RedisRateLimiter(_redis_client(settings), name, per_minute)
    if backend == "postgres":
        return PostgresRateLimiter(_postgres_pool(settings), name, per_minute)
    if backend == "sqlite":
        return SqliteRateLimiter(settings.sqlite_path, name, per_minute)
    return MemoryRateLimiter(per_minute)


def build_seen_once(settings: Settings, name: str, ttl_s: float, max_items: int) -> SeenOnce:
    """The seen-once set ``name`` remembering keys for ``ttl_s`` seconds, on the backend the
    settings select. ``max_items`` bounds the in-memory set only; shared backends forget keys
    by expiry. Raises :class:`CoordinationError` when that backend is unreachable."""
    _check_name(name)
    backend = coordination_backend(settings)
    if backend == "redis":
        return RedisSeenOnce(_redis_client(settings), name, ttl_s)
    if backend == "postgres":
        return PostgresSeenOnce(_postgres_pool(settings), name, ttl_s)
    if backend == "sqlite":
        return SqliteSeenOnce(settings.sqlite_path, name, ttl_s)
    return MemorySeenOnce(max_items, ttl_s)


def _check_name(name: str) -> None:
    if not _NAME.match(name):  # names become key prefixes: no ':' to blur two namespaces
        raise ValueError(f"limiter name {name!r}: use lower-case letters, digits and '_'")


def _spend(
    tokens: float, last: float, now: float, capacity: float, rate: float, cost: int
) -> tuple[float, float, float]:
    """Refill a bucket from ``last`` to ``now``, then spend ``cost`` (0 or 1) if a whole token
    is there. Returns (tokens left, time of this state, seconds to wait — 0 when allowed).

    A clock that went backwards refills nothing and does not move the bucket's time back, so
    a process whose wall clock lags cannot hand out extra tokens.
    """
    now = max(now, last)
    tokens = min(capacity, tokens + (now - last) * rate)
    if tokens < 1.0:
        return tokens, now, (1.0 - tokens) / rate
    return tokens - cost, now, 0.0


def redact_url(url: str) -> str:
    """``url`` with its password replaced by ``***``, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def _hide(text: str, *urls: str) -> str:
    """An error message with the URLs' passwords hidden (by default those of every server this
    process connected to), should a driver ever echo one."""
    for url in urls or (*_redis_clients, *_postgres_pools):
        password = urlsplit(url).password
        if password:
            text = text.replace(password, "***")
    return text


class _FailOpen:
    """Logs a shared backend's request-time errors, at most once a minute, so an outage is
    visible without writing one traceback per request; the caller then allows the request."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._lock = threading.Lock()
        self._last = -math.inf
        self._failures = 0

    def __call__(self, exc: BaseException) -> None:
        now = time.monotonic()
        with self._lock:
            self._failures += 1
            if now - self._last < FAILURE_LOG_EVERY_S:
                return
            failures, self._failures, self._last = self._failures, 0, now
        log.error(
            "%s failed (%s: %s); allowing the request (fail open); %d failure(s) since the "
            "last report",
            self.what,
            type(exc).__name__,
            _hide(str(exc)),
            failures,
        )


# --- memory (one process) -------------------------------------------------------------------


class MemoryRateLimiter:
    """:class:`RateLimiter` in this process's memory: correct only with one process.

    The default (one web process): a dict lookup under a lock, nothing on the network.
    """

    def __init__(self, per_minute: int, max_callers: int = 10_000) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.max_callers = max_callers
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def wait(self, identity: str) -> float:
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(identity, (self.capacity, now))
        return _spend(tokens, last, now, self.capacity, self.rate, 0)[2]

    def take(self, identity: str) -> float:
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(identity, (self.capacity, now))
            tokens, last, wait = _spend(tokens, last, now, self.capacity, self.rate, 1)
            self._buckets[identity] = (tokens, last)
            if wait == 0.0:
                self._trim(now)
            return wait

    def _trim(self, now: float) -> None:
        """Forget full buckets when too many callers are tracked (bounded memory)."""
        if len(self._buckets) <= self.max_callers:
            return
        full_after = self.capacity / self.rate
        for identity, (_, last) in list(self._buckets.items()):
            if now - last > full_after:
                del self._buckets[identity]


class MemorySeenOnce:
    """:class:`SeenOnce` in this process's memory, bounded to ``max_items`` keys.

    Every key lives ``ttl_s``, so insertion order is expiry order: expired keys are dropped
    from the front on each call, and the oldest go first when the set is full.
    """

    def __init__(self, max_items: int = 4096, ttl_s: float = 3600.0) -> None:
        self._expires: OrderedDict[str, float] = OrderedDict()
        self._max = max_items
        self._ttl = ttl_s
        self._lock = threading.Lock()

    def first(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            while self._expires:
                oldest, expires = next(iter(self._expires.items()))
                if expires > now:
                    break
                del self._expires[oldest]
            if key in self._expires:
                return False
            self._expires[key] = now + self._ttl
            while len(self._expires) > self._max:
                self._expires.popitem(last=False)
            return True


# --- Redis (every host) ----------------------------------------------------------------------

TOKEN_BUCKET_LUA = """
-- KEYS[1]: the bucket (a hash: tokens, at); ARGV: capacity, refill per second, cost (1 to
-- take, 0 to look). Returns the seconds to wait as a string ('0': allowed), since Redis would
-- truncate a Lua number to an integer. Runs atomically on the server, clocked by its TIME.
if redis.replicate_commands then redis.replicate_commands() end
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
elseif now > at then
  tokens = math.min(capacity, tokens + (now - at) * rate)
else
  now = at
end
if tokens < 1 then
  return string.format('%.6f', (1 - tokens) / rate)
end
if cost > 0 then
  tokens = tokens - cost
  redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens),
             'at', string.format('%.6f', now))
  -- gone when the bucket would be full again: a missing key means a full bucket
  redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((capacity - tokens) / rate * 1000)))
end
return '0'
"""

_redis_clients: dict[str, Redis] = {}
_postgres_pools: dict[str, ConnectionPool] = {}
_clients_lock = threading.Lock()


def _redis_client(settings: Settings) -> Redis:
    """One client (one connection pool) per URL per process, checked with PING when made."""
    assert settings.redis_url is not None
    url = settings.redis_url.get_secret_value()
    with _clients_lock:
        client = _redis_clients.get(url)
        if client is not None:
            return client
        try:
            import redis
            from redis.backoff import ExponentialBackoff
            from redis.retry import Retry
        except ImportError:
            raise CoordinationError(
                "ASSISTANT_REDIS_URL is set but the redis package is not installed: "
                "pip install 'strategy-assistant[shared]'"
            ) from None
        client = redis.Redis.from_url(
            url,
            socket_timeout=2.0,
            socket_connect_timeout=2.0,
            # one quick retry covers a pooled connection the server closed; no long backoff
            # on the request path (errors then fail open)
            retry=Retry(ExponentialBackoff(cap=0.1, base=0.01), 1),
            health_check_interval=30,
        )
        try:
            client.ping()
        except (redis.RedisError, OSError) as exc:
            client.close()
            raise CoordinationError(
                f"Cannot reach Redis at ASSISTANT_REDIS_URL={redact_url(url)}: "
                f"{_hide(str(exc), url)}"
            ) from None
        _redis_clients[url] = client
        return client


def _redis_errors() -> tuple[type[BaseException], ...]:
    from redis import RedisError

    return (RedisError, OSError)


class RedisRateLimiter:
    """:class:`RateLimiter` in Redis (every process on every host): one ``EVALSHA`` of
    :data:`TOKEN_BUCKET_LUA` per call; buckets expire when they would be full again."""

    def __init__(self, client: Redis, name: str, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.prefix = f"{KEY_PREFIX}:rate:{name}:"
        self._script = client.register_script(TOKEN_BUCKET_LUA)  # EVALSHA, loads on NOSCRIPT
        self._errors = _redis_errors()
        self._failed = _FailOpen(f"Redis rate limit {name!r}")

    def take(self, identity: str) -> float:
        return self._run(identity, 1)

    def wait(self, identity: str) -> float:
        return self._run(identity, 0)

    def _run(self, identity: str, cost: int) -> float:
        try:
            result = self._script(
                keys=[self.prefix + identity], args=[repr(self.capacity), repr(self.rate), cost]
            )
        except self._errors as exc:
            self._failed(exc)
            return 0.0
        return float(result.decode() if isinstance(result, bytes) else result)


class RedisSeenOnce:
    """:class:`SeenOnce` in Redis: ``SET key 1 NX EX ttl`` succeeds for exactly one caller."""

    def __init__(self, client: Redis, name: str, ttl_s: float) -> None:
        self._client = client
        self.prefix = f"{KEY_PREFIX}:seen:{name}:"
        self._ttl = max(1, math.ceil(ttl_s))
        self._errors = _redis_errors()
        self._failed = _FailOpen(f"Redis seen-once {name!r}")

    def first(self, key: str) -> bool:
        try:
            return bool(self._client.set(self.prefix + key, 1, nx=True, ex=self._ttl))
        except self._errors as exc:
            self._failed(exc)
            return True


# --- PostgreSQL (every host) -----------------------------------------------------------------

POSTGRES_SCHEMA = """
-- UNLOGGED: buckets are disposable (losing them in a crash only refills them), and skipping
-- the WAL keeps a write on every request cheap
CREATE UNLOGGED TABLE IF NOT EXISTS rate_buckets (
    name TEXT NOT NULL,
    identity TEXT NOT NULL,
    tokens DOUBLE PRECISION NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL,
    expires_at DOUBLE PRECISION NOT NULL,
    allowed BOOLEAN NOT NULL,
    PRIMARY KEY (name, identity)
);
CREATE INDEX IF NOT EXISTS rate_buckets_expires ON rate_buckets (expires_at);
CREATE TABLE IF NOT EXISTS seen_keys (
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    expires_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (name, key)
);
CREATE INDEX IF NOT EXISTS seen_keys_expires ON seen_keys (expires_at);
"""
_SCHEMA_LOCK = 0x61_73_73_72  # advisory lock: concurrent CREATE … IF NOT EXISTS can collide

_NOW = "extract(epoch FROM clock_timestamp())::float8"

# One statement, so the row lock makes it atomic. A new row starts full and spends one; an
# existing one refills from its time to now (never backwards), spends one if it can, and
# records whether it did (``allowed``), since RETURNING only sees the new row.
POSTGRES_TAKE = f"""
INSERT INTO rate_buckets AS b (name, identity, tokens, updated_at, expires_at, allowed)
SELECT %(name)s, %(identity)s, %(capacity)s - 1, clock.t, clock.t + 1 / %(rate)s, true
FROM (SELECT {_NOW} AS t) AS clock
ON CONFLICT (name, identity) DO UPDATE
SET (tokens, updated_at, expires_at, allowed) = (
    SELECT level - spent, t, t + (%(capacity)s - level + spent) / %(rate)s, spent = 1
    FROM (
        SELECT level, t, CASE WHEN level >= 1 THEN 1 ELSE 0 END AS spent
        FROM (
            SELECT LEAST(%(capacity)s, b.tokens
                         + GREATEST(0, EXCLUDED.updated_at - b.updated_at) * %(rate)s) AS level,
                   GREATEST(EXCLUDED.updated_at, b.updated_at) AS t
        ) AS refill
    ) AS take
)
RETURNING tokens, allowed
"""
POSTGRES_WAIT = f"""
SELECT LEAST(%(capacity)s, tokens + GREATEST(0, {_NOW} - updated_at) * %(rate)s)
FROM rate_buckets WHERE name = %(name)s AND identity = %(identity)s
"""
# inserted, or the old row had expired and is renewed: a row comes back; else none does
POSTGRES_FIRST = f"""
INSERT INTO seen_keys AS s (name, key, expires_at)
SELECT %(name)s, %(key)s, clock.t + %(ttl)s FROM (SELECT {_NOW} AS t) AS clock
ON CONFLICT (name, key) DO UPDATE SET expires_at = EXCLUDED.expires_at
WHERE s.expires_at <= EXCLUDED.expires_at - %(ttl)s
RETURNING 1
"""


def _postgres_pool(settings: Settings) -> ConnectionPool:
    """One small pool per URL per process, made after one direct connection has created the
    tables (a direct connection also gives the driver's own reason when it fails)."""
    assert settings.database_url is not None
    url = settings.database_url.get_secret_value()
    with _clients_lock:
        pool = _postgres_pools.get(url)
        if pool is not None:
            return pool
        try:
            import psycopg
            from psycopg_pool import ConnectionPool
        except ImportError:
            raise CoordinationError(
                "ASSISTANT_DATABASE_URL is set but psycopg is not installed: "
                "pip install 'strategy-assistant[shared]'"
            ) from None
        try:
            with (
                psycopg.connect(url, connect_timeout=5, autocommit=True) as conn,
                conn.transaction(),
            ):
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                conn.execute(POSTGRES_SCHEMA)
        except psycopg.Error as exc:
            raise CoordinationError(
                f"Cannot use PostgreSQL at ASSISTANT_DATABASE_URL={redact_url(url)} for the "
                f"shared rate limits: {_hide(str(exc), url)}"
            ) from None
        pool = ConnectionPool(
            url,
            min_size=1,
            max_size=8,
            kwargs={"autocommit": True, "connect_timeout": 5},
            timeout=5.0,  # waiting for a free connection; then fail open
            name="assistant-coordination",
            open=True,
        )
        _postgres_pools[url] = pool
        return pool


def _postgres_errors() -> tuple[type[BaseException], ...]:
    from psycopg import Error

    return (Error, OSError)  # PoolTimeout is a psycopg.OperationalError


class _PostgresState:
    """A pool, fail-open reporting, and trimming of expired rows now and then."""

    def __init__(self, pool: ConnectionPool, name: str, what: str) -> None:
        self.name = name
        self._pool = pool
        self._errors = _postgres_errors()
        self._failed = _FailOpen(f"PostgreSQL {what} {name!r}")
        self._next_trim = 0.0

    def _trim(self, conn: psycopg.Connection[Any], table: str) -> None:
        """Delete this name's expired rows, at most every :data:`TRIM_EVERY_S` per process.
        A failure here is reported but never changes the answer already computed."""
        now = time.monotonic()
        if now < self._next_trim:
            return
        self._next_trim = now + TRIM_EVERY_S
        try:
            conn.execute(
                f"DELETE FROM {table} WHERE name = %s AND expires_at < {_NOW}", (self.name,)
            )
        except self._errors as exc:
            self._failed(exc)


class PostgresRateLimiter(_PostgresState):
    """:class:`RateLimiter` in PostgreSQL (every process on every host): one upsert per
    ``take``, clocked by the database's ``clock_timestamp()``."""

    def __init__(self, pool: ConnectionPool, name: str, per_minute: int) -> None:
        super().__init__(pool, name, "rate limit")
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0

    def _params(self, identity: str) -> dict[str, object]:
        return {
            "name": self.name,
            "identity": identity,
            "capacity": self.capacity,
            "rate": self.rate,
        }

    def take(self, identity: str) -> float:
        try:
            with self._pool.connection() as conn:
                row = conn.execute(POSTGRES_TAKE, self._params(identity)).fetchone()
                self._trim(conn, "rate_buckets")
        except self._errors as exc:
            self._failed(exc)
            return 0.0
        assert row is not None
        tokens, allowed = row
        return 0.0 if allowed else (1.0 - float(tokens)) / self.rate

    def wait(self, identity: str) -> float:
        try:
            with self._pool.connection() as conn:
                row = conn.execute(POSTGRES_WAIT, self._params(identity)).fetchone()
        except self._errors as exc:
            self._failed(exc)
            return 0.0
        tokens = self.capacity if row is None else float(row[0])
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate


class PostgresSeenOnce(_PostgresState):
    """:class:`SeenOnce` in PostgreSQL: the upsert returns a row for exactly one caller."""

    def __init__(self, pool: ConnectionPool, name: str, ttl_s: float) -> None:
        super().__init__(pool, name, "seen-once")
        self._ttl = float(ttl_s)

    def first(self, key: str) -> bool:
        try:
            with self._pool.connection() as conn:
                params = {"name": self.name, "key": key, "ttl": self._ttl}
                row = conn.execute(POSTGRES_FIRST, params).fetchone()
                self._trim(conn, "seen_keys")
        except self._errors as exc:
            self._failed(exc)
            return True
        return row is not None


# --- SQLite state file (every process of one host) ----------------------------------------------

SQLITE_SCHEMA = """
PRAGMA journal_mode=WAL;
CREATE TABLE IF NOT EXISTS rate_buckets (
    name TEXT NOT NULL,
    identity TEXT NOT NULL,
    tokens REAL NOT NULL,
    updated_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    PRIMARY KEY (name, identity)
);
CREATE INDEX IF NOT EXISTS rate_buckets_expires ON rate_buckets (expires_at);
CREATE TABLE IF NOT EXISTS seen_keys (
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    expires_at REAL NOT NULL,
    PRIMARY KEY (name, key)
);
CREATE INDEX IF NOT EXISTS seen_keys_expires ON seen_keys (expires_at);
"""


class _SqliteState:
    """The state file's coordination tables: one connection per thread, short ``BEGIN
    IMMEDIATE`` transactions (the write lock is taken first, so read-modify-write is atomic
    between processes), timed by the wall clock that every process of the host shares."""

    table: str

    def __init__(self, path: Path, name: str) -> None:
        self.path = path
        self.name = name
        self._local = threading.local()
        self._failed = _FailOpen(f"SQLite {self.table} {name!r} in {path}")
        self._next_trim = 0.0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            ensure_schema(path, SQLITE_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise CoordinationError(
                f"Cannot keep shared rate limits in the SQLite state file {path} "
                f"(ASSISTANT_DATA_DIR, needed with ASSISTANT_WORKERS > 1): {exc}"
            ) from exc

    def _db(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=SQLITE_BUSY_TIMEOUT_S, isolation_level=None)
            # WAL + NORMAL: no fsync per request; a power cut may lose the last few takes
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    @contextmanager
    def _transaction(self) -> Iterator[tuple[sqlite3.Connection, float]]:
        """The connection inside ``BEGIN IMMEDIATE`` and the time read after the lock was
        taken, so times grow in the order transactions commit."""
        with immediate_transaction(self._db()) as db:
            now = time.time()
            yield db, now
            if now >= self._next_trim:
                self._next_trim = now + TRIM_EVERY_S
                db.execute(
                    f"DELETE FROM {self.table} WHERE name = ? AND expires_at < ?",
                    (self.name, now),
                )


class SqliteRateLimiter(_SqliteState):
    """:class:`RateLimiter` in the SQLite state file: every process of one host."""

    table = "rate_buckets"

    def __init__(self, path: Path, name: str, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        super().__init__(path, name)

    def take(self, identity: str) -> float:
        try:
            with self._transaction() as (db, now):
                row = db.execute(
                    "SELECT tokens, updated_at FROM rate_buckets WHERE name = ? AND identity = ?",
                    (self.name, identity),
                ).fetchone()
                tokens, last = row if row is not None else (self.capacity, now)
                tokens, last, wait = _spend(tokens, last, now, self.capacity, self.rate, 1)
                if wait == 0.0:  # a refusal changes nothing: the bucket refills continuously
                    db.execute(
                        "INSERT INTO rate_buckets VALUES (?, ?, ?, ?, ?) "
                        "ON CONFLICT (name, identity) DO UPDATE SET tokens = excluded.tokens, "
                        "updated_at = excluded.updated_at, expires_at = excluded.expires_at",
                        (
                            self.name,
                            identity,
                            tokens,
                            last,
                            last + (self.capacity - tokens) / self.rate,
                        ),
                    )
                return wait
        except sqlite3.Error as exc:
            self._failed(exc)
            return 0.0

    def wait(self, identity: str) -> float:
        try:
            row = (
                self._db()
                .execute(
                    "SELECT tokens, updated_at FROM rate_buckets WHERE name = ? AND identity = ?",
                    (self.name, identity),
                )
                .fetchone()
            )
        except sqlite3.Error as exc:
            self._failed(exc)
            return 0.0
        if row is None:
            return 0.0
        return _spend(row[0], row[1], time.time(), self.capacity, self.rate, 0)[2]


class SqliteSeenOnce(_SqliteState):
    """:class:`SeenOnce` in the SQLite state file: every process of one host."""

    table = "seen_keys"

    def __init__(self, path: Path, name: str, ttl_s: float) -> None:
        self._ttl = float(ttl_s)
        super().__init__(path, name)

    def first(self, key: str) -> bool:
        try:
            with self._transaction() as (db, now):
                # changes one row when the key is new or its old entry expired, else none
                cursor = db.execute(
                    "INSERT INTO seen_keys VALUES (?, ?, ?) ON CONFLICT (name, key) "
                    "DO UPDATE SET expires_at = excluded.expires_at "
                    "WHERE seen_keys.expires_at <= ?",
                    (self.name, key, now + self._ttl, now),
                )
                return cursor.rowcount == 1
        except sqlite3.Error as exc:
            self._failed(exc)
            return True
