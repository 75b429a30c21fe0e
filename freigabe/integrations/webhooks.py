"""Webhooks: events on a site, signed and delivered to the newsroom's own systems.

An event writes one outbox row (Delivery) per subscribed webhook in the same transaction
as the change itself, and enqueues a job; the worker sends it, never the request that
caused it. Each delivery is retried with exponential backoff for a day, then marked failed.
The body is fixed when the event happens; the signature is

    X-Freigabe-Signature: hex(HMAC-SHA256(secret, f"{X-Freigabe-Timestamp}.{body}"))
"""

import hashlib
import hmac
import json
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save
from django.utils import timezone

from freigabe.articles.models import Site
from freigabe.comments.display import safe_display_text
from freigabe.comments.models import Comment
from freigabe.compliance.models import Appeal, Report
from freigabe.integrations.models import EVENTS, Delivery, Webhook
from freigabe.integrations.safe_http import AddressRefused, is_loopback_host, post
from freigabe.jobs import job
from freigabe.moderation.models import Decision
from freigabe.tokens import new_secret

log = logging.getLogger(__name__)

RETRY_FOR = timedelta(days=1)
FIRST_RETRY_SECONDS = 30
MAX_RETRY_SECONDS = 3 * 3600
TIMEOUT_SECONDS = 10
# Releases and rejections may be undone for a few seconds: wait that long before telling.
UNDOABLE_DELAY_SECONDS = 12
USER_AGENT = "Freigabe-Webhooks/1"


class WebhookError(ValueError):
    """The webhook cannot be added; the message says why (in English, for the CLI).

    `code` and `params` let the settings page say it in the editor's language
    (integrations/error_messages.py).
    """

    def __init__(self, message, code="", **params):
        super().__init__(message)
        self.code, self.params = code, params


# --- managing webhooks ------------------------------------------------------------------------


def check_webhook_url(url):
    """https only, except to this machine (a local relay or a test receiver)."""
    from urllib.parse import urlsplit

    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise WebhookError("The webhook URL must be an absolute https:// URL.", "webhook_not_absolute")
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise WebhookError("The webhook URL must use https (http only on loopback).", "webhook_not_https")
    if parts.username or parts.password:
        raise WebhookError("The webhook URL must not contain credentials.", "webhook_credentials")
    return parts.geturl()


def parse_events(text):
    """ "comment.released,report.filed" -> a list; empty or None means every event."""
    events = [item.strip() for item in (text or "").split(",") if item.strip()]
    unknown = [item for item in events if item not in EVENTS]
    if unknown:
        raise WebhookError(
            f"Unknown event(s): {', '.join(unknown)}. Known events: {', '.join(EVENTS)}.",
            "webhook_unknown_events",
            events=", ".join(unknown),
            known=", ".join(EVENTS),
        )
    return list(dict.fromkeys(events)) or list(EVENTS)


def add_webhook(site, url, events=None):
    """Subscribe `url` to the site's events; return (webhook, secret)."""
    url = check_webhook_url(url)
    events = list(EVENTS) if events is None else parse_events(",".join(events))
    secret = new_secret("whsec_")
    webhook = Webhook.objects.create(site=site, url=url, secret=secret, events=events)
    return webhook, secret


def sign(secret, timestamp, body):
    """The signature of one delivery (see the module docstring and docs/webhooks.md)."""
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


# --- events into the outbox -------------------------------------------------------------------


def connect_signals():
    post_save.connect(_on_comment, sender=Comment, dispatch_uid="webhooks-comment")
    post_save.connect(_on_decision, sender=Decision, dispatch_uid="webhooks-decision")
    post_save.connect(_on_report, sender=Report, dispatch_uid="webhooks-report")
    post_save.connect(_on_appeal, sender=Appeal, dispatch_uid="webhooks-appeal")


DECISION_EVENTS = {
    "release": "comment.released",
    "reinstate": "comment.released",
    "reject": "comment.rejected",
    "remove": "comment.removed",
}


def _on_comment(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        comment = instance
        record_event(
            comment.article.site_id,
            "comment.submitted",
            f"comment.submitted:{comment.pk}",
            lambda: {"comment": comment_data(comment)},
        )


def _on_decision(sender, instance, created, raw=False, **kwargs):
    event = DECISION_EVENTS.get(instance.action)
    if not created or raw or event is None or instance.imported:
        return
    decision = instance
    undoable = decision.actor_id is not None and decision.action in ("release", "reject")
    record_event(
        decision.comment.article.site_id,
        event,
        f"{event}:{decision.pk}",
        lambda: {"comment": comment_data(decision.comment), "decision": decision_data(decision)},
        decision_id=decision.pk if undoable else None,
        delay=UNDOABLE_DELAY_SECONDS if undoable else 0,
    )


def _on_report(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        report = instance
        comment = report.notice.comment
        record_event(
            comment.article.site_id,
            "report.filed",
            f"report.filed:{report.pk}",
            lambda: {
                "report": {"id": report.pk, "reason": report.reason, "created_at": _iso(report.created_at)},
                "comment": comment_data(comment),
            },
        )


def _on_appeal(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    appeal = instance
    if created:
        event = "appeal.filed"
    elif appeal.state == "decided":
        event = "appeal.decided"
    else:
        return
    record_event(
        appeal.comment.article.site_id,
        event,
        f"{event}:{appeal.pk}",
        lambda: {"appeal": appeal_data(appeal), "comment": comment_data(appeal.comment)},
    )


def record_event(site_id, event, event_key, data, *, decision_id=None, delay=0):
    """Put the event in the outbox of each subscribed webhook and enqueue its sending.

    Runs inside the caller's transaction: the rows and the jobs commit or roll back with
    the change they report. `data` is a callable, so unsubscribed events cost one query.
    """
    webhooks = subscribed_webhooks(site_id, event)
    if not webhooks:
        return []
    envelope = {
        "id": event_key,
        "event": event,
        "occurred_at": _iso(timezone.now()),
        "site": Site.objects.values_list("slug", flat=True).get(pk=site_id),
        "data": data(),
    }
    body = json.dumps(envelope, ensure_ascii=False, sort_keys=True)
    due = timezone.now() + timedelta(seconds=delay)
    created = []
    for hook in webhooks:
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(
                    webhook=hook,
                    event=event,
                    event_key=event_key,
                    body=body,
                    decision_id=decision_id,
                    next_attempt_at=due,
                )
        except IntegrityError:  # this event is in this webhook's outbox already
            continue
        if delay:
            deliver_webhook.enqueue_in(delay, delivery.pk)
        else:
            deliver_webhook.enqueue(delivery.pk)
        created.append(delivery)
    return created


def subscribed_webhooks(site_id, event):
    """The site's active webhooks that want `event`, in the order they were added.

    Every comment asks this, and most sites have no webhook: one small raw statement on
    the (site_id) index, read fresh each time so a webhook added or switched off in any
    process counts at once. Building the ORM query (with its ordering join) cost a
    submission more than running it (docs/benchmarks.md).
    """
    events = Webhook._meta.get_field("events")
    with connection.cursor() as cursor:
        cursor.execute(_SUBSCRIPTIONS_SQL, [site_id, True])
        rows = cursor.fetchall()
    wanted = [
        pk for pk, subscribed in rows if event in (events.from_db_value(subscribed, None, connection) or ())
    ]
    if not wanted:
        return []
    return list(Webhook.objects.filter(pk__in=wanted).order_by("pk"))


_SUBSCRIPTIONS_SQL = f"SELECT id, events FROM {Webhook._meta.db_table} WHERE site_id = %s AND active = %s"


def comment_data(comment):
    article = comment.article
    return {
        "id": comment.pk,
        "article_id": article.external_id,
        "article_url": article.url,
        "parent_id": comment.parent_id,
        "author_name": comment.author_name,
        "body": safe_display_text(comment.body),
        "status": comment.status,
        "created_at": _iso(comment.created_at),
    }


def decision_data(decision):
    return {
        "id": decision.pk,
        "action": decision.action,
        "to_status": decision.to_status,
        "reasons": decision.reasons,
        "automated": decision.automated,
        "decided_at": _iso(decision.created_at),
    }


def appeal_data(appeal):
    return {
        "id": appeal.pk,
        "state": appeal.state,
        "outcome": appeal.outcome,
        "created_at": _iso(appeal.created_at),
        "decided_at": _iso(appeal.decided_at),
    }


def _iso(value):
    return value.isoformat() if value else None


# --- sending (in the worker) ------------------------------------------------------------------


@job(max_attempts=3)
def deliver_webhook(delivery_id):
    """The job: one attempt; a failure schedules the next one itself (backoff for a day)."""
    attempt_delivery(delivery_id)


def attempt_delivery(delivery_id, now=None):
    """Send a pending delivery once; return its state afterwards. Safe to run twice."""
    delivery = Delivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.state != Delivery.State.PENDING:
        return delivery.state if delivery else None
    now = now or timezone.now()
    if delivery.next_attempt_at > now:
        return delivery.state  # an earlier job for a later attempt: the later job sends it
    if delivery.decision_id and not _decision_stands(delivery.decision_id):
        _finish(delivery, Delivery.State.CANCELLED, error="The decision was undone.")
        return Delivery.State.CANCELLED
    if not delivery.webhook.active:
        _finish(delivery, Delivery.State.CANCELLED, error="The webhook was switched off.")
        return Delivery.State.CANCELLED
    timestamp = str(int(time.time()))
    body = delivery.body.encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Freigabe-Event": delivery.event,
        "X-Freigabe-Delivery": str(delivery.pk),
        "X-Freigabe-Timestamp": timestamp,
        "X-Freigabe-Signature": sign(delivery.webhook.secret, timestamp, body),
    }
    delivery.attempts += 1
    try:
        status = post(
            delivery.webhook.url,
            body,
            headers,
            timeout=TIMEOUT_SECONDS,
            allow_private=settings.FREIGABE_WEBHOOKS_ALLOW_PRIVATE,
        )
    except AddressRefused as error:
        # Our own policy, not a passing fault: trying again would only be refused again.
        _finish(delivery, Delivery.State.FAILED, error=str(error))
        return Delivery.State.FAILED
    except OSError as error:
        return _retry_later(delivery, now, error=f"{type(error).__name__}: {error}")
    delivery.last_status = status
    if 200 <= status < 300:
        _finish(delivery, Delivery.State.DELIVERED, delivered_at=timezone.now())
        return Delivery.State.DELIVERED
    return _retry_later(delivery, now, error=f"The receiver answered {status}.")


def _retry_later(delivery, now, error):
    delay = min(FIRST_RETRY_SECONDS * 2 ** (delivery.attempts - 1), MAX_RETRY_SECONDS)
    next_attempt = now + timedelta(seconds=delay)
    if next_attempt > delivery.created_at + RETRY_FOR:
        _finish(delivery, Delivery.State.FAILED, error=error)
        return Delivery.State.FAILED
    delivery.next_attempt_at = next_attempt
    delivery.last_error = error[:2000]
    delivery.save(update_fields=["attempts", "next_attempt_at", "last_error", "last_status"])
    deliver_webhook.enqueue_in(delay, delivery.pk)
    log.warning(
        "webhook delivery %s failed (attempt %s), next in %s s", delivery.pk, delivery.attempts, delay
    )
    return delivery.state


def _finish(delivery, state, error="", delivered_at=None):
    delivery.state = state
    delivery.last_error = error[:2000]
    delivery.delivered_at = delivered_at
    delivery.save(update_fields=["state", "attempts", "last_error", "last_status", "delivered_at"])


def _decision_stands(decision_id):
    return Decision.objects.standing().filter(pk=decision_id).exists()


def recent_deliveries(site, limit=100):
    return (
        Delivery.objects.filter(webhook__site=site)
        .select_related("webhook")
        .order_by("-created_at", "-pk")[:limit]
    )
