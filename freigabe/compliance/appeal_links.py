"""Signed appeal links for emails and answers: the link stands in for an author token.

Appeals against a decision (rejection, removal), against a ban (restriction) and a
reporter's against keeping a comment (report) each have their own salt.
"""

from django.core import signing

from freigabe.compliance.models import AccountRestriction, Report
from freigabe.moderation.models import Decision

SALT = "freigabe.compliance.appeal"
RESTRICTION_SALT = "freigabe.compliance.ban-appeal"
REPORT_SALT = "freigabe.compliance.report-appeal"
# Longer than any appeal window: the window itself is checked when the appeal is filed.
MAX_AGE_SECONDS = 400 * 86400


def appeal_token(decision):
    return signing.dumps({"comment": decision.comment_id, "decision": decision.pk}, salt=SALT)


def decision_for_token(token):
    """The Decision the link was made for, or None if the link is forged or too old."""
    data = _load(token, SALT)
    return data and (
        Decision.objects.select_related("comment__article")
        .filter(pk=data.get("decision"), comment_id=data.get("comment"))
        .first()
    )


def restriction_appeal_token(restriction):
    return signing.dumps({"restriction": restriction.pk}, salt=RESTRICTION_SALT)


def restriction_for_token(token):
    data = _load(token, RESTRICTION_SALT)
    return data and (
        AccountRestriction.objects.select_related("ban", "comment__article")
        .filter(pk=data.get("restriction"))
        .first()
    )


def reporter_token(report):
    """Given to the reporter (answer and mails): lets them appeal the report's outcome."""
    return signing.dumps({"report": report.pk}, salt=REPORT_SALT)


def report_for_token(token, report_id=None):
    data = _load(token, REPORT_SALT)
    if not data or (report_id is not None and data.get("report") != report_id):
        return None
    return Report.objects.select_related("notice__comment__article").filter(pk=data.get("report")).first()


def _load(token, salt):
    try:
        return signing.loads(token, salt=salt, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
