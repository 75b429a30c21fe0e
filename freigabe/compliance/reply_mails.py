"""Mails to authors about replies to their comments: opt-in, at most one per thread an hour.

An author who leaves an address and asks for it (`notify_replies`) is mailed when a reply
to their comment is released, once the release is final (it can be undone for seconds).
The address is confirmed once, by the same double opt-in as outcome mails. Further replies
in the same article within the hour after a mail wait and go out together in the next one.
Every mail carries a one-click unsubscribe (RFC 8058): `List-Unsubscribe` and
`List-Unsubscribe-Post` headers and a link in the text.

The sending runs as a job (`deliver_reply_mails`), never in a reader's or editor's request.
"""

import logging
from datetime import timedelta

from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from freigabe.comments.finality import seconds_until_final
from freigabe.comments.models import Status
from freigabe.compliance.models import ReplyNotice, ReplySubscription
from freigabe.compliance.notifications import (
    address_confirmed,
    ask_to_confirm,
    public_url,
)
from freigabe.jobs import job
from freigabe.moderation.models import Action

log = logging.getLogger(__name__)

MAIL_INTERVAL = timedelta(hours=1)
UNSUBSCRIBE_SALT = "freigabe.compliance.reply-unsubscribe"
# A release's mail waits until the undo window has surely closed.
UNDO_MARGIN_SECONDS = 1
RELEASING = (Action.RELEASE, Action.REINSTATE)
SUBJECTS = {
    "one": {"de": "Neue Antwort auf Ihren Kommentar", "en": "New reply to your comment"},
    "many": {"de": "Neue Antworten auf Ihre Kommentare", "en": "New replies to your comments"},
}
# Replies quoted in one mail; the rest are counted.
QUOTED_REPLIES = 5


# --- opting in and out --------------------------------------------------------------------


def subscribe(comment, language="de"):
    """Remember the author's wish to hear of replies; ask to confirm a new address."""
    if not comment.author_email:
        return None
    subscription, _ = ReplySubscription.objects.get_or_create(
        comment=comment, defaults={"language": language}
    )
    ask_to_confirm(comment.author_email, language)
    return subscription


def on_reply_mails_requested(sender, comment, language, **kwargs):
    """Receiver of comments.signals.reply_mails_requested (sent at submission)."""
    subscribe(comment, language)


def unsubscribe_token(subscription):
    # The id, not the address: signed values are readable, and URLs end up in logs.
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)


def subscription_for_token(token):
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return ReplySubscription.objects.select_related("comment").filter(pk=pk).first()


def unsubscribe(token):
    """End every reply subscription of the link's address; None if the link is not ours."""
    subscription = subscription_for_token(token)
    if subscription is None:
        return None
    email = subscription.comment.author_email
    same_address = ReplySubscription.objects.filter(pk=subscription.pk)
    if email:
        same_address = ReplySubscription.objects.filter(comment__author_email__iexact=email)
    same_address.filter(unsubscribed_at__isnull=True).update(unsubscribed_at=timezone.now())
    return subscription


# --- a reply is released ------------------------------------------------------------------


def on_decision_saved(sender, instance, created, **kwargs):
    """post_save receiver on moderation.Decision: a released reply may be news for someone."""
    if not created or instance.action not in RELEASING:
        return
    parent_id = instance.comment.parent_id
    if parent_id is None:
        return
    subscription = (
        ReplySubscription.objects.filter(comment_id=parent_id, unsubscribed_at__isnull=True)
        .select_related("comment")
        .first()
    )
    if subscription is None or _own_reply(subscription.comment, instance.comment):
        return
    ReplyNotice.objects.get_or_create(subscription=subscription, reply=instance.comment)
    wait = seconds_until_final(instance)
    deliver_reply_mails.enqueue_in(wait + UNDO_MARGIN_SECONDS if wait else 0, subscription.pk)


def _own_reply(comment, reply):
    return bool(reply.author_email) and reply.author_email.lower() == comment.author_email.lower()


def deliver_after_confirmation(email):
    """The address was just confirmed: send what waited for it."""
    waiting = (
        ReplyNotice.objects.filter(mailed_at__isnull=True, subscription__comment__author_email__iexact=email)
        .values_list("subscription_id", flat=True)
        .distinct()
    )
    for subscription_id in waiting:
        deliver_reply_mails.enqueue(subscription_id)


# --- the job --------------------------------------------------------------------------------


@job()
def deliver_reply_mails(subscription_id):
    """Mail the subscription's author about due replies in its article (idempotent)."""
    deliver(subscription_id)


def deliver(subscription_id, now=None):
    """Send the mail that is due now; return the number of replies told (0: none due yet).

    Runs again by itself (a later job) when something is still to wait for: the undo
    window of a release, or the hour since the last mail about this article.
    """
    now = now or timezone.now()
    subscription = (
        ReplySubscription.objects.select_related("comment__article").filter(pk=subscription_id).first()
    )
    if subscription is None or not subscription.comment.author_email:
        return 0
    email, article = subscription.comment.author_email, subscription.comment.article
    if not address_confirmed(email):
        return 0  # deliver_after_confirmation() sends it once the owner confirms
    notices = _pending_notices(email, article, now)
    if not notices:
        return 0
    retry_in = _seconds_until_mail_allowed(email, article, now)
    if retry_in:
        deliver_reply_mails.enqueue_in(retry_in, subscription_id)
        return 0
    claimed = _claim(notices, now)
    if not claimed:
        return 0  # another run got there first
    try:
        _send(subscription, claimed)
    except Exception:
        ReplyNotice.objects.filter(pk__in=[notice.pk for notice in claimed]).update(mailed_at=None)
        raise  # the job mechanism tries again later
    return len(claimed)


def _notices_for(email, article):
    return ReplyNotice.objects.filter(
        subscription__comment__author_email__iexact=email, subscription__comment__article=article
    )


def _pending_notices(email, article, now):
    """Due notices whose reply is still public and whose release can no longer be undone."""
    pending = list(
        _notices_for(email, article)
        .filter(mailed_at__isnull=True, subscription__unsubscribed_at__isnull=True)
        .select_related("reply", "subscription__comment")
        .order_by("reply__created_at")
    )
    due = []
    for notice in pending:
        if notice.reply.status != Status.RELEASED:
            notice.delete()  # taken back: told again only if it is released again
            continue
        release = (
            notice.reply.decisions.standing()
            .filter(action__in=RELEASING)
            .order_by("-created_at", "-pk")
            .first()
        )
        wait = seconds_until_final(release, now)
        if wait:
            deliver_reply_mails.enqueue_in(wait + UNDO_MARGIN_SECONDS, notice.subscription_id)
            continue
        due.append(notice)
    return due


def _seconds_until_mail_allowed(email, article, now):
    last = _notices_for(email, article).aggregate(last=Max("mailed_at"))["last"]
    if last is None or now - last >= MAIL_INTERVAL:
        return 0
    return int((last + MAIL_INTERVAL - now).total_seconds()) + 1


def _claim(notices, now):
    """Mark the notices as mailed; only the run whose update took them sends the mail."""
    with transaction.atomic():
        ids = [notice.pk for notice in notices]
        taken = ReplyNotice.objects.filter(pk__in=ids, mailed_at__isnull=True).update(mailed_at=now)
        if taken != len(ids):
            transaction.set_rollback(True)
            return []
    return notices


def _send(subscription, notices):
    comment = subscription.comment
    language = subscription.language if subscription.language in ("de", "en") else "de"
    link = public_url(f"/compliance/replies/unsubscribe/{unsubscribe_token(subscription)}")
    replies = [notice.reply for notice in notices]
    context = {
        "language": language,
        "name": comment.author_name,
        "article": comment.article,
        "replies": replies[:QUOTED_REPLIES],
        "more": max(0, len(replies) - QUOTED_REPLIES),
        "count": len(replies),
        "thread_link": _comment_link(comment.article, replies[0].pk),
        "unsubscribe_link": link,
    }
    body = render_to_string("compliance/mail/replies.txt", context)
    subject = SUBJECTS["one" if len(replies) == 1 else "many"][language]
    message = EmailMessage(
        subject,
        body,
        None,
        [comment.author_email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()


def _comment_link(article, comment_id):
    if not article.url:
        return ""
    return f"{article.url.split('#')[0]}#freigabe-comment-{comment_id}"
