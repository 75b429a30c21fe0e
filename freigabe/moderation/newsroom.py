"""The newsroom answers: an editor replies to a released comment in the site's name.

The reply is stored like any comment and published through decide(), so it is recorded
as that editor's release; it carries author_role "newsroom", which the public thread shows
as a staff badge. Readers cannot take the newsroom's name (comments/names.py).
"""

from django.conf import settings
from django.db import transaction

from freigabe.comments.models import AuthorRole, Comment, Status
from freigabe.comments.services import clean_text
from freigabe.moderation import audit
from freigabe.moderation.decisions import decide
from freigabe.tokens import hash_secret, new_secret

DEFAULT_NEWSROOM_NAME = "Redaktion"
RELEASE_NOTE = "Antwort der Redaktion, von ihr selbst veröffentlicht."


class NewsroomReplyError(Exception):
    """The reply cannot be published; `status` is the HTTP status that says why."""

    def __init__(self, message, status=422, code="", **params):
        super().__init__(message)
        self.status, self.code, self.params = status, code, params


def newsroom_name(site):
    return (site.name or "").strip()[:80] or DEFAULT_NEWSROOM_NAME


def newsroom_reply(parent_id, body, *, actor):
    """Publish the editor's reply under the released comment; return the new Comment."""
    body = clean_text(body or "")
    limit = settings.FREIGABE_MAX_COMMENT_CHARS
    if not body:
        raise NewsroomReplyError("The reply is empty.", code="reply_empty")
    if len(body) > limit:
        raise NewsroomReplyError(
            f"The reply is longer than {limit} characters.", 413, "reply_too_long", limit=limit
        )
    with transaction.atomic():
        parent = (
            Comment.objects.select_related("article__site").select_for_update().filter(pk=parent_id).first()
        )
        if parent is None:
            raise NewsroomReplyError(
                f"Comment {parent_id} does not exist.", 404, "comment_not_found", id=parent_id
            )
        if parent.status != Status.RELEASED:
            raise NewsroomReplyError(
                f"Comment {parent_id} is {parent.status}; the newsroom answers released comments only.",
                409,
                "reply_not_released",
                id=parent_id,
            )
        reply = Comment.objects.create(
            article=parent.article,
            parent=parent,
            body=body,
            author_name=newsroom_name(parent.article.site),
            author_user=actor,
            author_role=AuthorRole.NEWSROOM,
            status=Status.PENDING,
            risk=0.0,
            author_token_hash=hash_secret(new_secret()),
        )
        decide(reply.pk, "release", actor=actor, note=RELEASE_NOTE)
        audit.record(actor, "comment.newsroom_reply", f"comment:{reply.pk}", parent=parent.pk)
    reply.refresh_from_db()
    return reply
