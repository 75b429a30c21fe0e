"""WordPress WXR (RSS with the wp: namespace): each <item> (link, title) holds its
<wp:comment> elements with comment_id, comment_parent (0: none), comment_approved
(1, 0, spam, trash), comment_type (pingbacks and trackbacks are no comments)."""

from freigabe.integrations.importers.base import (
    PENDING,
    REJECTED,
    RELEASED,
    ImportItem,
    Problem,
    html_to_text,
    parse_time,
    release,
    syntax_problems,
    xml_events,
)

APPROVAL = {
    "1": RELEASED,
    "approve": RELEASED,
    "0": PENDING,
    "hold": PENDING,
    "spam": REJECTED,
    "trash": REJECTED,
    "post-trashed": REJECTED,
}
SKIPPED_TYPES = {"pingback", "trackback"}


def read(path, **options):
    item = {"link": "", "title": "", "section": ""}
    events = xml_events(path, ["item", "link", "title", "category", "{*}comment"])
    for event, element in events:
        if event == "start":
            if element.tag == "item":
                item = {"link": "", "title": "", "section": ""}
            continue
        tag = element.tag
        in_item = element.getparent() is not None and element.getparent().tag == "item"
        if tag in ("link", "title"):
            if in_item:
                item[tag] = (element.text or "").strip()
        elif tag == "category":
            # The post's first category (not a tag: domain="post_tag") is its section.
            if in_item and element.get("domain", "category") == "category" and not item["section"]:
                item["section"] = " ".join((element.text or "").split())
        elif tag.startswith("{http://wordpress.org/export/") and tag.endswith("}comment"):
            yield _comment(element, tag[: -len("comment")], item)
            release(element)
        elif tag == "item":
            release(element)
    yield from syntax_problems(events)


def _comment(element, ns, item):
    def text(name):
        found = element.find(f"{ns}{name}")
        return (found.text or "").strip() if found is not None else ""

    comment_id = text("comment_id")
    if not comment_id:
        return Problem(f"comment on {item['link'] or '?'}", "no wp:comment_id")
    if text("comment_type") in SKIPPED_TYPES:
        return Problem(f"comment {comment_id}", f"skipped: a {text('comment_type')}, not a comment")
    approved = text("comment_approved")
    if approved not in APPROVAL:
        return Problem(f"comment {comment_id}", f"unknown comment_approved {approved!r}")
    created_at = _date(text("comment_date_gmt")) or _date(text("comment_date"), utc=False)
    if created_at is None:
        return Problem(f"comment {comment_id}", "no readable comment_date_gmt")
    if not item["link"]:
        return Problem(f"comment {comment_id}", "its post has no link")
    parent = text("comment_parent")
    return ImportItem(
        external_id=comment_id,
        url=item["link"],
        title=item["title"],
        section=item["section"],
        body=html_to_text(text("comment_content")),
        status=APPROVAL[approved],
        created_at=created_at,
        parent_id="" if parent in ("", "0") else parent,
        author_name=text("comment_author"),
        author_email=text("comment_author_email"),
        rejected_as={"spam": "spam"}.get(approved, "deleted" if APPROVAL[approved] == REJECTED else ""),
    )


def _date(value, utc=True):
    # WordPress writes "0000-00-00 00:00:00" for a missing GMT date.
    if not value or value.startswith("0000"):
        return None
    parsed = parse_time(value, naive_is_utc=utc)
    if parsed is not None and parsed.tzinfo is None:
        from django.utils import timezone

        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed
