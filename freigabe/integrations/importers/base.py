"""What every reader yields: one comment as plain values, or a problem with one item."""

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime

RELEASED, PENDING, REJECTED, REMOVED = "released", "pending", "rejected", "removed"
STATUSES = (RELEASED, PENDING, REJECTED, REMOVED)


@dataclass
class ImportItem:
    external_id: str
    url: str
    title: str
    body: str
    status: str
    created_at: datetime | None
    parent_id: str = ""
    author_name: str = ""
    author_email: str = ""
    # Why a rejected comment was rejected in the old system: "spam" or "deleted".
    rejected_as: str = ""
    # The article's own id, when the export has ours (our CSV export does).
    article_id: str = ""
    # The article's category in the old system (WordPress category, Disqus category): its
    # section here, for a newly created article.
    section: str = ""


@dataclass
class Problem:
    item: str
    why: str


class FormatError(ValueError):
    """The file as a whole is not in the format asked for."""


_BREAKS = re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)
_PARAGRAPHS = re.compile(r"</\s*p\s*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")
_BLANK_LINES = re.compile(r"\n{3,}")


def html_to_text(markup):
    """Exports keep comments as HTML; we keep text, with paragraphs as blank lines."""
    text = _PARAGRAPHS.sub("\n\n", _BREAKS.sub("\n", markup or ""))
    text = html.unescape(_TAGS.sub("", text))
    text = "\n".join(line.strip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n\n", text).strip()


def parse_time(value, *, naive_is_utc=True):
    """ISO 8601 ("2011-08-31T15:16:29Z", Go's nanoseconds too) or "YYYY-MM-DD HH:MM:SS"."""
    value = (value or "").strip()
    if not value:
        return None
    value = value.replace("Z", "+00:00")
    # Python reads at most six fractional digits; Go writes nine.
    value = re.sub(r"(\.\d{6})\d+", r"\1", value)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None and naive_is_utc:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def from_epoch(seconds):
    try:
        return datetime.fromtimestamp(float(seconds), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def xml_events(path, tags):
    """iterparse without DTDs, entity expansion or network access (no billion laughs).

    It recovers from broken markup (an item with it is read as far as it goes, usually into
    a Problem) and keeps going; syntax_problems() lists what it had to repair.
    """
    from lxml import etree

    return etree.iterparse(
        str(path),
        events=("start", "end"),
        tag=tags,
        load_dtd=False,
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        recover=True,
    )


def syntax_problems(events):
    """One Problem per line of the XML file that was not well-formed."""
    lines = {}
    for entry in events.error_log:
        lines.setdefault(entry.line, entry.message.strip())
    return [Problem(f"line {line}", f"broken XML: {message}") for line, message in sorted(lines.items())]


def release(element):
    """Free a processed element and the siblings before it: memory stays flat."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
