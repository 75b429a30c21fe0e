"""Disqus XML export: <thread dsq:id> elements (link, title), then <post dsq:id> elements
(message, createdAt, isDeleted, isSpam, author, <thread dsq:id/>, <parent dsq:id/>)."""

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

NS = "{http://disqus.com}"
DSQ_ID = "{http://disqus.com/disqus-internals}id"


def read(path, **options):
    threads, categories = {}, {}
    in_post = 0
    events = xml_events(path, [f"{NS}category", f"{NS}thread", f"{NS}post"])
    for event, element in events:
        if element.tag == f"{NS}category":
            # Top-level categories have titles; a thread's <category dsq:id/> refers to one.
            # The forum's default category ("General") says nothing about the article.
            if event == "end" and element.getparent().tag == f"{NS}disqus":
                if not _flag(element, "isDefault"):
                    categories[element.get(DSQ_ID, "")] = " ".join(_text(element, "title").split())
                release(element)
            continue
        if element.tag == f"{NS}post":
            if event == "start":
                in_post += 1
                continue
            in_post -= 1
            yield _post(element, threads)
            release(element)
        elif event == "end" and not in_post:
            category = element.find(f"{NS}category")
            section = categories.get(category.get(DSQ_ID, "") if category is not None else "", "")
            threads[element.get(DSQ_ID, "")] = (_text(element, "link"), _text(element, "title"), section)
            release(element)
    yield from syntax_problems(events)


def _post(element, threads):
    post_id = element.get(DSQ_ID, "").strip()
    if not post_id:
        return Problem(f"post {_text(element, 'id') or '?'}", "no dsq:id attribute")
    thread = element.find(f"{NS}thread")
    thread_id = thread.get(DSQ_ID, "") if thread is not None else ""
    if thread_id not in threads:
        return Problem(f"post {post_id}", f"unknown thread {thread_id or '(none)'}")
    url, title, section = threads[thread_id]
    created_at = parse_time(_text(element, "createdAt"))
    if created_at is None:
        return Problem(f"post {post_id}", f"unreadable createdAt {_text(element, 'createdAt')!r}")
    parent = element.find(f"{NS}parent")
    deleted, spam = _flag(element, "isDeleted"), _flag(element, "isSpam")
    approved = _text(element, "isApproved").lower() != "false"
    status = REJECTED if deleted or spam else RELEASED if approved else PENDING
    return ImportItem(
        external_id=post_id,
        url=url,
        title=title,
        section=section,
        body=html_to_text(_text(element, "message")),
        status=status,
        created_at=created_at,
        parent_id=parent.get(DSQ_ID, "") if parent is not None else "",
        author_name=_text(element, "author/name"),
        author_email=_text(element, "author/email"),
        rejected_as="spam" if spam else "deleted" if deleted else "",
    )


def _text(element, path):
    found = element.find("/".join(f"{NS}{part}" for part in path.split("/")))
    return (found.text or "").strip() if found is not None else ""


def _flag(element, name):
    return _text(element, name).lower() == "true"
