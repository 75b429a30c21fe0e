"""The public thread of an article, served in pages of top-level threads with their replies.

A page holds up to `limit` top-level comments, each with all its released replies (oldest
first). Pages are addressed by opaque cursors that name the sort key of the last thread
shown, so a page boundary stays put when new comments arrive (no thread is shown twice or
skipped, as offsets would). `around=ID` answers the page that holds comment ID, so a link
to an old comment never needs the whole thread.

Only released comments appear. A reply whose parent is no longer public stays hidden with
its lost context; `count` is the number of comments the whole thread shows.
"""

import base64
import binascii
import json
from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from freigabe.articles.models import Article, Site, closed_reason, closing_time
from freigabe.comments.cache import cached_page
from freigabe.comments.display import safe_display_text
from freigabe.comments.models import AuthorRole, Comment, Status

ORDERS = ("oldest", "newest", "replies", "recommended", "picks")
DEFAULT_ORDER = "oldest"
DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_CURSOR_CHARS = 200


class PageRequestError(ValueError):
    """A bad order, limit or cursor: the client's mistake (422)."""


class CommentNotInThread(LookupError):
    """`around` names a comment this thread does not show (404)."""


@dataclass(frozen=True)
class PageRequest:
    order: str = DEFAULT_ORDER
    limit: int = DEFAULT_LIMIT
    cursor: str = ""
    around: int | None = None

    @classmethod
    def parse(cls, order=None, limit=None, cursor=None, around=None):
        """Validate the query parameters as given (strings or None)."""
        order = order or DEFAULT_ORDER
        if order not in ORDERS:
            raise PageRequestError(f"Unknown order '{order[:40]}'; use one of: {', '.join(ORDERS)}.")
        limit = _whole_number("limit", limit, DEFAULT_LIMIT)
        if not 1 <= limit <= MAX_LIMIT:
            raise PageRequestError(f"limit must be between 1 and {MAX_LIMIT}.")
        around_id = _whole_number("around", around, None) if around not in (None, "") else None
        cursor = cursor or ""
        if cursor and around_id is not None:
            raise PageRequestError("Give either cursor or around, not both.")
        if cursor:
            _decode_cursor(cursor, order)  # refuse a bad cursor before any work
        return cls(order, limit, cursor, around_id)

    @property
    def cache_part(self):
        return f"{self.order}:{self.limit}:{self.cursor}:{self.around or ''}"


@dataclass(frozen=True)
class ThreadArticle:
    """What serving a thread needs of its article, read in one indexed statement.

    Reading a thread is the hottest path (every open widget polls it): building an ORM
    query, even a raw one, cost more than running it (docs/benchmarks.md).
    """

    pk: int
    thread_version: int
    external_id: str
    title: str
    comments_open: bool
    published_at: object
    close_after_days: int | None

    def closed_reason(self, now=None):
        return closed_reason(self.comments_open, self.published_at, self.close_after_days, now)

    def closes_at(self):
        return closing_time(self.published_at, self.close_after_days)


THREAD_ARTICLE_SQL = (
    "SELECT a.id, a.thread_version, a.external_id, a.title, a.comments_open, a.published_at,"
    " s.close_comments_after_days"
    f" FROM {Article._meta.db_table} a JOIN {Site._meta.db_table} s ON s.id = a.site_id"
    " WHERE s.slug = %s AND a.external_id = %s"
)


def thread_article(site_slug, external_id):
    """The article as a ThreadArticle, or None if the site has no such article."""
    with connection.cursor() as cursor:
        cursor.execute(THREAD_ARTICLE_SQL, [site_slug, external_id])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, version, external, title, is_open, published, days = row
    return ThreadArticle(pk, version, external, title, bool(is_open), _datetime(published), days)


def _datetime(value):
    """A database datetime as an aware datetime (SQLite hands a plain cursor text)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


def page_cache_part(page, closed_reason=None, closes_at=None):
    """What besides the thread version tells one cached page from another."""
    closing = closes_at.isoformat() if closes_at else ""
    return f"{closed_reason or 'open'}:{closing}:{page.cache_part}"


def thread_page(article, page, closed_reason=None, closes_at=None):
    """(body bytes, etag, gzipped bytes) of one page of the article's public thread."""
    return cached_page(
        article,
        page_cache_part(page, closed_reason, closes_at),
        lambda: render_page(article, page, closed_reason, closes_at),
    )


def render_page(article, page, closed_reason=None, closes_at=None):
    shape = ThreadShape.load(article)
    ordered = shape.ordered_roots(page.order)
    keys = [shape.sort_key(page.order, root) for root in ordered]
    if page.around is not None:
        start = _page_start_around(shape, page, ordered)
        cursor = _encode_cursor(page.order, keys[start - 1]) if start else None
    else:
        start = bisect_right(keys, _decode_cursor(page.cursor, page.order)) if page.cursor else 0
        cursor = page.cursor or None
    shown = ordered[start : start + page.limit]
    more = start + page.limit < len(ordered)
    return {
        "article_id": article.external_id,
        "title": article.title,
        "comments_open": closed_reason is None,
        "closed_reason": closed_reason,
        "closes_at": closes_at.isoformat() if closes_at else None,
        "count": shape.count,
        "order": page.order,
        "limit": page.limit,
        "threads": len(ordered),
        "cursor": cursor,
        "next_cursor": _encode_cursor(page.order, keys[start + page.limit - 1]) if more else None,
        "comments": shape.render(shown),
    }


def _page_start_around(shape, page, ordered):
    root = shape.root_of(page.around)
    if root is None or root not in ordered:
        raise CommentNotInThread(f"Comment {page.around} is not shown in this thread.")
    index = ordered.index(root)
    return index - index % page.limit


class ThreadShape:
    """Who replies to whom among the released comments, and what each thread sorts by.

    Built from one light query (no comment text); only the comments of the page shown are
    then read in full.
    """

    def __init__(self, rows):
        self.rows = {row[0]: row for row in rows}  # id -> (id, parent, created, recs, pick)
        self.children = {}
        for comment_id, parent_id, *_ in rows:
            if parent_id is not None and parent_id in self.rows:
                self.children.setdefault(parent_id, []).append(comment_id)
        self.roots = [row[0] for row in rows if row[1] is None]
        self.size = {root: len(self._thread_ids(root)) - 1 for root in self.roots}
        self.count = len(self.roots) + sum(self.size.values())

    @classmethod
    def load(cls, article):
        # A plain cursor: Django's per-row datetime converters cost two thirds of a render
        # of a 3,000-comment thread, and every recommendation renders its pages anew.
        with connection.cursor() as cursor:
            cursor.execute(SHAPE_SQL, [article.pk, Status.RELEASED])
            rows = cursor.fetchall()
        return cls(
            [
                (pk, parent, _microseconds(created), recs, bool(pick))
                for pk, parent, created, recs, pick in rows
            ]
        )

    def _thread_ids(self, root):
        ids, stack = [], [root]
        while stack:
            current = stack.pop()
            ids.append(current)
            stack.extend(self.children.get(current, ()))
        return ids

    def has_pick(self, root):
        return any(self.rows[pk][4] for pk in self._thread_ids(root))

    def root_of(self, comment_id):
        """The top-level comment of the thread that shows this comment (None if not shown)."""
        row = self.rows.get(comment_id)
        while row is not None and row[1] is not None:
            row = self.rows.get(row[1])
        return row[0] if row is not None else None

    def sort_key(self, order, root):
        """A totally ordered key (ascending = shown first), stored in cursors."""
        _pk, _parent, created, recs, _pick = self.rows[root]
        if order == "oldest":
            return (created, root)
        if order == "replies":
            return (-self.size[root], -created, -root)
        if order == "recommended":
            return (-recs, -created, -root)
        return (-created, -root)  # newest, and picks (newest first)

    def ordered_roots(self, order):
        roots = self.roots
        if order == "picks":
            roots = [root for root in roots if self.has_pick(root)]
        return sorted(roots, key=lambda root: self.sort_key(order, root))

    def render(self, roots):
        """The page's threads as JSON-ready nodes, replies nested, oldest first."""
        ids = [pk for root in roots for pk in self._thread_ids(root)]
        texts = {}
        for start in range(0, len(ids), 900):  # within every database's parameter limit
            texts.update(
                (row["id"], row)
                for row in Comment.objects.filter(pk__in=ids[start : start + 900]).values(
                    "id", "body", "author_name", "created_at", "author_role"
                )
            )
        return [self._node(root, texts) for root in roots]

    def _node(self, comment_id, texts):
        pk, parent_id, _created, recs, pick = self.rows[comment_id]
        row = texts[pk]
        staff = row["author_role"] == AuthorRole.NEWSROOM
        return {
            "id": pk,
            "parent_id": parent_id,
            "body": safe_display_text(row["body"]),
            "author_name": row["author_name"],
            "created_at": row["created_at"].isoformat(),
            "recommendations": recs,
            "editors_pick": pick,
            "staff": staff,
            "author_role": row["author_role"],
            "replies": [self._node(child, texts) for child in self.children.get(pk, ())],
        }


SHAPE_SQL = (
    "SELECT id, parent_id, created_at, recommendations, editors_pick"
    f" FROM {Comment._meta.db_table} WHERE article_id = %s AND status = %s"
    " ORDER BY created_at, id"
)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _microseconds(value):
    """A stored time as microseconds since 1970 (SQLite hands text, PostgreSQL datetimes)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # stored in UTC
    return (value - EPOCH) // timedelta(microseconds=1)


def _whole_number(name, value, default):
    if value in (None, ""):
        return default
    text = str(value)
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        raise PageRequestError(f"{name} must be a whole number.")
    return int(text)


def _encode_cursor(order, key):
    raw = json.dumps([order, *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor, order):
    """The sort key a cursor stands for; PageRequestError if it is not one of ours."""
    bad = PageRequestError("The cursor is not valid for this thread and order; start again without a cursor.")
    if len(cursor) > MAX_CURSOR_CHARS:
        raise bad
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad from None
    expected = 3 if order in ("replies", "recommended") else 2
    if (
        not isinstance(value, list)
        or len(value) != expected + 1
        or value[0] != order
        or not all(type(part) is int for part in value[1:])
    ):
        raise bad
    return tuple(value[1:])
