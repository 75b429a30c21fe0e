"""Sites and articles: the plain functions that views, commands and tests call."""

import re
from urllib.parse import urlsplit

from django.db import transaction

from freigabe.articles.models import Article, Site
from freigabe.articles.origins import forget_site_origins
from freigabe.articles.rules import DEFAULT_GUIDELINES
from freigabe.tokens import hash_secret, new_secret

ARTICLE_FIELDS = ("url", "title", "body", "published_at", "comments_open", "metadata", "section")
MAX_SECTION_CHARS = 100
WEB_SCHEMES = ("http", "https")


class SiteExists(Exception):
    pass


class InvalidSlug(ValueError):
    pass


# The slug is part of URLs, of the widget's data-site and of the DSA database's puid
# (which allows only letters, digits, - and _): lower-case letters, digits and hyphens.
SLUG_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?")


def create_site(slug, name=None, origins=()):
    """Create a publisher site and return it with its API key (shown only this once)."""
    if not SLUG_PATTERN.fullmatch(slug or ""):
        raise InvalidSlug(
            f"'{slug}' is not a valid site slug: use 1-50 lower-case letters (a-z), digits "
            f"and hyphens, not at the start or end (e.g. 'zeitung-de' for zeitung.de)."
        )
    if Site.objects.filter(slug=slug).exists():
        raise SiteExists(f"Site '{slug}' already exists.")
    api_key = new_secret("fg_")
    site = Site.objects.create(
        slug=slug,
        name=name or slug,
        api_key_hash=hash_secret(api_key),
        allowed_origins=[origin.rstrip("/") for origin in origins],
        guidelines=str(DEFAULT_GUIDELINES),
    )
    forget_site_origins(slug)
    return site, api_key


def rotate_api_key(site):
    api_key = new_secret("fg_")
    site.api_key_hash = hash_secret(api_key)
    site.save(update_fields=["api_key_hash"])
    return api_key


class InvalidArticleUrl(ValueError):
    pass


def is_web_url(url):
    """An absolute http(s) URL with a host: what a link to an article may be (no
    `javascript:`, `data:` or relative URLs, which the widget and mails would link to)."""
    url = url or ""
    parts = urlsplit(url)
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname) and url == url.strip()


def check_article_url(url):
    if url and not is_web_url(url):
        raise InvalidArticleUrl("The article URL must be an absolute http:// or https:// URL.")


def upsert_article(site, external_id, **fields):
    """Create or update an article by its external id; return (article, created)."""
    unknown = set(fields) - set(ARTICLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown article fields: {sorted(unknown)}")
    check_article_url(fields.get("url"))
    if "section" in fields:
        fields["section"] = clean_section(fields["section"])
    # NUL cannot be stored in PostgreSQL text and never belongs in an article.
    fields = {
        name: value.replace("\x00", "") if isinstance(value, str) else value for name, value in fields.items()
    }
    with transaction.atomic():
        article, created = Article.objects.select_for_update().get_or_create(
            site=site, external_id=external_id, defaults=fields
        )
        if not created:
            for name, value in fields.items():
                setattr(article, name, value)
            article.thread_version += 1  # title and open/closed are part of the thread
            article.save()
    return article, created


def clean_section(name):
    """One spelling per section: whitespace collapsed, at most MAX_SECTION_CHARS."""
    return " ".join(str(name or "").split())[:MAX_SECTION_CHARS]


def register_unknown_article(site, external_id, title, url):
    """Create the article with its text missing, or return the existing one unchanged."""
    check_article_url(url)
    return Article.objects.get_or_create(
        site=site, external_id=external_id, defaults={"title": title, "url": url, "body": ""}
    )
