"""Signed appeal links for emails: the mail reader has no author token, the link stands in."""

from django.core import signing

from freigabe.compliance.statements import APPEAL_WINDOW_DAYS

SALT = "freigabe.compliance.appeal"


def appeal_token(decision):
    return signing.dumps({"comment": decision.comment_id, "decision": decision.pk}, salt=SALT)


def decision_for_token(token):
    """The Decision the link was made for, or None if the link is forged or too old."""
    from freigabe.moderation.models import Decision

    try:
        data = signing.loads(token, salt=SALT, max_age=(APPEAL_WINDOW_DAYS + 1) * 86400)
    except signing.BadSignature:
        return None
    return (Decision.objects.select_related("comment__article")
            .filter(pk=data.get("decision"), comment_id=data.get("comment")).first())
