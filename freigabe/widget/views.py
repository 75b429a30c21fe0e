"""The reader widget's script and stylesheet, and a demo article page that embeds it.

The assets are served by a view (not only under /static/) so that the embed snippet's URL,
`/widget/embed.js`, never changes and never redirects, whatever the static file setup.
"""

import gzip
import hashlib
from functools import lru_cache
from pathlib import Path

from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.views.decorators.http import require_safe

from freigabe.articles.models import Article
from freigabe.articles.registration import article_token

ASSET_DIR = Path(__file__).resolve().parent / "static" / "widget"
ASSET_TYPES = {
    "embed.js": "text/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
    "count.js": "text/javascript; charset=utf-8",
}
# Publishers cannot change the snippet on every page, so the URL is stable and the
# browser re-checks it hourly; the ETag keeps those checks cheap.
ASSET_MAX_AGE = 3600

DEMO_SITE = "demo"
DEMO_ARTICLE = "radwege-innenstadt"
# The demo page loads nothing from elsewhere; the widget must work under a strict policy.
DEMO_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


class Asset:
    def __init__(self, raw):
        self.raw = raw
        self.gzipped = gzip.compress(raw, compresslevel=9, mtime=0)
        self.etag = '"' + hashlib.sha256(raw).hexdigest()[:24] + '"'


@lru_cache(maxsize=len(ASSET_TYPES))
def _load_asset(name, modified_ns):
    # Keyed by the file's mtime, so an edited file is picked up without a restart.
    return Asset((ASSET_DIR / name).read_bytes())


def load_asset(name):
    path = ASSET_DIR / name
    return _load_asset(name, path.stat().st_mtime_ns)


def _accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


@require_safe
def widget_asset(request, name):
    asset = load_asset(name)
    gzipped = _accepts_gzip(request)
    etag = asset.etag[:-1] + '-gz"' if gzipped else asset.etag
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(asset.gzipped if gzipped else asset.raw, content_type=ASSET_TYPES[name])
        if gzipped:
            response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    response["Vary"] = "Accept-Encoding"
    response["Cache-Control"] = f"public, max-age={ASSET_MAX_AGE}"
    # The script is public code embedded on publishers' pages; any page may load it.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@require_safe
def demo_article(request):
    """A news article page as a publisher would build it, with the widget embedded."""
    article = (
        Article.objects.select_related("site").filter(site__slug=DEMO_SITE, external_id=DEMO_ARTICLE).first()
    )
    if article is None:
        response = render(request, "widget/demo_missing.html", status=404)
    else:
        response = render(request, "widget/demo.html", demo_context(request, article))
    response["Content-Security-Policy"] = DEMO_CSP
    return response


def demo_context(request, article):
    metadata = article.metadata or {}
    return {
        "article": article,
        "paragraphs": [part.strip() for part in article.body.split("\n\n") if part.strip()],
        "authors": metadata.get("authors") or [],
        "agencies": metadata.get("agencies") or ["dpa"],
        "image_caption": metadata.get("image_caption")
        or "Auf der Lindenallee sollen breite, geschützte Radwege entstehen.",
        "image_credit": metadata.get("image_credit") or "Foto: Freigabe-Demo",
        "embed_src": request.build_absolute_uri("/widget/embed.js"),
        # What the publisher's CMS computes with its API key (docs/widget.md).
        "article_token": article_token(article.site.api_key_hash, article.site.slug, article.external_id),
    }
