"""Shapes of the public thread, for the OpenAPI schema (the view sends cached JSON bytes)."""

from ninja import Schema


class ThreadComment(Schema):
    id: int
    parent_id: int | None
    body: str
    author_name: str
    created_at: str
    recommendations: int
    editors_pick: bool
    staff: bool  # a reply the newsroom wrote ("Redaktion" badge)
    author_role: str  # "reader" or "newsroom"
    replies: list["ThreadComment"]


ThreadComment.model_rebuild()


class ThreadPage(Schema):
    article_id: str
    title: str
    comments_open: bool
    closed_reason: str | None  # "closed" by the publisher, "expired" after the site's days
    closes_at: str | None
    count: int  # released comments in the whole thread, not on this page
    order: str
    limit: int
    threads: int  # top-level threads in this order
    cursor: str | None  # the cursor that loads this page (for ?around=, where it starts)
    next_cursor: str | None
    comments: list[ThreadComment]
