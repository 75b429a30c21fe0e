"""Internal complaint handling (DSA Art. 20): authors appeal, a different senior editor decides."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from freigabe.comments.models import Status
from freigabe.comments.services import clean_text
from freigabe.compliance.models import Appeal
from freigabe.compliance.statements import APPEAL_WINDOW_DAYS
from freigabe.moderation import audit
from freigabe.moderation.decisions import decide
from freigabe.moderation.models import Action

MAX_EXPLANATION_CHARS = 2000
UPHELD, REVERSED = Appeal.Outcome.UPHELD, Appeal.Outcome.REVERSED


class AppealError(Exception):
    """The appeal step is not possible; `status` is the HTTP status to answer with."""

    status = 409

    def __init__(self, message, status=None):
        super().__init__(message)
        if status is not None:
            self.status = status


def appeal_deadline(decision):
    return decision.created_at + timedelta(days=APPEAL_WINDOW_DAYS)


def appealable_decision(comment):
    """The rejection or removal currently in force on the comment, or None."""
    if comment.status not in (Status.REJECTED, Status.REMOVED):
        return None
    return (comment.decisions.filter(action__in=(Action.REJECT, Action.REMOVE))
            .order_by("-created_at", "-pk").first())


def file_appeal(comment, explanation):
    """Record the author's appeal against the decision in force; return the Appeal."""
    explanation = clean_text(explanation or "")
    if not explanation:
        raise AppealError("Please explain why the decision should be reviewed.", status=422)
    if len(explanation) > MAX_EXPLANATION_CHARS:
        raise AppealError(f"The explanation is longer than {MAX_EXPLANATION_CHARS} characters.",
                          status=422)
    decision = appealable_decision(comment)
    if decision is None:
        raise AppealError(f"Comment {comment.pk} is {comment.status}; only a rejected or "
                          f"removed comment can be appealed.")
    if timezone.now() > appeal_deadline(decision):
        raise AppealError(f"The six-month period for an appeal ended on "
                          f"{appeal_deadline(decision):%Y-%m-%d}.", status=410)
    try:
        with transaction.atomic():
            return Appeal.objects.create(comment=comment, decision=decision,
                                         explanation=explanation)
    except IntegrityError:
        raise AppealError("An appeal against this decision has already been filed.") from None


def decide_appeal(appeal_id, outcome, *, actor, note=""):
    """Uphold or reverse the decision appealed against; reversing releases the comment.

    Only someone allowed to decide appeals, and not the editor who made the decision, may.
    """
    if outcome not in (UPHELD, REVERSED):
        raise AppealError(f"Unknown outcome '{outcome}'; use 'upheld' or 'reversed'.",
                          status=422)
    if not actor.has_perm("moderation.decide_appeal"):
        raise AppealError("Only a senior editor may decide appeals.", status=403)
    with transaction.atomic():
        appeal = _open_appeal_for_update(appeal_id)
        if appeal.decision.actor_id == actor.pk:
            raise AppealError("You made the decision appealed against; another senior editor "
                              "must review it.", status=403)
        if outcome == REVERSED:
            appeal.reinstatement = decide(appeal.comment_id, "reinstate", actor=actor,
                                          note=note or "appeal upheld")
        appeal.state = Appeal.State.DECIDED
        appeal.outcome = outcome
        appeal.note = note.strip()
        appeal.decided_by = actor
        appeal.decided_at = timezone.now()
        appeal.save()
        audit.record(actor, f"appeal.{outcome}", f"appeal:{appeal.pk}")
        from freigabe.compliance.notifications import tell_appellant_on_commit

        tell_appellant_on_commit(appeal)
    return appeal


def _open_appeal_for_update(appeal_id):
    appeal = (Appeal.objects.select_for_update().select_related("decision")
              .filter(pk=appeal_id).first())
    if appeal is None:
        raise AppealError(f"Appeal {appeal_id} does not exist.", status=404)
    if appeal.state != Appeal.State.OPEN:
        raise AppealError(f"Appeal {appeal_id} has already been decided.")
    return appeal


def appeal_status(comment):
    """What the author's status shows about appealing: the appeal, or how to file one."""
    result = {}
    latest = comment.appeals.order_by("-created_at", "-pk").first()
    if latest is not None:
        result["appeal"] = appeal_summary(latest)
    decision = appealable_decision(comment)
    if (decision is not None and not Appeal.objects.filter(decision=decision).exists()
            and timezone.now() <= appeal_deadline(decision)):
        result["appeal_possible_until"] = appeal_deadline(decision).isoformat()
        result["appeal_path"] = f"/api/v1/comments/{comment.pk}/appeal"
    return result


def appeal_summary(appeal):
    return {
        "id": appeal.pk,
        "state": appeal.state,
        "outcome": appeal.outcome or None,
        "note": appeal.note,
        "filed_at": appeal.created_at.isoformat(),
        "decided_at": appeal.decided_at.isoformat() if appeal.decided_at else None,
    }

