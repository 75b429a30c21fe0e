"""Saving an imported article: shared by `freigabe import-article` and the import API."""

from datetime import datetime, time

from django.utils import timezone

from freigabe.articles.importers import ArticleImportError
from freigabe.articles.importers.ids import derive_article_id
from freigabe.articles.services import is_web_url, upsert_article

# Extracted fields kept in Article.metadata; the rest have columns of their own.
METADATA_FIELDS = (
    "publisher",
    "authors",
    "agencies",
    "image_caption",
    "image_credit",
    "subheadings",
    "language",
    "source_format",
)
MAX_TITLE_CHARS = 500
MAX_URL_CHARS = 1000
MAX_ID_CHARS = 200


def save_imported_article(site, record, article_id=None):
    """Create or update the site's article from an ExtractedArticle; return
    (article, created). Raises ArticleImportError for an unusable article id."""
    article_id = (article_id or "").strip() or derive_article_id(record)
    if len(article_id) > MAX_ID_CHARS or "/" in article_id:
        raise ArticleImportError("The article id must be 1 to 200 characters without '/'.")
    # A page's canonical link may be anything; only a web URL is kept.
    url = record.url if is_web_url(record.url) and len(record.url) <= MAX_URL_CHARS else ""
    data = record.to_dict()
    # A page that names no section leaves the one the publisher gave the article.
    section = {"section": record.section} if record.section else {}
    return upsert_article(
        site,
        article_id,
        title=record.title[:MAX_TITLE_CHARS],
        body=record.body,
        url=url,
        published_at=aware_datetime(record.published_at),
        metadata={field: data[field] for field in METADATA_FIELDS},
        **section,
    )


def aware_datetime(value):
    """ "2021-11-04" or "2021-11-04T13:05:00" (site time) or with an offset -> aware datetime."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if len(value) <= 10:
        parsed = datetime.combine(parsed.date(), time())
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed


def import_response(site, article, created, record):
    return {"site": site.slug, "article_id": article.external_id, "created": created, **record.to_dict()}
