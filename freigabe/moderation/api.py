"""Moderation API for editors: the queue and decisions."""

from datetime import datetime

from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from freigabe.accounts.access import require_editor
from freigabe.accounts.auth import editor_auth
from freigabe.http import ApiId, QueryId
from freigabe.moderation.decisions import (
    AlreadyDecided,
    CommentNotFound,
    InvalidDecision,
    decide,
)
from freigabe.moderation.newsroom import NewsroomReplyError, newsroom_reply
from freigabe.moderation.picks import PickError, set_pick
from freigabe.moderation.queue import DEFAULT_ORDER, ORDERS, pending_comments

router = Router(tags=["moderation"], auth=editor_auth)


class DecisionIn(Schema):
    action: str
    reasons: list[str] = Field(default_factory=list, max_length=10)
    note: str = Field(default="", max_length=2000)


class DecisionOut(Schema):
    id: int
    status: str
    decision_id: int
    action: str
    reasons: list[str]
    decided_at: datetime


class QueueItem(Schema):
    id: int
    site: str
    article_id: str
    article_title: str
    parent_id: int | None
    body: str
    author_name: str
    created_at: datetime
    suggestion: str
    assessment: dict | None


class QueueOut(Schema):
    order: str
    count: int
    comments: list[QueueItem]


@router.post(
    "comments/{comment_id}/decision",
    response=DecisionOut,
    summary="Release or reject a pending comment (409 if already decided)",
)
def post_decision(request, comment_id: ApiId, payload: DecisionIn):
    require_editor(request)
    try:
        decision = decide(
            comment_id, payload.action, actor=request.auth, reasons=payload.reasons, note=payload.note
        )
    except AlreadyDecided as exc:
        raise HttpError(409, str(exc)) from None
    except CommentNotFound as exc:
        raise HttpError(404, str(exc)) from None
    except InvalidDecision as exc:
        raise HttpError(422, str(exc)) from None
    return {
        "id": comment_id,
        "status": decision.to_status,
        "decision_id": decision.pk,
        "action": decision.action,
        "reasons": decision.reasons,
        "decided_at": decision.created_at,
    }


class PickIn(Schema):
    pick: bool


class PickOut(Schema):
    id: int
    editors_pick: bool


class Detail(Schema):
    detail: str


@router.post(
    "comments/{comment_id}/pick",
    response={200: PickOut, 401: Detail, 403: Detail, 404: Detail, 409: Detail},
    summary="Mark a released comment as an editors' pick, or unmark it (409 if not released)",
)
def post_pick(request, comment_id: ApiId, payload: PickIn):
    require_editor(request)
    try:
        comment = set_pick(comment_id, payload.pick, actor=request.auth)
    except PickError as refused:
        raise HttpError(refused.status, str(refused)) from None
    return {"id": comment.pk, "editors_pick": comment.editors_pick}


class NewsroomReplyIn(Schema):
    body: str = Field(max_length=100_000)


class NewsroomReplyOut(Schema):
    id: int
    parent_id: int
    status: str
    author_name: str
    author_role: str
    staff: bool


@router.post(
    "comments/{comment_id}/reply",
    response={
        201: NewsroomReplyOut,
        401: Detail,
        403: Detail,
        404: Detail,
        409: Detail,
        413: Detail,
        422: Detail,
    },
    summary="Reply to a released comment as the newsroom (published at once)",
)
def post_newsroom_reply(request, comment_id: ApiId, payload: NewsroomReplyIn):
    require_editor(request)
    try:
        reply = newsroom_reply(comment_id, payload.body, actor=request.auth)
    except NewsroomReplyError as refused:
        raise HttpError(refused.status, str(refused)) from None
    return Status(
        201,
        {
            "id": reply.pk,
            "parent_id": reply.parent_id,
            "status": reply.status,
            "author_name": reply.author_name,
            "author_role": reply.author_role,
            "staff": True,
        },
    )


@router.get("queue", response=QueueOut, summary="Pending comments in triage order")
def get_queue(
    request,
    limit: int = 50,
    order: str = DEFAULT_ORDER,
    site: str | None = None,
    section: str | None = None,
    group: QueryId | None = None,
):
    require_editor(request)
    if order not in ORDERS:
        raise HttpError(422, f"Unknown order '{order}'; use one of: {', '.join(ORDERS)}.")
    limit = min(max(limit, 1), 500)
    comments = pending_comments(order, site=site)
    if section:  # one section's queue; a group of critical stories as one queue
        comments = comments.filter(article__section=" ".join(section.split()))
    if group:
        comments = comments.filter(article__story_groups=group)
    items = [
        {
            "id": comment.pk,
            "site": comment.article.site.slug,
            "article_id": comment.article.external_id,
            "article_title": comment.article.title,
            "parent_id": comment.parent_id,
            "body": comment.body,
            "author_name": comment.author_name,
            "created_at": comment.created_at,
            "suggestion": comment.suggestion,
            "assessment": comment.assessment,
        }
        for comment in comments[:limit]
    ]
    return {"order": order, "count": comments.count(), "comments": items}
