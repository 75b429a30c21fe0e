"""Moderation API for editors: the queue and decisions."""

from datetime import datetime

from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from freigabe.accounts.auth import editor_auth, require_editor
from freigabe.moderation.decisions import (
    AlreadyDecided,
    CommentNotFound,
    InvalidDecision,
    decide,
)
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


@router.post("comments/{comment_id}/decision", response=DecisionOut,
             summary="Release or reject a pending comment (409 if already decided)")
def post_decision(request, comment_id: int, payload: DecisionIn):
    require_editor(request)
    try:
        decision = decide(comment_id, payload.action, actor=request.auth,
                          reasons=payload.reasons, note=payload.note)
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


@router.get("queue", response=QueueOut, summary="Pending comments in triage order")
def get_queue(request, limit: int = 50, order: str = DEFAULT_ORDER, site: str | None = None):
    require_editor(request)
    if order not in ORDERS:
        raise HttpError(422, f"Unknown order '{order}'; use one of: {', '.join(ORDERS)}.")
    limit = min(max(limit, 1), 500)
    comments = pending_comments(order, site=site)
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
