"""A Remark42 backup: a first line with the meta object ({"version": 1, "users", "posts"}),
then one comment object per line (id, pid, text as HTML, orig as Markdown, user {name},
locator {site, url}, time, delete, title). Remark42 publishes at once: a comment is
released unless deleted."""

import json

from freigabe.integrations.importers.base import (
    REJECTED,
    RELEASED,
    FormatError,
    ImportItem,
    Problem,
    html_to_text,
    parse_time,
)


def read(path, **options):
    with open(path, encoding="utf-8", errors="replace") as lines:
        _check_meta(next(lines, ""))
        for number, line in enumerate(lines, start=2):
            if line.strip():
                yield _comment(line, number)


def _check_meta(line):
    try:
        meta = json.loads(line)
    except ValueError:
        raise FormatError("the first line is not Remark42's meta object") from None
    if not isinstance(meta, dict) or meta.get("version", 0) not in (0, 1):
        raise FormatError(
            f"unknown Remark42 backup version {meta.get('version')!r}"
            if isinstance(meta, dict)
            else "the first line is not an object"
        )


def _comment(line, number):
    try:
        data = json.loads(line)
    except ValueError as error:
        return Problem(f"line {number}", f"not JSON: {error}")
    if not isinstance(data, dict) or not data.get("id"):
        return Problem(f"line {number}", "a comment needs an id")
    locator = data.get("locator") or {}
    if not isinstance(locator, dict) or not locator.get("url"):
        return Problem(f"comment {data['id']}", "no locator.url")
    created_at = parse_time(str(data.get("time") or ""))
    if created_at is None:
        return Problem(f"comment {data['id']}", f"unreadable time {data.get('time')!r}")
    deleted = data.get("delete") is True
    user = data.get("user") if isinstance(data.get("user"), dict) else {}
    body = data.get("orig") or html_to_text(data.get("text") or "")
    return ImportItem(
        external_id=str(data["id"]),
        url=str(locator["url"]),
        title=str(data.get("title") or ""),
        body=str(body).strip(),
        status=REJECTED if deleted else RELEASED,
        created_at=created_at,
        parent_id=str(data.get("pid") or ""),
        author_name=str(user.get("name") or ""),
        rejected_as="deleted" if deleted else "",
    )
