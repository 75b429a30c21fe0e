"""Public API for readers beyond commenting: recommendations, and counts for teaser pages."""

import hashlib
import json

from django.conf import settings
from django.db.models import Count, Q
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from freigabe import ratelimit
from freigabe.accounts.sso import SsoError, verify_reader_token
from freigabe.articles.models import Article, Site
from freigabe.comments.models import Status
from freigabe.comments.recommendations import (
    BadReader,
    NotRecommendable,
    guest_key,
    recommend,
    released_comment,
    signed_in_key,
    take_back,
)
from freigabe.comments.responses import public_json
from freigabe.http import ApiId, client_ip, ip_hash

router = Router(tags=["readers"])

MAX_COUNT_ARTICLES = 100


class Detail(Schema):
    detail: str


class ReaderIn(Schema):
    # Who recommends: a signed-in reader's token, else the guest token the widget keeps.
    # Either may come as a header instead (X-Freigabe-Sso, X-Freigabe-Reader).
    reader_token: str = Field(default="", max_length=200)
    sso_token: str = Field(default="", max_length=8000)


class RecommendationsOut(Schema):
    id: int
    recommendations: int


class CountsOut(Schema):
    counts: dict[str, int]


RECOMMENDATION_ANSWERS = {200: RecommendationsOut, 401: Detail, 404: Detail, 422: Detail, 429: Detail}


@router.post(
    "comments/{comment_id}/recommendations",
    response=RECOMMENDATION_ANSWERS,
    summary="Recommend a published comment (once per reader; a repeat changes nothing)",
)
def post_recommendation(request, comment_id: ApiId, payload: ReaderIn = None):
    return _recommendation(request, comment_id, payload, recommend)


@router.delete(
    "comments/{comment_id}/recommendations",
    response=RECOMMENDATION_ANSWERS,
    summary="Take one's recommendation of a comment back",
)
def delete_recommendation(request, comment_id: ApiId, payload: ReaderIn = None):
    return _recommendation(
        request, comment_id, payload, lambda comment, key, _address: take_back(comment, key)
    )


def _recommendation(request, comment_id, payload, change):
    address = ip_hash(client_ip(request))
    wait = ratelimit.hit("recommendation-ip", address, settings.FREIGABE_RATE_RECOMMENDATIONS)
    if wait:
        return ratelimit.too_many(wait, "recommendations")
    try:
        comment = released_comment(comment_id)
    except NotRecommendable as missing:
        raise HttpError(404, str(missing)) from None
    key, guest_address = _reader_key(request, payload or ReaderIn(), comment.article.site, address)
    return {"id": comment.pk, "recommendations": change(comment, key, guest_address)}


def _reader_key(request, payload, site, address):
    """(reader key, address hash for guests or '' for signed-in readers)."""
    sso_token = payload.sso_token or request.headers.get("X-Freigabe-Sso", "")
    if sso_token:
        try:
            reader = verify_reader_token(site, sso_token)
        except SsoError as exc:
            raise HttpError(401, str(exc)) from None
        return signed_in_key(site.slug, reader.external_id), ""
    try:
        return guest_key(payload.reader_token or request.headers.get("X-Freigabe-Reader", "")), address
    except BadReader as bad:
        raise HttpError(422, str(bad)) from None


@router.get(
    "sites/{site}/counts",
    response={200: CountsOut, 304: None, 404: Detail, 422: Detail},
    summary="Numbers of published comments for up to 100 articles (teaser pages)",
)
def article_counts(request, site: str, articles: str = ""):
    """`articles`: comma-separated article ids. Unknown ids are left out of the answer."""
    ids = list(dict.fromkeys(part.strip() for part in articles.split(",") if part.strip()))
    if not ids:
        raise HttpError(422, "Give the article ids: ?articles=ID,ID,...")
    if len(ids) > MAX_COUNT_ARTICLES:
        raise HttpError(422, f"At most {MAX_COUNT_ARTICLES} articles per request ({len(ids)} given).")
    site_id = Site.objects.filter(slug=site).values_list("pk", flat=True).first()
    if site_id is None:
        raise HttpError(404, f"Unknown site '{site}'.")
    body = json.dumps(
        {"counts": released_counts(site_id, ids)}, ensure_ascii=False, separators=(",", ":")
    ).encode()
    return public_json(request, body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')


def released_counts(site_id, external_ids):
    """{article id: released comments} as the thread counts them (not under a hidden parent)."""
    public = Q(comments__status=Status.RELEASED) & (
        Q(comments__parent__isnull=True) | Q(comments__parent__status=Status.RELEASED)
    )
    rows = (
        Article.objects.filter(site_id=site_id, external_id__in=external_ids)
        .annotate(released=Count("comments", filter=public))
        .values_list("external_id", "released")
    )
    return {external_id: released for external_id, released in rows}
