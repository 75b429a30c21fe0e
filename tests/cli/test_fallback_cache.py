"""The Redis cache falls back to a process-local one, logged, when Redis cannot be reached."""

import logging
import socket

from freigabe.fallback_cache import FallbackRedisCache
from freigabe.ratelimit import Rate, hit


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_without_redis_the_cache_still_works_and_says_so_once(caplog):
    cache = FallbackRedisCache(f"redis://127.0.0.1:{closed_port()}/0", {})
    with caplog.at_level(logging.ERROR, logger="freigabe.cache"):
        assert cache.get("missing") is None
        assert cache.add("counter", 0, 60)
        assert cache.incr("counter") == 1
        cache.set_many({"a": 1, "b": 2})
        assert cache.get_many(["a", "b"]) == {"a": 1, "b": 2}
        cache.delete("a")
        assert cache.get("a") is None
    degraded = [r for r in caplog.records if "degraded" in r.getMessage()]
    assert len(degraded) == 1


def test_rate_limits_hold_per_process_while_redis_is_down(settings):
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "freigabe.fallback_cache.FallbackRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        },
    }
    rate = Rate(3, 600)
    waits = [hit("test-comments", "198.51.100.9", rate) for _ in range(4)]
    assert waits[:3] == [0, 0, 0] and waits[3] > 0
