"""The Redis cache, degraded to a process-local one while Redis cannot be reached.

Freigabe keeps nothing in the cache that it cannot lose: rendered threads (their keys carry
the thread version from the database), rate-limit counters and short-lived lookups. So when
Redis is down the site keeps accepting and showing comments: each process counts rate limits
and caches on its own (limits then hold per process, not across servers), a warning is
logged once per outage, and Redis is tried again every few seconds.
"""

import logging
import time
from urllib.parse import urlsplit

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

log = logging.getLogger("freigabe.cache")

# How long to use the local cache after a failure before trying Redis again.
RETRY_SECONDS = 5.0


def _unreachable_errors():
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        # A Redis that hangs must not hang the request: fail fast and fall back.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        where = urlsplit(server.split(",")[0])
        self._where = f"{where.hostname}:{where.port or 6379}"  # never the password
        self._local = LocMemCache(f"fallback:{server}", {"OPTIONS": {"MAX_ENTRIES": 5000}})
        self._errors = _unreachable_errors()
        self._retry_at = 0.0
        self._degraded = False

    def _call(self, name, *args, **kwargs):
        if time.monotonic() >= self._retry_at:
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except self._errors as error:
                self._fall_back(error)
            else:
                if self._degraded:
                    self._degraded = False
                    log.warning("cache reachable again, shared cache restored", extra={"cache": self._where})
                return result
        return getattr(self._local, name)(*args, **kwargs)

    def _fall_back(self, error):
        self._retry_at = time.monotonic() + RETRY_SECONDS
        if not self._degraded:
            self._degraded = True
            log.error(
                "cache unreachable: degraded to a process-local cache "
                "(rate limits per process until it is back)",
                extra={"cache": self._where, "error": f"{type(error).__name__}: {error}"},
            )

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        self._local.clear()
        return self._call("clear")
