"""Emails to authors and reporters, through Django's email framework, sent after commit.

Authors opt in per comment (`notify`), and an address gets outcome mails only once its
owner has confirmed it through a signed link (double opt-in). Reporters who leave an
address get the receipt and the outcome of their report (DSA Art. 16(4) and (5)).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from freigabe.comments.finality import UNDO_WINDOW, seconds_until_final
from freigabe.comments.models import Comment
from freigabe.compliance.appeal_links import appeal_token, reporter_token, restriction_appeal_token
from freigabe.compliance.deadlines import mark_informed, report_appeal_deadline, window_end
from freigabe.compliance.models import (
    AccountRestriction,
    Appeal,
    EmailAddress,
    NotificationRequest,
    OutcomeMail,
    Report,
)
from freigabe.jobs import job
from freigabe.moderation.models import Action, Decision

log = logging.getLogger(__name__)

CONFIRMATION_SALT = "freigabe.compliance.confirm-email"
CONFIRMATION_MAX_AGE = timedelta(days=30)
RESEND_CONFIRMATION_AFTER = timedelta(days=1)
MAILED_ACTIONS = (Action.RELEASE, Action.REJECT, Action.REMOVE)
# A decision's mail waits until the undo window has surely closed.
UNDO_MARGIN_SECONDS = 1
# How far back `send-outcome-mails` (a fallback sweep) looks for mails still due.
SWEEP_HORIZON = timedelta(days=2)
SUBJECTS = {
    "confirm": {"de": "Bitte bestätigen Sie Ihre E-Mail-Adresse", "en": "Please confirm your email address"},
    "released": {"de": "Ihr Kommentar ist veröffentlicht", "en": "Your comment is published"},
    "restricted": {"de": "Entscheidung über Ihren Kommentar", "en": "Decision about your comment"},
    "appeal_outcome": {"de": "Ergebnis Ihrer Beschwerde", "en": "Outcome of your appeal"},
    "report_received": {"de": "Ihre Meldung ist eingegangen", "en": "We received your report"},
    "report_outcome": {"de": "Ergebnis Ihrer Meldung", "en": "Outcome of your report"},
    "ban": {"de": "Sperre für Ihre Kommentare", "en": "You are barred from commenting"},
    "data_link": {"de": "Ihre bei uns gespeicherten Daten", "en": "The data we hold about you"},
}
DATA_LINK_SALT = "freigabe.compliance.my-data"
DATA_LINK_MAX_AGE = timedelta(days=2)


def public_url(path):
    base = getattr(settings, "FREIGABE_PUBLIC_URL", "") or "http://localhost:8000"
    return base.rstrip("/") + path


def send(kind, to, language, **context):
    body = render_to_string(f"compliance/mail/{kind}.txt", {"language": language, **context})
    send_mail(SUBJECTS[kind][language], body, None, [to])


# --- authors: opt-in and double opt-in ------------------------------------------------------


def request_notifications(comment, language="de"):
    """Remember the author's opt-in; the first time an address is used, ask to confirm it."""
    if not comment.author_email:
        return None
    request = NotificationRequest.objects.create(comment=comment, language=language)
    ask_to_confirm(comment.author_email, language)
    return request


def ask_to_confirm(email, language="de"):
    """Double opt-in for any mail an author asks for: confirm the address once (resent after
    a day at most). Returns whether the address is confirmed already."""
    address, _ = EmailAddress.objects.get_or_create(email=email.lower())
    if not address.confirmed and _confirmation_due(address):
        EmailAddress.objects.filter(pk=address.pk).update(confirmation_sent_at=timezone.now())
        transaction.on_commit(lambda: _send_confirmation(address, language))
    return address.confirmed


def address_confirmed(email):
    return EmailAddress.objects.filter(email=(email or "").lower(), confirmed_at__isnull=False).exists()


def _confirmation_due(address):
    sent = address.confirmation_sent_at
    return sent is None or timezone.now() - sent > RESEND_CONFIRMATION_AFTER


def _send_confirmation(address, language):
    # Links carry ids, not addresses: signed values are readable, and URLs end up in logs.
    token = signing.dumps(address.pk, salt=CONFIRMATION_SALT)
    send("confirm", address.email, language, link=public_url(f"/compliance/confirm-email/{token}"))


def address_for_confirmation(token):
    """The EmailAddress the link was made for; None if forged, expired or erased since."""
    try:
        pk = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE.total_seconds())
    except signing.BadSignature:
        return None
    return EmailAddress.objects.filter(pk=pk).first()


def send_missed_outcomes(email):
    """Comments decided while the address waited for confirmation get their outcome now."""
    waiting = NotificationRequest.objects.filter(
        comment__author_email__iexact=email, notified_at__isnull=True, comment__decided_at__isnull=False
    )
    for request in waiting.select_related("comment"):
        decision = (
            request.comment.decisions.filter(action__in=MAILED_ACTIONS).order_by("-created_at", "-pk").first()
        )
        if decision is not None:
            send_decision_mail(decision.pk)


def _confirmed_request(comment):
    """The author's notification request if they opted in with a confirmed address."""
    request = NotificationRequest.objects.filter(comment=comment).first()
    if request is None or not comment.author_email:
        return None
    confirmed = EmailAddress.objects.filter(
        email=comment.author_email.lower(), confirmed_at__isnull=False
    ).exists()
    return request if confirmed else None


# --- authors: outcomes ------------------------------------------------------------------------


def on_decision_saved(sender, instance, created, **kwargs):
    """post_save receiver on moderation.Decision: mail the author once the decision is final.

    An editor's release or rejection can be undone for a few seconds; its mail job runs
    only after that (a mail cannot be taken back). The job is enqueued in the decision's
    transaction, so it exists exactly when the decision does. Reinstatements are told with
    the appeal's outcome; undos are an editor's slip.
    """
    # Most authors leave no address: no job, no query for them.
    if not (created and instance.action in MAILED_ACTIONS and instance.comment.author_email):
        return
    if not NotificationRequest.objects.filter(comment_id=instance.comment_id).exists():
        return
    wait = seconds_until_final(instance)
    if wait:
        deliver_outcome_mail.enqueue_in(wait + UNDO_MARGIN_SECONDS, instance.pk)
    else:
        deliver_outcome_mail.enqueue(instance.pk)


@job()
def deliver_outcome_mail(decision_id):
    """The job behind every outcome mail; a failed send raises, so the worker tries again."""
    return send_decision_mail(decision_id, raise_errors=True)


def send_due_outcome_mails(now=None):
    """Send the outcome mails whose undo window has passed; return how many were sent."""
    now = now or timezone.now()
    due = (
        Decision.objects.standing()
        .filter(
            action__in=MAILED_ACTIONS,
            created_at__lte=now - UNDO_WINDOW,
            created_at__gte=now - SWEEP_HORIZON,
            comment__notification_request__isnull=False,
            outcome_mail__isnull=True,
        )
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
    return sum(1 for decision_id in due if send_decision_mail(decision_id))


def send_decision_mail(decision_id, raise_errors=False):
    """Mail the author about this decision unless it was undone or already mailed.

    Returns whether a mail went out. If sending fails, the decision counts as not mailed;
    with `raise_errors` the error is raised (the job is then retried), else logged.
    """
    decision = Decision.objects.select_related("comment__article").standing().filter(pk=decision_id).first()
    if decision is None:
        return False
    request = _confirmed_request(decision.comment)
    if request is None:
        return False
    released = decision.action == Action.RELEASE
    # One mail for the release; every restriction is told, with its statement of reasons.
    if released and request.notified_at is not None:
        return False
    if not _claim_outcome_mail(decision):
        return False
    try:
        send(
            "released" if released else "restricted",
            decision.comment.author_email,
            request.language,
            comment=decision.comment,
            decision=decision,
            statement=decision.statement_of_reasons or {},
            appeal_link=_appeal_link(decision),
            appeal_until=_appeal_until(),
        )
    except Exception:  # noqa: BLE001 - the decision stands; the mail is tried again later
        log.exception("outcome mail for decision %s not sent; will try again", decision.pk)
        OutcomeMail.objects.filter(decision=decision).delete()
        if raise_errors:
            raise
        return False
    NotificationRequest.objects.filter(pk=request.pk).update(notified_at=timezone.now())
    return True


def _claim_outcome_mail(decision):
    """Exactly one sender (job, sweeper or confirmation) gets to mail a decision."""
    try:
        with transaction.atomic():
            OutcomeMail.objects.create(decision=decision)
    except IntegrityError:
        return False
    return True


def _appeal_until():
    # This mail informs the author: the six months run from today.
    return timezone.localtime(window_end(timezone.now())).date().isoformat()


def _appeal_link(decision):
    if decision.action not in (Action.REJECT, Action.REMOVE):
        return ""
    return public_url(f"/compliance/appeal/{appeal_token(decision)}")


def tell_appellant_on_commit(appeal):
    appeal_id = appeal.pk
    transaction.on_commit(lambda: send_appeal_outcome(appeal_id))


def send_appeal_outcome(appeal_id):
    """Tell whoever appealed the outcome and its reason: the author, or the reporter."""
    appeal = Appeal.objects.select_related("comment__article", "report").filter(pk=appeal_id).first()
    if appeal is None:
        return
    kind = appeal.kind
    if kind == "report":
        to, language = appeal.report.reporter_email, appeal.report.language
    else:
        request = _confirmed_request(appeal.comment)
        to, language = (appeal.comment.author_email, request.language) if request else ("", "")
    if to:
        _deliver("appeal_outcome", to, language, appeal=appeal, comment=appeal.comment, appeal_type=kind)


# --- data access (GDPR Art. 15) ----------------------------------------------------------------


def send_data_link_on_commit(comment, language):
    """Mail the owner of the comment's address a link to everything stored under it."""
    token = signing.dumps(comment.pk, salt=DATA_LINK_SALT)
    link = public_url(f"/compliance/my-data/{token}")
    email = comment.author_email
    transaction.on_commit(lambda: _deliver("data_link", email, language, link=link))


def email_for_data_link(token):
    """The address of the comment the link was made for (None if bad, expired or erased)."""
    try:
        pk = signing.loads(token, salt=DATA_LINK_SALT, max_age=DATA_LINK_MAX_AGE.total_seconds())
    except signing.BadSignature:
        return None
    return Comment.objects.filter(pk=pk).values_list("author_email", flat=True).first() or None


# --- reporters --------------------------------------------------------------------------------


def tell_reporter_received_on_commit(report):
    if report.reporter_email:
        report_id = report.pk
        transaction.on_commit(lambda: _send_report_mail("report_received", report_id))


def tell_reporters_on_commit(notice):
    report_ids = list(notice.reports.exclude(reporter_email="").values_list("pk", flat=True))
    transaction.on_commit(lambda: [_send_report_mail("report_outcome", pk) for pk in report_ids])


def _send_report_mail(kind, report_id):
    report = Report.objects.select_related("notice__comment__article").filter(pk=report_id).first()
    if report is None or not report.reporter_email:
        return
    extra = {}
    if kind == "report_outcome":
        # Art. 16(5): the outcome, and the redress open to the reporter (Art. 20, 21).
        until = timezone.localtime(report_appeal_deadline(report)).date()
        extra = {
            "appeal_until": until.isoformat(),
            "appeal_link": public_url(f"/compliance/report-appeal/{reporter_token(report)}"),
        }
    _deliver(
        kind,
        report.reporter_email,
        report.language,
        report=report,
        notice=report.notice,
        comment=report.notice.comment,
        **extra,
    )


def _deliver(kind, to, language, **context):
    """Send one mail; a mail server being down must not undo or break a decision."""
    try:
        send(kind, to, language, **context)
    except Exception:  # noqa: BLE001 - logged; the record of the decision stands
        log.exception("could not send %s mail", kind)


# --- authors: bans and suspensions -------------------------------------------------------------


@job()
def send_ban_mail(restriction_id):
    """Tell a banned author why, where their address is confirmed; once (job may rerun)."""
    restriction = (
        AccountRestriction.objects.select_related("ban", "comment__article").filter(pk=restriction_id).first()
    )
    email = restriction and restriction.comment and restriction.comment.author_email
    if not email or not EmailAddress.objects.filter(email=email.lower(), confirmed_at__isnull=False).exists():
        return False
    if not AccountRestriction.objects.filter(pk=restriction.pk, mailed_at__isnull=True).update(
        mailed_at=timezone.now()
    ):
        return False
    request = NotificationRequest.objects.filter(comment=restriction.comment).first()
    try:
        send(
            "ban",
            email,
            request.language if request else "de",
            restriction=restriction,
            comment=restriction.comment,
            statement=restriction.statement_of_reasons,
            appeal_link=public_url(f"/compliance/ban-appeal/{restriction_appeal_token(restriction)}"),
        )
    except Exception:
        AccountRestriction.objects.filter(pk=restriction.pk).update(mailed_at=None)
        raise
    mark_informed(restriction)
    return True
