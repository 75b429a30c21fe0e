"""Answers for the public JSON reads (thread pages, counts): ETag, caching, compression.

Only these public, cookie-free answers are compressed: a compressed page that mixed a
secret (a CSRF token) with text an attacker can inject would leak the secret (BREACH).
"""

import gzip

from django.http import HttpResponse

CACHE_CONTROL = "public, max-age=10, stale-while-revalidate=30"
GZIP_SUFFIX = '-gz"'
# Below this, compressing costs more than the bytes it saves.
MIN_GZIP_BYTES = 1024


def accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def sent_etags(request):
    """If-None-Match as {tag without W/ and gzip suffix: tag as sent}."""
    header = request.headers.get("If-None-Match", "")
    tags = {}
    for sent in header.split(","):
        tag = sent.strip().removeprefix("W/")
        if tag.endswith(GZIP_SUFFIX):
            tag = tag[: -len(GZIP_SUFFIX)] + '"'
        if tag:
            tags[tag] = sent.strip().removeprefix("W/")
    return tags


def not_modified(request, etag):
    """304 for a client that already has this version, else None."""
    sent = sent_etags(request).get(etag) if etag is not None else None
    if sent is None:
        return None
    response = _headers(HttpResponse(status=304), etag, False)
    response["ETag"] = sent  # the representation the client holds
    return response


def public_json(request, body, etag, gzipped=None):
    """200 with the JSON body, gzipped when the client accepts it, or 304 if unchanged."""
    unchanged = not_modified(request, etag)
    if unchanged is not None:
        return unchanged
    compress = accepts_gzip(request) and len(body) >= MIN_GZIP_BYTES
    if compress:
        body = gzipped if gzipped is not None else gzip.compress(body, 6, mtime=0)
    response = HttpResponse(body, content_type="application/json")
    if compress:
        response["Content-Encoding"] = "gzip"
    return _headers(response, etag, compress)


def _headers(response, etag, gzipped):
    # A strong ETag names one representation: the gzipped body gets its own.
    response["ETag"] = etag[:-1] + GZIP_SUFFIX if gzipped else etag
    response["Cache-Control"] = CACHE_CONTROL
    response["Vary"] = "Accept-Encoding"
    return response
