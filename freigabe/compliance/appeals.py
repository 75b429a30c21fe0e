"""Internal complaint handling (DSA Art. 20), decided by a different senior editor.

Authors appeal a rejection, a removal or a ban; reporters appeal the decision to keep the
comment they reported. The window is six calendar months from the day the person was
informed (compliance/deadlines.py). Deciding needs a written reason, which the outcome mail
and the status show.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from freigabe.articles.rules import OTHER, REASON_CODES
from freigabe.comments.models import Status
from freigabe.comments.services import clean_text
from freigabe.compliance.deadlines import (
    appeal_deadline,
    mark_informed,
    report_appeal_deadline,
    restriction_appeal_deadline,
)
from freigabe.compliance.models import Appeal, Notice
from freigabe.compliance.notifications import tell_appellant_on_commit
from freigabe.compliance.restrictions import lift_on_appeal, restriction_of_author
from freigabe.moderation import audit
from freigabe.moderation.decisions import decide
from freigabe.moderation.models import Action

MAX_EXPLANATION_CHARS = 2000
UPHELD, REVERSED = Appeal.Outcome.UPHELD, Appeal.Outcome.REVERSED


class AppealError(Exception):
    """The appeal step is not possible; `status` is the HTTP status to answer with.

    The message is English, for the API; `code` and `params` let the pages say the same in
    the reader's or editor's language (compliance/error_messages.py).
    """

    status = 409

    def __init__(self, message, status=None, code="", **params):
        super().__init__(message)
        if status is not None:
            self.status = status
        self.code, self.params = code, params


# --- filing -----------------------------------------------------------------------------------


def appealable_decision(comment):
    """The rejection or removal currently in force on the comment, or None."""
    if comment.status not in (Status.REJECTED, Status.REMOVED):
        return None
    return (
        comment.decisions.filter(action__in=(Action.REJECT, Action.REMOVE))
        .order_by("-created_at", "-pk")
        .first()
    )


def file_appeal(comment, explanation):
    """Record the author's appeal against the decision in force; return the Appeal."""
    explanation = _clean_explanation(explanation)
    decision = appealable_decision(comment)
    if decision is None:
        raise AppealError(
            f"Comment {comment.pk} is {comment.status}; only a rejected or removed comment can be appealed.",
            code="not_appealable",
            id=comment.pk,
            state=Status(comment.status).label,
        )
    _check_window(appeal_deadline(decision))
    return _create(comment=comment, decision=decision, explanation=explanation)


def file_ban_appeal(comment, explanation):
    """The author's appeal against the ban or suspension that covers them."""
    explanation = _clean_explanation(explanation)
    restriction = restriction_of_author(comment)
    if restriction is None:
        raise AppealError("There is no running ban or suspension to appeal against.", code="no_ban")
    mark_informed(restriction)
    _check_window(restriction_appeal_deadline(restriction))
    return _create(comment=restriction.comment or comment, restriction=restriction, explanation=explanation)


def file_restriction_appeal(restriction, explanation):
    """The same, from the signed link in the ban mail."""
    explanation = _clean_explanation(explanation)
    if restriction.ban.lifted_at is not None:
        raise AppealError("This ban has been lifted already.", code="ban_lifted")
    if restriction.comment_id is None:
        raise AppealError(
            "This ban concerns no comment we hold; please write to the editors.", code="ban_without_comment"
        )
    _check_window(restriction_appeal_deadline(restriction))
    return _create(comment=restriction.comment, restriction=restriction, explanation=explanation)


def file_report_appeal(report, explanation):
    """A reporter's appeal against the decision to keep the comment they reported."""
    explanation = _clean_explanation(explanation)
    notice = report.notice
    if notice.state != Notice.State.RESOLVED or notice.outcome != Notice.Outcome.KEPT:
        raise AppealError(
            "Only a decision to keep a reported comment can be appealed by the reporter.",
            code="report_not_kept",
        )
    _check_window(report_appeal_deadline(report))
    return _create(comment=notice.comment, report=report, explanation=explanation)


def _clean_explanation(explanation):
    explanation = clean_text(explanation or "")
    if not explanation:
        raise AppealError(
            "Please explain why the decision should be reviewed.", status=422, code="explanation_missing"
        )
    if len(explanation) > MAX_EXPLANATION_CHARS:
        raise AppealError(
            f"The explanation is longer than {MAX_EXPLANATION_CHARS} characters.",
            status=422,
            code="explanation_too_long",
            limit=MAX_EXPLANATION_CHARS,
        )
    return explanation


def _check_window(deadline):
    if timezone.now() > deadline:
        raise AppealError(
            f"The six-month period for an appeal ended on {timezone.localtime(deadline):%Y-%m-%d}.",
            status=410,
            code="window_closed",
            date=timezone.localtime(deadline).date(),
        )


def _create(**fields):
    try:
        with transaction.atomic():
            return Appeal.objects.create(**fields)
    except IntegrityError:
        raise AppealError(
            "An appeal against this decision has already been filed.", code="already_appealed"
        ) from None


# --- deciding ---------------------------------------------------------------------------------


def decide_appeal(appeal_id, outcome, *, actor, note=""):
    """Uphold or reverse what was appealed against, with a written reason.

    Reversing reinstates a rejected or removed comment, lifts a ban, or removes a comment
    the editors had kept. Only someone allowed to decide appeals, and not the editor who
    made the decision, may.
    """
    if outcome not in (UPHELD, REVERSED):
        raise AppealError(
            f"Unknown outcome '{outcome}'; use 'upheld' or 'reversed'.",
            status=422,
            code="unknown_outcome",
            outcome=outcome,
        )
    if not actor.has_perm("moderation.decide_appeal"):
        raise AppealError("Only a senior editor may decide appeals.", status=403, code="senior_only")
    note = (note or "").strip()
    with transaction.atomic():
        appeal = _open_appeal_for_update(appeal_id)
        if _decided_by(appeal) == actor.pk:
            raise AppealError(
                "You made the decision appealed against; another senior editor must review it.",
                status=403,
                code="own_decision",
            )
        if not note:
            raise AppealError(
                "Please give the reason for the decision on the appeal (note); "
                "the person who appealed is told it.",
                status=422,
                code="appeal_reason_needed",
            )
        if outcome == REVERSED:
            _reverse(appeal, actor, note)
        appeal.state = Appeal.State.DECIDED
        appeal.outcome = outcome
        appeal.note = note
        appeal.decided_by = actor
        appeal.decided_at = timezone.now()
        appeal.save()
        audit.record(actor, f"appeal.{outcome}", f"appeal:{appeal.pk}")
        tell_appellant_on_commit(appeal)
    return appeal


def _decided_by(appeal):
    if appeal.decision_id:
        return appeal.decision.actor_id
    if appeal.restriction_id:
        return appeal.restriction.ban.created_by_id
    return appeal.report.notice.resolved_by_id


def _reverse(appeal, actor, note):
    if appeal.decision_id:
        appeal.reinstatement = decide(appeal.comment_id, "reinstate", actor=actor, note=note)
    elif appeal.restriction_id:
        lift_on_appeal(appeal.restriction, actor, note)
    else:
        report = appeal.report
        notice = Notice.objects.select_for_update().get(pk=report.notice_id)
        reasons = [report.reason] if report.reason in REASON_CODES else [OTHER]
        removal = decide(appeal.comment_id, "remove", actor=actor, reasons=reasons, note=note, notice=notice)
        # The reporter was right after all: the notice's outcome is now the removal.
        Notice.objects.filter(pk=notice.pk).update(outcome=Notice.Outcome.REMOVED, decision=removal)
        appeal.reinstatement = removal


def _open_appeal_for_update(appeal_id):
    # Lock the appeal's own row only (of=("self",)): PostgreSQL refuses FOR UPDATE on the
    # nullable side of the outer joins that select_related needs for decision, restriction
    # and report, of which each appeal has only one.
    appeal = (
        Appeal.objects.select_for_update(of=("self",))
        .select_related("decision", "restriction__ban", "report__notice")
        .filter(pk=appeal_id)
        .first()
    )
    if appeal is None:
        raise AppealError(
            f"Appeal {appeal_id} does not exist.", status=404, code="appeal_not_found", id=appeal_id
        )
    if appeal.state != Appeal.State.OPEN:
        raise AppealError(
            f"Appeal {appeal_id} has already been decided.", code="appeal_decided", id=appeal_id
        )
    return appeal


# --- what the author sees -------------------------------------------------------------------------


def appeal_status(comment):
    """What the author's status shows about appealing: the appeal, or how to file one."""
    result = {}
    latest = comment.appeals.filter(report__isnull=True).order_by("-created_at", "-pk").first()
    if latest is not None:
        result["appeal"] = appeal_summary(latest)
    decision = appealable_decision(comment)
    if (
        decision is not None
        and not Appeal.objects.filter(decision=decision).exists()
        and timezone.now() <= appeal_deadline(decision)
    ):
        result["appeal_possible_until"] = appeal_deadline(decision).isoformat()
        result["appeal_path"] = f"/api/v1/comments/{comment.pk}/appeal"
    return result


def appeal_summary(appeal):
    return {
        "id": appeal.pk,
        "kind": appeal.kind,
        "state": appeal.state,
        "outcome": appeal.outcome or None,
        "note": appeal.note,
        "filed_at": appeal.created_at.isoformat(),
        "decided_at": appeal.decided_at.isoformat() if appeal.decided_at else None,
    }
