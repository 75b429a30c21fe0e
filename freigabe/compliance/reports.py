"""Notice and action (DSA Art. 16): readers report released comments, editors resolve them."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from freigabe.articles.rules import REASON_CODES
from freigabe.comments.models import Comment, Status
from freigabe.comments.services import clean_text
from freigabe.compliance.legal import LEGAL_GROUNDS
from freigabe.compliance.models import ILLEGAL, Notice, Report
from freigabe.compliance.notifications import tell_reporter_received_on_commit, tell_reporters_on_commit
from freigabe.moderation import audit
from freigabe.moderation.decisions import DecisionError, decide

MAX_EXPLANATION_CHARS = 2000
MAX_NAME_CHARS = 80
REPORT_REASONS = (*REASON_CODES, ILLEGAL)
KEEP, REMOVE = "keep", "remove"


class ReportRefused(Exception):
    """A report we cannot accept; `status` is the HTTP status to answer with."""

    def __init__(self, message, status=422):
        super().__init__(message)
        self.status = status


class ReportDecisionError(DecisionError):
    pass


class NoticeNotFound(ReportDecisionError):
    pass


class NoticeAlreadyResolved(ReportDecisionError):
    pass


def file_report(
    comment_id,
    *,
    reason,
    explanation,
    legal_ground="",
    reporter_name="",
    reporter_email="",
    good_faith=False,
    language="de",
):
    """Record a report and add it to the comment's open notice; return the Report."""
    fields = _clean_report_fields(
        reason, explanation, legal_ground, reporter_name, reporter_email, good_faith
    )
    with transaction.atomic():
        notice = _count_on_open_notice(comment_id, alleges_illegality=fields["reason"] == ILLEGAL)
        report = Report.objects.create(notice=notice, language=language, **fields)
        tell_reporter_received_on_commit(report)
    return report


def _count_on_open_notice(comment_id, *, alleges_illegality):
    """Count a new report on the comment's open notice (opening one if needed); return it.

    The count is a conditional UPDATE: it only matches while the notice is still open, and
    it holds the notice's row until the report is saved, so an editor cannot resolve the
    group in between. If the group was resolved after we looked it up, we look again: a
    kept comment gets a new open group (the report must not join the resolved one, where
    nobody would see it), a removed one refuses the report as usual.
    """
    counts = {"report_count": F("report_count") + 1, "last_reported_at": timezone.now()}
    if alleges_illegality:
        counts["alleges_illegality"] = True
    for _attempt in range(3):
        comment = _reportable_comment(comment_id)
        notice, _ = Notice.objects.get_or_create(comment=comment, state=Notice.State.OPEN)
        if Notice.objects.filter(pk=notice.pk, state=Notice.State.OPEN).update(**counts):
            return notice
    raise ReportRefused("The reports on this comment are being resolved; please try again.", status=409)


def _clean_report_fields(reason, explanation, legal_ground, reporter_name, reporter_email, good_faith):
    if good_faith is not True:
        raise ReportRefused("Please confirm that you report in good faith (good_faith: true).")
    if reason not in REPORT_REASONS:
        raise ReportRefused(f"Unknown reason '{reason}'; use one of: {', '.join(REPORT_REASONS)}.")
    if reason == ILLEGAL and legal_ground not in LEGAL_GROUNDS:
        raise ReportRefused(
            "A report of illegal content needs a legal_ground, one of: " + ", ".join(LEGAL_GROUNDS) + "."
        )
    explanation = clean_text(explanation or "")
    if not explanation:
        raise ReportRefused("Please explain why the comment should be removed.")
    if len(explanation) > MAX_EXPLANATION_CHARS:
        raise ReportRefused(f"The explanation is longer than {MAX_EXPLANATION_CHARS} characters.")
    reporter_name = clean_text(reporter_name or "")[:MAX_NAME_CHARS]
    reporter_email = (reporter_email or "").strip()
    if reporter_email:
        try:
            validate_email(reporter_email)
        except ValidationError:
            raise ReportRefused("The email address is not valid.") from None
    return {
        "reason": reason,
        "legal_ground": legal_ground if reason == ILLEGAL else "",
        "explanation": explanation,
        "reporter_name": reporter_name,
        "reporter_email": reporter_email,
    }


def _reportable_comment(comment_id):
    comment = Comment.objects.filter(pk=comment_id).first()
    # Comments nobody can see are not admitted to exist.
    if comment is None or comment.status in (Status.PENDING, Status.REJECTED):
        raise ReportRefused(f"Unknown comment {comment_id}.", status=404)
    if comment.status == Status.REMOVED:
        raise ReportRefused("This comment has already been removed.", status=409)
    return comment


def decide_report_group(
    notice_id, action, *, actor, reasons=(), legal_ground="", legal_provision="", note=""
):
    """Resolve an open notice: remove the comment (through decide()) or keep it.

    With a `legal_ground` the removal is for illegal content, otherwise for breaking the
    house rules; the ground "other" needs the provision named (`legal_provision`).
    Returns the resolved Notice; raises DecisionError when not possible.
    """
    if action not in (KEEP, REMOVE):
        raise ReportDecisionError(
            f"Unknown action '{action}'; use 'remove' or 'keep'.", code="unknown_action", action=action
        )
    if legal_ground and legal_ground not in LEGAL_GROUNDS:
        raise ReportDecisionError(
            f"Unknown legal_ground '{legal_ground}'; use one of: " + ", ".join(LEGAL_GROUNDS) + ".",
            code="unknown_legal_ground",
            ground=legal_ground,
        )
    legal_provision = clean_text(legal_provision or "")[:200]
    if action == REMOVE and legal_ground == "other" and not legal_provision:
        raise ReportDecisionError(
            "With legal_ground 'other', name the provision in legal_provision (e.g. '§ 201a StGB').",
            code="provision_needed",
        )
    with transaction.atomic():
        notice = _open_notice_for_update(notice_id)
        # Set before decide(): the removal's statement of reasons names the legal ground.
        notice.legal_ground = legal_ground if action == REMOVE else ""
        notice.legal_provision = legal_provision if legal_ground == "other" else ""
        decision = None
        if action == REMOVE:
            decision = decide(
                notice.comment_id, "remove", actor=actor, reasons=reasons, note=note, notice=notice
            )
        notice.state = Notice.State.RESOLVED
        notice.outcome = Notice.Outcome.REMOVED if decision else Notice.Outcome.KEPT
        notice.note = note.strip()
        notice.resolved_at = timezone.now()
        notice.resolved_by = actor
        notice.decision = decision
        notice.save()
        audit.record(actor, f"report.{action}", f"notice:{notice.pk}")
        tell_reporters_on_commit(notice)
    return notice


def _open_notice_for_update(notice_id):
    notice = Notice.objects.select_for_update().filter(pk=notice_id).first()
    if notice is None:
        raise NoticeNotFound(
            f"Report group {notice_id} does not exist.", code="notice_not_found", id=notice_id
        )
    if notice.state != Notice.State.OPEN:
        raise NoticeAlreadyResolved(
            f"Report group {notice_id} has already been resolved.", code="notice_resolved", id=notice_id
        )
    return notice
