"""A stable article id for imports that bring none: the same page gives the same id again,
so importing it twice updates the article instead of duplicating it."""

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

MAX_ID_LENGTH = 200
_GERMAN_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
_PAGE_SUFFIX = re.compile(r"\.(?:html?|php|aspx?|shtml)$", re.IGNORECASE)


def slug(text):
    """ "Stadtrat beschließt: Busse gratis!" -> "stadtrat-beschliesst-busse-gratis"."""
    text = unicodedata.normalize("NFKD", text.translate(_GERMAN_LETTERS))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def derive_article_id(record):
    """From the URL's path (what the publisher's CMS uses too), else from title and date."""
    if record.url:
        parts = urlsplit(record.url)
        path_slug = slug(_PAGE_SUFFIX.sub("", parts.path))
        if path_slug:
            return _bounded(path_slug, record.url)
        if parts.hostname:
            return _bounded(slug(parts.hostname), record.url)
    title_slug = slug(record.title)[:120].rstrip("-") or "artikel"
    date = (record.published_at or "")[:10]
    return _bounded(f"{date}-{title_slug}" if date else title_slug, record.title)


def _bounded(article_id, source):
    """Long ids keep their end (where CMS ids live) and a hash of the whole source."""
    if len(article_id) <= MAX_ID_LENGTH:
        return article_id
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]
    return f"{article_id[-(MAX_ID_LENGTH - 13) :].lstrip('-')}-{digest}"
