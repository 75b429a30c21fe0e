"""Where imported comments came from, webhook subscriptions and their outbox, and the
keys and labels of the Perspective-compatible API."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from freigabe.articles.models import Site
from freigabe.comments.models import Comment


class ImportedComment(models.Model):
    """That a comment came from another system, under that system's id.

    Unique per site and source, so running the same import twice adds nothing.
    """

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="imported_comments")
    source = models.CharField(max_length=20)
    external_id = models.CharField(max_length=200)
    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="import_origin")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "source", "external_id"], name="unique_imported_comment"),
        ]

    def __str__(self):
        return f"{self.source}:{self.external_id} -> #{self.comment_id}"


EVENTS = (
    "comment.submitted",
    "comment.released",
    "comment.rejected",
    "comment.removed",
    "report.filed",
    "appeal.filed",
    "appeal.decided",
)


class Webhook(models.Model):
    """A newsroom system that wants to hear of events on a site.

    The secret signs every delivery (HMAC), so it is kept as is, like a site's SSO secret.
    """

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(max_length=1000)
    secret = models.CharField(max_length=100)
    events = models.JSONField(default=list)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["site", "pk"]

    def __str__(self):
        return f"{self.site.slug} -> {self.url}"


class Delivery(models.Model):
    """One event for one webhook: the outbox row, written in the event's own transaction."""

    class State(models.TextChoices):
        PENDING = "pending", _("wartet")
        DELIVERED = "delivered", _("zugestellt")
        FAILED = "failed", _("gescheitert")
        CANCELLED = "cancelled", _("zurückgenommen")

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=30)
    # "comment.released:1234": the same event is put in the outbox once per webhook.
    event_key = models.CharField(max_length=80)
    # The exact bytes we sign and send, fixed when the event happened.
    body = models.TextField()
    # A decision that may still be undone: sent only if it stands when the time comes.
    decision_id = models.BigIntegerField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_status = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["webhook", "event_key"], name="one_delivery_per_event"),
        ]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.event} -> webhook {self.webhook_id} ({self.state})"


class AssessorKey(models.Model):
    """A key for the Perspective-compatible API; only its hash is stored."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="assessor_keys")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"assessor key #{self.pk} for {self.site.slug}"


class SuggestedLabel(models.Model):
    """A moderator's verdict sent through `comments:suggestscore` (Coral sends one per
    decision: 0 approved, 1 rejected); site learning reads these as examples."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="suggested_labels")
    # Coral's "comment:<id>"; a later suggestion for the same comment replaces the earlier.
    client_token = models.CharField(max_length=200)
    attribute = models.CharField(max_length=40)
    text = models.TextField()
    value = models.FloatField()
    community_id = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "client_token", "attribute"], name="one_label_per_comment_and_attribute"
            ),
        ]

    def __str__(self):
        return f"{self.attribute}={self.value} for {self.client_token}"

    @property
    def rejected(self):
        return self.value >= 0.5
