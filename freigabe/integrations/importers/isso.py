"""An Isso SQLite database: `threads` (id, uri, title) and `comments` (tid, id, parent,
created as epoch seconds, mode 1 accepted / 2 pending / 4 deleted, text as Markdown,
author, email). Read through a cursor, opened read-only."""

import sqlite3
from urllib.parse import urljoin

from freigabe.integrations.importers.base import (
    PENDING,
    REJECTED,
    RELEASED,
    FormatError,
    ImportItem,
    Problem,
    from_epoch,
)

MODES = {1: RELEASED, 2: PENDING, 4: REJECTED}
QUERY = (
    "SELECT c.id, c.parent, c.created, c.mode, c.text, c.author, c.email, "
    "t.uri, t.title FROM comments AS c JOIN threads AS t ON c.tid = t.id ORDER BY c.id"
)


def read(path, base_url="", **options):
    """Isso keeps page paths (uri "/2024/radwege/"); `base_url` makes them full URLs."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        cursor = connection.execute(QUERY)
    except sqlite3.DatabaseError as error:
        raise FormatError(f"not an Isso database: {error}") from error
    try:
        for row in cursor:
            yield _comment(row, base_url)
    finally:
        connection.close()


def _comment(row, base_url):
    comment_id, parent, created, mode, text, author, email, uri, title = row
    if mode not in MODES:
        return Problem(f"comment {comment_id}", f"unknown mode {mode!r}")
    created_at = from_epoch(created)
    if created_at is None:
        return Problem(f"comment {comment_id}", f"unreadable created {created!r}")
    return ImportItem(
        external_id=str(comment_id),
        url=urljoin(base_url, uri or "") if base_url else uri or "",
        title=title or "",
        body=(text or "").strip(),
        status=MODES[mode],
        created_at=created_at,
        parent_id=str(parent) if parent is not None else "",
        author_name=author or "",
        author_email=email or "",
        rejected_as="deleted" if mode == 4 else "",
    )
