"""Fixed-window rate limits kept in Django's cache (shared by all servers when it is Redis)."""

import hashlib
import json
import time
from dataclasses import dataclass

from django.core.cache import caches
from django.http import HttpResponse


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
    if isinstance(rate, str):
        rate = Rate.parse(rate)
    now = time.time()
    window = int(now // rate.seconds)
    # Hashed: the identity may be an email address, unfit (and too personal) for a cache key.
    digest = hashlib.sha256(str(ident).encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}:{window}"
    cache = caches["shared"]
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count > rate.count:
        return max(1, int((window + 1) * rate.seconds - now) + 1)
    return 0


def too_many(retry_after, what):
    """The 429 answer of every rate-limited endpoint, with when to try again."""
    response = HttpResponse(
        json.dumps({"detail": f"Too many {what} from you in a short time. "
                              "Please wait a moment."}),
        status=429, content_type="application/json")
    response["Retry-After"] = str(retry_after)
    return response
