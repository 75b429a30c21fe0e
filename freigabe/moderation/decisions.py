"""The one place that changes a comment's status. Every change writes a Decision."""

from collections.abc import Iterable
from datetime import datetime
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from freigabe.articles.rules import REASON_CODES
from freigabe.comments import waiting
from freigabe.comments.cache import bump_thread_version
from freigabe.comments.finality import UNDO_WINDOW, UNDOABLE_ACTIONS, seconds_until_final  # noqa: F401 (re-exported)
from freigabe.comments.models import Comment, Status
from freigabe.comments.tasks import rebuild_waiting_stats
from freigabe.moderation import audit, extensions
from freigabe.moderation.models import Action, Claim, Decision
from freigabe.moderation.workspace import forget_tab_counts

# action -> (statuses it applies to, status it leads to)
TRANSITIONS = {
    Action.RELEASE: ((Status.PENDING,), Status.RELEASED),
    Action.REJECT: ((Status.PENDING,), Status.REJECTED),
    Action.REMOVE: ((Status.RELEASED,), Status.REMOVED),
    Action.REINSTATE: ((Status.REJECTED, Status.REMOVED), Status.RELEASED),
}
RESTRICTING = {Action.REJECT, Action.REMOVE}
# An editor may take back a release or rejection within UNDO_WINDOW (comments/finality.py).
UNDOABLE = {Action(action) for action in UNDOABLE_ACTIONS}


class DecisionError(Exception):
    """The decision is not possible; the message says why (in English, for the API).

    `code` and `params` let the workspace say the same in the editor's language
    (moderation/error_messages.py).
    """

    def __init__(self, message: str, code: str = "", **params: Any) -> None:
        super().__init__(message)
        self.code, self.params = code, params


class AlreadyDecided(DecisionError):
    pass


class InvalidDecision(DecisionError):
    pass


class CommentNotFound(DecisionError):
    pass


class CannotUndo(DecisionError):
    pass


def decide(
    comment_id: int,
    action: str,
    *,
    actor: Any = None,
    reasons: Iterable[str] = (),
    note: str = "",
    automated: bool = False,
    notice: Any = None,
) -> Decision:
    """Apply `action` to the comment atomically and record it; return the Decision.

    The status is changed with a conditional UPDATE, so of two editors deciding the
    same comment at once exactly one succeeds and the other gets AlreadyDecided.
    `notice` is the readers' report group a removal answers; the statement of reasons
    (composed here, once, for every rejection and removal) says so.
    """
    action = _valid_action(action)
    reasons = _valid_reasons(action, reasons)
    from_statuses, to_status = TRANSITIONS[action]
    with transaction.atomic():
        comment = Comment.objects.select_related("article__site").filter(pk=comment_id).first()
        if comment is None:
            raise CommentNotFound(f"Comment {comment_id} does not exist.", "comment_not_found", id=comment_id)
        changed = Comment.objects.filter(pk=comment_id, status__in=from_statuses).update(
            status=to_status, decided_at=timezone.now()
        )
        if not changed:
            current = Comment.objects.values_list("status", flat=True).get(pk=comment_id)
            raise AlreadyDecided(
                f"Comment {comment_id} is already {current}; it cannot be {to_status} now.",
                "already_decided",
                id=comment_id,
                status=current,
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
            # Composed by compliance, inside this transaction: no rejection without its statement.
            decision.statement_of_reasons = extensions.compose_statement(comment, decision, notice=notice)
            decision.save(update_fields=["statement_of_reasons"])
        bump_thread_version(comment.article_id)
        # A decided comment needs no claim; colleagues would only see it vanish later.
        Claim.objects.filter(comment_id=comment_id).delete()
        audit.record(
            actor, f"decision.{action}", f"comment:{comment_id}", reasons=reasons, automated=automated
        )
        transaction.on_commit(forget_tab_counts)
        if from_status == Status.PENDING and not automated:
            # The editors' pace for the waiting time readers are shown.
            transaction.on_commit(partial(waiting.note_decision, comment_id))
    return decision


def release_automatically(comment_id: int, *, note: str) -> Decision:
    """Publish a comment without an editor (a site lets suggested releases skip the queue)."""
    return decide(comment_id, Action.RELEASE, automated=True, note=note)


def undo(actor: Any, decision_id: int | str | None = None, *, now: datetime | None = None) -> Decision:
    """Take back the editor's latest release or rejection: the comment is pending again.

    Allowed only to the same editor, within UNDO_WINDOW, and only while that decision is
    still the last word on the comment (no colleague or later action has changed it since).
    The undo is itself recorded as a Decision that points at the one it reverts.
    """
    now = now or timezone.now()
    with transaction.atomic():
        last = (
            Decision.objects.select_related("comment__article")
            .filter(actor=actor)
            .order_by("-created_at", "-pk")
            .first()
        )
        if last is None or last.action not in UNDOABLE:
            raise CannotUndo("There is no decision of yours to undo.", "nothing_to_undo")
        if decision_id is not None and last.pk != int(decision_id):
            raise CannotUndo("Only your most recent decision can be undone.", "not_latest")
        if now - last.created_at > UNDO_WINDOW:
            raise CannotUndo(
                f"Decisions can only be undone within {UNDO_WINDOW.seconds} seconds.",
                "undo_too_late",
                seconds=UNDO_WINDOW.seconds,
            )
        later = Decision.objects.filter(comment_id=last.comment_id, pk__gt=last.pk)
        if later.exists():
            raise CannotUndo("The comment has been changed since; it cannot be undone.", "changed_since")
        changed = Comment.objects.filter(pk=last.comment_id, status=last.to_status).update(
            status=Status.PENDING, decided_at=None
        )
        if not changed:
            raise CannotUndo("The comment has been changed since; it cannot be undone.", "changed_since")
        try:
            with transaction.atomic():
                reverting = Decision.objects.create(
                    comment_id=last.comment_id,
                    actor=actor,
                    action=Action.UNDO,
                    from_status=last.to_status,
                    to_status=Status.PENDING,
                    reasons=[],
                    suggested=last.suggested,
                    reverts=last,
                )
        except IntegrityError:
            raise CannotUndo("This decision has already been undone.", "already_undone") from None
        bump_thread_version(last.comment.article_id)
        audit.record(
            actor,
            "decision.undo",
            f"comment:{last.comment_id}",
            reverted=last.action,
            reverted_decision=last.pk,
        )
        transaction.on_commit(forget_tab_counts)
        # The undone decision must not speak for the editors' pace: recount it in the background.
        rebuild_waiting_stats.enqueue(last.comment.article.site_id)
    return reverting


def _valid_action(action: str) -> Action:
    # Undo is not a decision one asks for by name: it has its own function, undo().
    if action not in TRANSITIONS:
        raise InvalidDecision(
            f"Unknown action '{action}'; use one of: {', '.join(TRANSITIONS)}.",
            "unknown_action",
            action=action,
        )
    return Action(action)


def _valid_reasons(action: Action, reasons: Iterable[str] | None) -> list[str]:
    reasons = list(dict.fromkeys(reasons or ()))
    unknown = [code for code in reasons if code not in REASON_CODES]
    if unknown:
        raise InvalidDecision(
            f"Unknown reason code(s): {', '.join(map(str, unknown))}. "
            f"Known codes: {', '.join(REASON_CODES)}.",
            "unknown_reasons",
            codes=", ".join(map(str, unknown)),
        )
    if action in RESTRICTING and not reasons:
        raise InvalidDecision("A rejection or removal needs at least one reason code.", "reason_needed")
    return reasons
