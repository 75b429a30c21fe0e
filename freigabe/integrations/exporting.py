"""Every comment of a site with its status and decisions, streamed in chunks."""

import csv
import json

from freigabe.comments.models import Comment
from freigabe.moderation.models import Decision

FORMATS = ("jsonl", "csv")
CHUNK = 2000
CSV_COLUMNS = (
    "id",
    "article_id",
    "article_url",
    "article_title",
    "parent_id",
    "author_name",
    "author_email",
    "body",
    "status",
    "created_at",
    "decided_at",
    "reasons",
    "decisions",
)


def export_comments(site, format, out):
    """Write the site's comments to the text stream `out`; return how many."""
    writer = csv.writer(out) if format == "csv" else None
    if writer:
        writer.writerow(CSV_COLUMNS)
    count = 0
    for record in comment_records(site):
        if writer:
            writer.writerow(_csv_row(record))
        else:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def comment_records(site):
    rows = (
        Comment.objects.filter(article__site=site)
        .order_by("pk")
        .values(
            "pk",
            "article__external_id",
            "article__url",
            "article__title",
            "parent_id",
            "author_name",
            "author_email",
            "body",
            "status",
            "created_at",
            "decided_at",
        )
    )
    last_pk = 0
    while True:
        chunk = list(rows.filter(pk__gt=last_pk)[:CHUNK])
        if not chunk:
            return
        last_pk = chunk[-1]["pk"]
        decisions = _decisions_for([row["pk"] for row in chunk])
        for row in chunk:
            yield {
                "id": row["pk"],
                "article_id": row["article__external_id"],
                "article_url": row["article__url"],
                "article_title": row["article__title"],
                "parent_id": row["parent_id"],
                "author_name": row["author_name"],
                "author_email": row["author_email"],
                "body": row["body"],
                "status": row["status"],
                "created_at": _iso(row["created_at"]),
                "decided_at": _iso(row["decided_at"]),
                "decisions": decisions.get(row["pk"], []),
            }


def _decisions_for(comment_ids):
    by_comment = {}
    rows = (
        Decision.objects.filter(comment_id__in=comment_ids)
        .order_by("created_at", "pk")
        .values(
            "comment_id",
            "action",
            "from_status",
            "to_status",
            "reasons",
            "note",
            "actor__username",
            "automated",
            "imported",
            "created_at",
        )
    )
    for row in rows:
        by_comment.setdefault(row.pop("comment_id"), []).append(
            {**row, "actor": row.pop("actor__username"), "created_at": _iso(row["created_at"])}
        )
    return by_comment


def _csv_row(record):
    last = record["decisions"][-1] if record["decisions"] else {}
    values = {
        **record,
        "parent_id": record["parent_id"] or "",
        "decided_at": record["decided_at"] or "",
        "reasons": ",".join(last.get("reasons") or ()),
        "decisions": json.dumps(record["decisions"], ensure_ascii=False),
    }
    return [values[column] for column in CSV_COLUMNS]


def _iso(value):
    return value.isoformat() if value else None
