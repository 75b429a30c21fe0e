"""The public thread of an article, rendered once per version and kept in the cache.

The key includes the article's `thread_version`, which every decision bumps in the
database; so each worker's cache is correct without any cross-process invalidation.
"""

import gzip
import hashlib
import json

from django.core.cache import cache
from django.db.models import F

from freigabe.articles.models import Article

THREAD_SECONDS = 600


def cached_page(article, key_extra, render):
    """(body, etag, gzipped body) of one page of the public thread, rendering on a miss.

    The page's ETag is also kept on its own, small key: a conditional request that
    matches it (most of a live widget's polls) is answered without loading the body.
    """
    key = page_key(article, key_extra)
    hit = cache.get(key)
    if hit is not None:
        return hit
    payload = json.dumps(render(), ensure_ascii=False, separators=(",", ":")).encode()
    entry = (
        payload,
        '"' + hashlib.sha256(payload).hexdigest()[:32] + '"',
        gzip.compress(payload, compresslevel=6, mtime=0),
    )
    cache.set_many({key: entry, key + ":etag": entry[1]}, THREAD_SECONDS)
    return entry


def cached_page_etag(article, key_extra):
    """The ETag of a page rendered before, or None (then the caller renders it)."""
    return cache.get(page_key(article, key_extra) + ":etag")


def page_key(article, key_extra):
    return f"thread-page:{article.pk}:{article.thread_version}:{key_extra}"


def bump_thread_version(article_id):
    Article.objects.filter(pk=article_id).update(thread_version=F("thread_version") + 1)
