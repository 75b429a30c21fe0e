"""Which page origins may use the public API for a given path (the widget's CORS policy)."""

import re

from django.core.cache import cache

from freigabe.articles.models import Site
from freigabe.comments.models import Comment

SITE_PATH = re.compile(r"^/api/v1/sites/(?P<slug>[-\w]+)(?:/|$)")
COMMENT_PATH = re.compile(r"^/api/v1/comments/(?P<pk>\d+)/")
CACHE_SECONDS = 30


def allowed_origins_for_path(path):
    match = SITE_PATH.match(path)
    if match:
        return origins_of_site(match["slug"])
    match = COMMENT_PATH.match(path)
    if match:
        slug = Comment.objects.filter(pk=match["pk"]).values_list("article__site__slug", flat=True).first()
        return origins_of_site(slug) if slug else ()
    return ()


def origins_of_site(slug):
    key = f"site-origins:{slug}"
    origins = cache.get(key)
    if origins is None:
        stored = Site.objects.filter(slug=slug).values_list("allowed_origins", flat=True).first()
        origins = tuple(stored or ())
        cache.set(key, origins, CACHE_SECONDS)
    return origins


def forget_site_origins(slug):
    cache.delete(f"site-origins:{slug}")
