"""Publisher API: register and update articles; public site information for the widget."""

from datetime import datetime
from typing import Annotated

from django.conf import settings
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import AfterValidator, Field

from freigabe import ratelimit
from freigabe.articles.models import Article, Site
from freigabe.articles.registration import token_is_valid
from freigabe.articles.review_hours import ReviewHours
from freigabe.articles.rules import ASSESSED_RULES, OTHER, rule_label
from freigabe.articles.services import is_web_url, register_unknown_article, upsert_article
from freigabe.comments.services import MAX_NAME_CHARS
from freigabe.http import client_ip, ip_hash

router = Router(tags=["articles"])

ARTICLE_ID = r"^[^/]{1,200}$"


def web_url(url):
    """Pydantic check for article URLs: empty or an absolute http(s) URL, else 422."""
    if url and not is_web_url(url):
        raise ValueError("the article URL must be an absolute http:// or https:// URL")
    return url


WebUrl = Annotated[str, AfterValidator(web_url)]


class ArticleIn(Schema):
    title: str = Field(min_length=1, max_length=500)
    url: WebUrl = Field(default="", max_length=1000)
    body: str = Field(default="", max_length=500_000)
    published_at: datetime | None = None
    comments_open: bool = True
    # The newsroom's section ("Politik"); left out, an article keeps the one it has.
    section: str | None = Field(default=None, max_length=100)


class ArticleOut(Schema):
    id: str
    site: str
    title: str
    url: str
    body: str
    published_at: datetime | None
    comments_open: bool
    text_missing: bool
    section: str


class RuleOut(Schema):
    code: str
    label: str
    label_en: str


class ReviewHoursOut(Schema):
    always: bool
    timezone: str
    text: dict[str, str]


class LimitsOut(Schema):
    max_comment_chars: int
    max_name_chars: int


class SiteOut(Schema):
    slug: str
    name: str
    guidelines: str
    rules: list[RuleOut]
    review_hours: ReviewHoursOut
    limits: LimitsOut  # what a submission may hold; the widget sets its fields from these


def publisher_site(request, slug):
    """The site named in the path, if the request carries its API key."""
    site = Site.objects.filter(slug=slug).first()
    if site is None:
        raise HttpError(404, f"Unknown site '{slug}'.")
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise HttpError(401, "Missing API key: send 'Authorization: Bearer <api_key>'.")
    if not site.key_matches(key.strip()):
        raise HttpError(403, "The API key is not valid for this site.")
    return site


def article_out(article):
    return {
        "id": article.external_id,
        "site": article.site.slug,
        "title": article.title,
        "url": article.url,
        "body": article.body,
        "published_at": article.published_at,
        "comments_open": article.comments_open,
        "text_missing": article.text_missing,
        "section": article.section,
    }


@router.put(
    "sites/{site}/articles/{article_id}",
    response={200: ArticleOut, 201: ArticleOut},
    summary="Create or update an article (publisher)",
)
def put_article(request, site: str, article_id: str, payload: ArticleIn):
    publisher = publisher_site(request, site)
    _check_article_id(article_id)
    fields = payload.dict()
    if fields["section"] is None:
        del fields["section"]
    article, created = upsert_article(publisher, article_id, **fields)
    return Status(201 if created else 200, article_out(article))


@router.get("sites/{site}/articles/{article_id}", response=ArticleOut, summary="Read an article (publisher)")
def get_article(request, site: str, article_id: str):
    publisher = publisher_site(request, site)
    return article_out(get_object_or_404(Article, site=publisher, external_id=article_id))


@router.get("sites/{site}", response=SiteOut, summary="Public site information for the widget")
def get_site(request, site: str):
    found = Site.objects.filter(slug=site).first()
    if found is None:
        raise HttpError(404, f"Unknown site '{site}'.")
    rules = [
        {
            "code": code,
            "label": rule_label(found.house_rules, code, "de"),
            "label_en": rule_label(found.house_rules, code, "en"),
        }
        for code in (*ASSESSED_RULES, OTHER)
    ]
    return {
        "slug": found.slug,
        "name": found.name,
        "guidelines": found.guidelines,
        "rules": rules,
        "review_hours": review_hours_out(found),
        "limits": {
            "max_comment_chars": settings.FREIGABE_MAX_COMMENT_CHARS,
            "max_name_chars": MAX_NAME_CHARS,
        },
    }


def review_hours_out(site):
    """When the editors check comments, as the widget tells readers."""
    hours = ReviewHours.of_site(site.review_hours)
    return {
        "always": hours.always,
        "timezone": hours.timezone,
        "text": {language: hours.describe(language) for language in ("de", "en")},
    }


class ArticleRegistration(Schema):
    title: str = Field(min_length=1, max_length=500)
    url: WebUrl = Field(min_length=1, max_length=1000)
    # data-article-token: made by the publisher's CMS (articles/registration.py).
    token: str = Field(default="", max_length=200)


@router.post(
    "sites/{site}/articles/{article_id}/register",
    response={200: ArticleOut, 201: ArticleOut},
    summary="Register an article the widget meets for the first time (text missing)",
)
def register_article(request, site: str, article_id: str, payload: ArticleRegistration):
    """The widget may announce an unknown article with its title and URL, if the page carries
    the token the site's CMS signed for this article (data-article-token).

    The text stays missing until the CMS or an import supplies it; an existing article is
    never changed this way.
    """
    found = Site.objects.filter(slug=site).first()
    if found is None:
        raise HttpError(404, f"Unknown site '{site}'.")
    if not token_is_valid(found.api_key_hash, found.slug, article_id, payload.token):
        raise HttpError(
            403,
            "Registering an article needs a valid token from the site's CMS "
            "(data-article-token); it is missing, expired or for another "
            "article.",
        )
    if not any(payload.url.startswith(origin + "/") for origin in found.allowed_origins):
        raise HttpError(422, "The article URL must be on one of the site's own origins.")
    _check_article_id(article_id)
    wait = ratelimit.hit("register-article", ip_hash(client_ip(request)), "30/3600")
    if wait:
        return ratelimit.too_many(wait, "new articles")
    article, created = register_unknown_article(found, article_id, payload.title, payload.url)
    return Status(201 if created else 200, article_out(article))


def _check_article_id(article_id):
    if not article_id or len(article_id) > 200 or "/" in article_id or any(ord(ch) < 32 for ch in article_id):
        raise HttpError(422, "The article id must be 1 to 200 characters without '/' or control characters.")
