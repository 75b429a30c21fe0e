"""The public thread of an article, rendered once per version and kept in the cache.

The key includes the article's `thread_version`, which every decision bumps in the
database; so each worker's cache is correct without any cross-process invalidation.
"""

import hashlib
import json

from django.core.cache import cache
from django.db.models import F

THREAD_SECONDS = 600


def cached_thread(article, render):
    """Return (body bytes, etag) for the article's public thread, rendering on a miss."""
    key = f"thread:{article.pk}:{article.thread_version}"
    hit = cache.get(key)
    if hit is not None:
        return hit
    payload = json.dumps(render(), ensure_ascii=False, separators=(",", ":")).encode()
    entry = (payload, '"' + hashlib.sha256(payload).hexdigest()[:32] + '"')
    cache.set(key, entry, THREAD_SECONDS)
    return entry


def bump_thread_version(article_id):
    from freigabe.articles.models import Article

    Article.objects.filter(pk=article_id).update(thread_version=F("thread_version") + 1)
