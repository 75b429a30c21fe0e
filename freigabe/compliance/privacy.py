"""GDPR: what we hold about an author (Art. 15), erasing it (Art. 17), short IP retention."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from freigabe.comments.cache import bump_thread_version
from freigabe.comments.models import Comment, Recommendation
from freigabe.compliance.models import (
    Appeal,
    EmailAddress,
    Erasure,
    NotificationRequest,
    ReplySubscription,
    Report,
    SitePrivacyPolicy,
)
from freigabe.moderation.notes import erase_notes, note_data, notes_for_author

ERASED_AUTHOR_NAME = "Gelöschter Nutzer"
REMOVE, ANONYMISE = SitePrivacyPolicy.ErasureMode.REMOVE, SitePrivacyPolicy.ErasureMode.ANONYMISE
BY_POLICY = "policy"


# --- access ----------------------------------------------------------------------------------


def author_data(email):
    """Everything stored under this email address: comments, decisions, appeals, reports."""
    comments = (
        Comment.objects.filter(author_email__iexact=email)
        .select_related("article__site")
        .order_by("created_at", "pk")
    )
    address = EmailAddress.objects.filter(email=email.lower()).first()
    return {
        "scope": "author",
        "email": email,
        "email_confirmed_at": _iso(address.confirmed_at) if address else None,
        "comments": [comment_data(comment) for comment in comments],
        "reports_filed": [
            report_data(report)
            for report in Report.objects.filter(reporter_email__iexact=email).order_by("pk")
        ],
        "editor_notes": [note_data(note) for note in _author_notes(email, comments)],
    }


def _author_identities(email, comments):
    """The email and the account ids and IP hashes of the author's comments: editors'
    notes on the author are filed under any of them."""
    comments = list(comments)
    return {
        "emails": [email.lower()],
        "accounts": sorted({c.author_external_id for c in comments if c.author_external_id}),
        "ip_hashes": sorted({c.ip_hash for c in comments if c.ip_hash}),
    }


def _author_notes(email, comments):
    identities = _author_identities(email, comments)
    found = {}
    for kind, values in (
        ("email", identities["emails"]),
        ("account", identities["accounts"]),
        ("ip_hash", identities["ip_hashes"]),
    ):
        for value in values:
            for note in notes_for_author(**{kind: value}):
                found[note.pk] = note
    return sorted(found.values(), key=lambda note: (note.created_at, note.pk))


def data_for_comment_author(comment):
    """What the holder of a comment's author token may see: that comment's data.

    Anyone may type any address into a comment, so the token alone opens nothing else;
    the rest filed under the address goes by email to its owner (notifications.py).
    """
    return {
        "scope": "comment",
        "email": comment.author_email or None,
        "comments": [comment_data(comment)],
        "reports_filed": [],
    }


def comment_data(comment):
    request = NotificationRequest.objects.filter(comment=comment).first()
    return {
        "id": comment.pk,
        "site": comment.article.site.slug,
        "article_id": comment.article.external_id,
        "article_title": comment.article.title,
        "parent_id": comment.parent_id,
        "author_name": comment.author_name,
        "author_email": comment.author_email,
        "author_external_id": comment.author_external_id,
        "body": comment.body,
        "status": comment.status,
        "created_at": _iso(comment.created_at),
        "decided_at": _iso(comment.decided_at),
        "ip_hash": comment.ip_hash or None,
        "notifications": {"language": request.language} if request else None,
        "reply_mails": _reply_mails(comment),
        "decisions": [
            {
                "action": d.action,
                "from_status": d.from_status,
                "to_status": d.to_status,
                "reasons": d.reasons,
                "decided_at": _iso(d.created_at),
                "statement_of_reasons": d.statement_of_reasons,
            }
            for d in comment.decisions.order_by("created_at", "pk")
        ],
        "appeals": [
            {
                "id": a.pk,
                "explanation": a.explanation,
                "state": a.state,
                "outcome": a.outcome or None,
                "note": a.note,
                "filed_at": _iso(a.created_at),
                "decided_at": _iso(a.decided_at),
            }
            for a in comment.appeals.order_by("created_at", "pk")
        ],
    }


def report_data(report):
    return {
        "id": report.pk,
        "comment_id": report.notice.comment_id,
        "reason": report.reason,
        "legal_ground": report.legal_ground,
        "explanation": report.explanation,
        "reporter_name": report.reporter_name,
        "created_at": _iso(report.created_at),
        "outcome": report.notice.outcome or None,
    }


def _iso(moment):
    return moment.isoformat() if moment else None


# --- erasure ---------------------------------------------------------------------------------


def erase_author(email, mode=None):
    """Erase the author's personal data; return the Erasure record (counts only).

    `mode` "remove" deletes their comments, "anonymise" keeps them under a neutral name;
    None follows each comment's site policy (anonymise unless the site says otherwise).
    """
    if mode not in (None, REMOVE, ANONYMISE):
        raise ValueError(f"Unknown erasure mode '{mode}'; use 'remove' or 'anonymise'.")
    comments = list(
        Comment.objects.filter(author_email__iexact=email)
        .select_related("article__site")
        .order_by("-created_at")
    )
    removed = anonymised = 0
    identities = _author_identities(email, comments)  # before anonymising blanks them
    with transaction.atomic():
        erase_notes(**identities)
        for comment in comments:
            if (mode or site_erasure_mode(comment.article.site)) == REMOVE:
                _delete_comment(comment)
                removed += 1
            else:
                _anonymise_comment(comment)
                anonymised += 1
        for article_id in {comment.article_id for comment in comments}:
            bump_thread_version(article_id)
        reports = Report.objects.filter(reporter_email__iexact=email).update(
            reporter_name="", reporter_email=""
        )
        EmailAddress.objects.filter(email=email.lower()).delete()
        return Erasure.objects.create(
            mode=mode or BY_POLICY,
            comments_removed=removed,
            comments_anonymised=anonymised,
            reports_anonymised=reports,
        )


def site_erasure_mode(site):
    policy = SitePrivacyPolicy.objects.filter(site=site).first()
    return policy.erasure_mode if policy else ANONYMISE


def _reply_mails(comment):
    subscription = ReplySubscription.objects.filter(comment=comment).first()
    if subscription is None:
        return None
    return {
        "language": subscription.language,
        "subscribed_at": _iso(subscription.created_at),
        "unsubscribed_at": _iso(subscription.unsubscribed_at),
    }


def _delete_comment(comment):
    # Other readers' replies stay; they move up to the deleted comment's own parent.
    parent_id = Comment.objects.filter(pk=comment.pk).values_list("parent_id", flat=True).first()
    Comment.objects.filter(parent_id=comment.pk).update(parent_id=parent_id)
    Comment.objects.filter(pk=comment.pk).delete()


def _anonymise_comment(comment):
    Comment.objects.filter(pk=comment.pk).update(
        author_name=ERASED_AUTHOR_NAME, author_email="", author_external_id="", author_user=None, ip_hash=""
    )
    Appeal.objects.filter(comment_id=comment.pk).update(explanation="")
    NotificationRequest.objects.filter(comment_id=comment.pk).delete()
    ReplySubscription.objects.filter(comment_id=comment.pk).delete()


# --- retention -------------------------------------------------------------------------------


def purge_ip_hashes(retention_days):
    """Clear IP hashes of comments (and of guests' recommendations) older than the
    retention period; return how many."""
    cutoff = timezone.now() - timedelta(days=retention_days)
    comments = Comment.objects.filter(created_at__lt=cutoff).exclude(ip_hash="").update(ip_hash="")
    return comments + (
        Recommendation.objects.filter(created_at__lt=cutoff).exclude(ip_hash="").update(ip_hash="")
    )
