"""From bytes to text, and from text to "HTML or plain-text dump"."""

import codecs
import re

from freigabe.articles.importers.errors import ArticleImportError

# File signatures of what people upload by mistake.
_SIGNATURES = {
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (or Office document)",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x1f\x8b": "gzip archive",
    b"RIFF": "media file",
    b"\x7fELF": "program",
    b"\xd0\xcf\x11\xe0": "Office document",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*|!doctype)[^>]*>", re.IGNORECASE)
HTML_CONTENT_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_CONTENT_TYPES = {"text/plain"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}


def decode_page(data, declared_charset=None):
    """Text of a page: the declared charset, a <meta charset>, UTF-8, then cp1252 (what
    German pages without a declaration are nearly always in)."""
    if not data or not data.strip():
        raise ArticleImportError("The file is empty.")
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            raise ArticleImportError(f"This is a {kind}, not an article page (HTML or text).")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"))
    if b"\x00" in data[:65536]:
        raise ArticleImportError("This is a binary file, not an article page (HTML or text).")
    meta = _META_CHARSET.search(data[:4096])
    candidates = [declared_charset, meta.group(1).decode("ascii", "ignore") if meta else None, "utf-8"]
    for encoding in filter(None, candidates):
        try:
            return _checked(data.decode(_known_encoding(encoding)))
        except (UnicodeDecodeError, LookupError):
            continue
    return _checked(data.decode("cp1252", errors="replace"))


def _known_encoding(name):
    name = name.strip().lower()
    # Browsers read "iso-8859-1" as windows-1252; so do we (it differs in 0x80-0x9f).
    return "cp1252" if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"} else name


def _checked(text):
    if len(_CONTROL_CHARS.findall(text[:65536])) > max(8, len(text[:65536]) // 100):
        raise ArticleImportError("This is a binary file, not an article page (HTML or text).")
    return text


def is_html(text, *, filename=None, content_type=None):
    """Whether to read the page as HTML: the content type, then the file name, then a look."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type in HTML_CONTENT_TYPES:
        return True
    if media_type in TEXT_CONTENT_TYPES:
        return False
    suffix = ("." + filename.rsplit(".", 1)[-1].lower()) if filename and "." in filename else ""
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES:
        return False
    head = text[:5000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    return len(_TAG.findall(text[:20000])) >= 5


def charset_of(content_type):
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    return match.group(1) if match else None
