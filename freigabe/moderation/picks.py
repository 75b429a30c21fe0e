"""Editors' picks ("Redaktionsempfehlung"): released comments the newsroom points readers to.

A pick is not a status change (the comment stays released), so it does not go through
decide(); every pick and unpick is in the audit log.
"""

from django.db import transaction

from freigabe.comments.cache import bump_thread_version
from freigabe.comments.models import Comment, Status
from freigabe.moderation import audit


class PickError(Exception):
    """The comment cannot be picked; `status` is the HTTP status that says why."""

    def __init__(self, message, status, code="", **params):
        super().__init__(message)
        self.status, self.code, self.params = status, code, params


def set_pick(comment_id, pick, *, actor):
    """Mark or unmark a released comment as an editors' pick; return the Comment."""
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
        if comment is None:
            raise PickError(f"Comment {comment_id} does not exist.", 404, "comment_not_found", id=comment_id)
        if comment.status != Status.RELEASED:
            raise PickError(
                f"Comment {comment_id} is {comment.status}; only released comments can be editors' picks.",
                409,
                "pick_not_released",
                id=comment_id,
            )
        if comment.editors_pick != pick:
            comment.editors_pick = pick
            comment.save(update_fields=["editors_pick"])
            bump_thread_version(comment.article_id)
            audit.record(actor, "comment.pick" if pick else "comment.unpick", f"comment:{comment_id}")
    return comment
