"""The one place that changes a comment's status. Every change writes a Decision."""

from django.db import transaction
from django.utils import timezone

from freigabe.articles.rules import REASON_CODES
from freigabe.comments.cache import bump_thread_version
from freigabe.comments.models import Comment, Status
from freigabe.moderation.models import Action, Decision

# action -> (statuses it applies to, status it leads to)
TRANSITIONS = {
    Action.RELEASE: ((Status.PENDING,), Status.RELEASED),
    Action.REJECT: ((Status.PENDING,), Status.REJECTED),
    Action.REMOVE: ((Status.RELEASED,), Status.REMOVED),
    Action.REINSTATE: ((Status.REJECTED, Status.REMOVED), Status.RELEASED),
}
RESTRICTING = {Action.REJECT, Action.REMOVE}


class DecisionError(Exception):
    """The decision is not possible; the message says why."""


class AlreadyDecided(DecisionError):
    pass


class InvalidDecision(DecisionError):
    pass


class CommentNotFound(DecisionError):
    pass


def decide(comment_id, action, *, actor=None, reasons=(), note="", automated=False):
    """Apply `action` to the comment atomically and record it; return the Decision.

    The status is changed with a conditional UPDATE, so of two editors deciding the
    same comment at once exactly one succeeds and the other gets AlreadyDecided.
    """
    action = _valid_action(action)
    reasons = _valid_reasons(action, reasons)
    from_statuses, to_status = TRANSITIONS[action]
    with transaction.atomic():
        comment = Comment.objects.select_related("article__site").filter(pk=comment_id).first()
        if comment is None:
            raise CommentNotFound(f"Comment {comment_id} does not exist.")
        changed = Comment.objects.filter(pk=comment_id, status__in=from_statuses).update(
            status=to_status, decided_at=timezone.now()
        )
        if not changed:
            current = Comment.objects.values_list("status", flat=True).get(pk=comment_id)
            raise AlreadyDecided(
                f"Comment {comment_id} is already {current}; it cannot be {to_status} now."
            )
        from_status, comment.status = comment.status, to_status
        decision = Decision.objects.create(
            comment=comment,
            actor=actor,
            action=action,
            from_status=from_status,
            to_status=to_status,
            reasons=reasons,
            note=note.strip(),
            suggested=(comment.assessment or {}).get("decision", ""),
            automated=automated,
        )
        if action in RESTRICTING:
            from freigabe.compliance.statements import compose_statement

            decision.statement_of_reasons = compose_statement(comment, decision)
            decision.save(update_fields=["statement_of_reasons"])
        bump_thread_version(comment.article_id)
    return decision


def _valid_action(action):
    try:
        return Action(action)
    except ValueError:
        raise InvalidDecision(
            f"Unknown action '{action}'; use one of: {', '.join(Action.values)}."
        ) from None


def _valid_reasons(action, reasons):
    reasons = list(dict.fromkeys(reasons or ()))
    unknown = [code for code in reasons if code not in REASON_CODES]
    if unknown:
        raise InvalidDecision(
            f"Unknown reason code(s): {', '.join(map(str, unknown))}. "
            f"Known codes: {', '.join(REASON_CODES)}."
        )
    if action in RESTRICTING and not reasons:
        raise InvalidDecision("A rejection or removal needs at least one reason code.")
    return reasons
