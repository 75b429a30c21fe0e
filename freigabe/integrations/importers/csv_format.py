"""CSV with named columns (a header row): id, body, status and article_url are required;
article_id, article_title, parent_id, author_name, author_email, created_at are optional.
`freigabe export-comments --format csv` writes exactly these columns (and more)."""

import csv
import sys

from freigabe.integrations.importers.base import (
    STATUSES,
    FormatError,
    ImportItem,
    Problem,
    parse_time,
)

REQUIRED = ("id", "body", "status")
STATUS_ALIASES = {"approved": "released", "spam": "rejected", "deleted": "rejected"}


def read(path, **options):
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in REQUIRED if column not in (reader.fieldnames or ())]
        if missing or not {"article_url", "article_id"} & set(reader.fieldnames or ()):
            raise FormatError(
                "CSV needs the columns id, body, status and article_url or "
                f"article_id; missing: {', '.join(missing) or 'article_url'}"
            )
        for row in reader:
            yield _row(row, reader.line_num)


def _row(row, line):
    def value(name):
        return (row.get(name) or "").strip()

    if not value("id"):
        return Problem(f"line {line}", "no id")
    status = STATUS_ALIASES.get(value("status").lower(), value("status").lower())
    if status not in STATUSES:
        return Problem(f"comment {value('id')}", f"unknown status {value('status')!r}")
    created_text = value("created_at")
    created_at = parse_time(created_text)
    if created_text and created_at is None:
        return Problem(f"comment {value('id')}", f"unreadable created_at {created_text!r}")
    if not value("article_url") and not value("article_id"):
        return Problem(f"comment {value('id')}", "neither article_url nor article_id")
    return ImportItem(
        external_id=value("id"),
        url=value("article_url"),
        title=value("article_title"),
        body=(row.get("body") or "").strip(),
        status=status,
        created_at=created_at,
        parent_id=value("parent_id"),
        author_name=value("author_name"),
        author_email=value("author_email"),
        article_id=value("article_id"),
        rejected_as=value("status").lower() if value("status").lower() in ("spam", "deleted") else "",
    )
