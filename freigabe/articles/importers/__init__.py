"""Article importers: turn a news page (HTML or a plain-text dump, a file or a URL) into an
ExtractedArticle. Plain Python, no Django: commands, the API and tests all call
`import_source`.
"""

import re
from pathlib import Path

from freigabe.articles.importers.decoding import charset_of, decode_page, is_html
from freigabe.articles.importers.errors import ArticleImportError
from freigabe.articles.importers.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, fetch
from freigabe.articles.importers.html import extract_from_html
from freigabe.articles.importers.record import ExtractedArticle
from freigabe.articles.importers.textdump import extract_from_text, first_sentence

__all__ = ["ArticleImportError", "ExtractedArticle", "import_source", "import_page"]

# Less text than this is a teaser, an index page or an error page, not an article.
MIN_BODY_CHARS = 200
# "https://...", also "javascript:..." (to refuse it); one letter would be a Windows drive.
_URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):")


def import_source(
    source,
    *,
    filename=None,
    content_type=None,
    timeout=DEFAULT_TIMEOUT,
    max_bytes=DEFAULT_MAX_BYTES,
    allow_private_hosts=True,
):
    """Read an article from a URL, a file path, or the page itself.

    `source` is a URL (str with a scheme), a file path (str or Path), or the page content
    (bytes, or a str holding markup or several lines). Raises ArticleImportError with a
    message for the user when there is no article to be had.
    """
    if isinstance(source, bytes):
        return import_page(source, filename=filename, content_type=content_type)
    if isinstance(source, str) and _URL_SCHEME.match(source.strip()) and not _is_file(source):
        url = source.strip()
        page = fetch(url, timeout=timeout, max_bytes=max_bytes, allow_private_hosts=allow_private_hosts)
        return import_page(page.content, content_type=content_type or page.content_type, url=page.url)
    if isinstance(source, str) and ("\n" in source or "<" in source):
        return import_page(
            source.encode("utf-8"), filename=filename, content_type=content_type, charset="utf-8"
        )
    return import_page(
        _read_file(Path(source), max_bytes), filename=filename or Path(source).name, content_type=content_type
    )


def _is_file(name):
    try:
        return Path(name).is_file()
    except (OSError, ValueError):  # too long, or a NUL byte: not a file name anyway
        return False


def _read_file(path, max_bytes):
    if not path.is_file():
        raise ArticleImportError(f"No such file: {path}")
    if path.stat().st_size > max_bytes:
        raise ArticleImportError(f"The file is larger than the limit of {max_bytes // 1024} KB.")
    return path.read_bytes()


def import_page(data, *, filename=None, content_type=None, url=None, charset=None):
    """Decode and extract one page given as bytes."""
    text = decode_page(data, charset or charset_of(content_type))
    if is_html(text, filename=filename, content_type=content_type):
        record = extract_from_html(text, url=url)
    else:
        record = extract_from_text(text, url=url)
    if len(record.body) < MIN_BODY_CHARS:
        raise ArticleImportError(
            f"No article found: the page has only {len(record.body)} characters of article "
            f"text (at least {MIN_BODY_CHARS} are needed)."
        )
    if not record.title:
        record.title = first_sentence(record.paragraphs[0])
    record.url = record.url or url
    return record
