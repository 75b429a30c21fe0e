"""Fixed-window rate limits shared by every worker and server.

With Redis or memcached (`FREIGABE_CACHE_URL`) the counters live there. Without, they
live in one database table, counted by a single atomic statement per request (an upsert
that returns the new counts), so two workers can never both see the same count. If the
configured cache fails, the database counts instead: the limits still hold, degraded.
"""

import hashlib
import json
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse

log = logging.getLogger(__name__)

TABLE = "freigabe_rate_counter"


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text):
        count, seconds = text.split("/")
        return cls(int(count), int(seconds))


def hit(scope, ident, rate):
    """Count one request; return the seconds to wait if the limit is exceeded, else 0."""
    return hit_all([(scope, ident, rate)])


def hit_all(limits):
    """Count one request against each (scope, ident, rate); return the longest wait, or 0.

    Every limit is counted, also when an earlier one is exceeded, in one round trip when
    the counters are in the database.
    """
    now = time.time()
    # One window per key: a limit listed twice counts once (PostgreSQL refuses an upsert
    # that touches the same row twice).
    windows = list(
        {
            window.key: window
            for window in (_window(scope, ident, rate, now) for scope, ident, rate in limits)
        }.values()
    )
    if not windows:
        return 0
    counts = _count(windows)
    return max((window.wait(counts[window.key], now) for window in windows), default=0)


def current(limits):
    """[(count so far, seconds until the window ends)] for each (scope, ident, rate),
    without counting this request (for limits that count failures, e.g. logins)."""
    now = time.time()
    windows = [_window(scope, ident, rate, now) for scope, ident, rate in limits]
    counts = _read(windows)
    return [(counts.get(window.key, 0), max(1, int(window.ends_at - now) + 1)) for window in windows]


def _read(windows):
    keys = [window.key for window in windows]
    if _uses_cache():
        try:
            found = caches["shared"].get_many(["ratelimit:" + key for key in keys])
            return {key.removeprefix("ratelimit:"): count for key, count in found.items()}
        except Exception:  # noqa: BLE001 - as in _count: the database stands in
            log.warning("rate-limit cache unavailable; reading the database", exc_info=True)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT bucket, hits FROM {TABLE} WHERE bucket IN ({', '.join(['%s'] * len(keys))})", keys
        )
        return dict(cursor.fetchall())


def reset():
    """Forget every counter (tests; an operator lifting all limits at once)."""
    caches["shared"].clear()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")


@dataclass(frozen=True)
class _Window:
    key: str
    rate: Rate
    number: int

    @property
    def ends_at(self):
        return (self.number + 1) * self.rate.seconds

    def wait(self, count, now):
        if count > self.rate.count:
            return max(1, int(self.ends_at - now) + 1)
        return 0


def _window(scope, ident, rate, now):
    if isinstance(rate, str):
        rate = Rate.parse(rate)
    number = int(now // rate.seconds)
    # Hashed: the identity may be an email address, unfit (and too personal) for a key.
    digest = hashlib.sha256(str(ident).encode()).hexdigest()[:32]
    return _Window(f"{scope}:{digest}:{number}", rate, number)


def _count(windows):
    """{key: count after this request} for each window."""
    if _uses_cache():
        try:
            return {window.key: _cache_incr(window) for window in windows}
        except Exception:  # noqa: BLE001 - a cache outage must not stop comments
            log.warning("rate-limit cache unavailable; counting in the database", exc_info=True)
    return _database_incr(windows)


def _uses_cache():
    return not settings.CACHES["shared"]["BACKEND"].endswith("DatabaseCache")


def _cache_incr(window):
    cache = caches["shared"]
    key = "ratelimit:" + window.key
    try:
        return cache.incr(key)  # one round trip while the window's counter exists
    except ValueError:
        if cache.add(key, 1, timeout=window.rate.seconds + 1):
            return 1
        return cache.incr(key)  # another request created it first


# SQLite (3.35+) and PostgreSQL both take this upsert with RETURNING.
_UPSERT = (
    f"INSERT INTO {TABLE} (bucket, hits, expires_at) VALUES {{rows}}"
    f" ON CONFLICT (bucket) DO UPDATE SET hits = {TABLE}.hits + 1 RETURNING bucket, hits"
)


def _database_incr(windows):
    rows = ", ".join(["(%s, 1, %s)"] * len(windows))
    params = [value for window in windows for value in (window.key, window.ends_at + 1)]
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT.format(rows=rows), params)
        counts = dict(cursor.fetchall())
        if 1 in counts.values():
            # A new window began for someone: drop the counters of windows that ended.
            cursor.execute(f"DELETE FROM {TABLE} WHERE expires_at < %s", [int(time.time())])
    return counts


def too_many(retry_after, what):
    """The 429 answer of every rate-limited endpoint, with when to try again."""
    response = HttpResponse(
        json.dumps({"detail": f"Too many {what} from you in a short time. Please wait a moment."}),
        status=429,
        content_type="application/json",
    )
    response["Retry-After"] = str(retry_after)
    return response
