"""The public thread of an article, rendered once and kept in the cache until a decision."""

import hashlib
import json

from django.core.cache import cache

THREAD_SECONDS = 300


def thread_key(article_id):
    return f"thread:{article_id}"


def cached_thread(article_id, render):
    """Return (body bytes, etag) for the article's public thread, rendering on a miss."""
    key = thread_key(article_id)
    hit = cache.get(key)
    if hit is not None:
        return hit
    payload = json.dumps(render(), ensure_ascii=False, separators=(",", ":")).encode()
    entry = (payload, '"' + hashlib.sha256(payload).hexdigest()[:32] + '"')
    cache.set(key, entry, THREAD_SECONDS)
    return entry


def forget_thread(article_id):
    cache.delete(thread_key(article_id))
