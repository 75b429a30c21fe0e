from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from freigabe.comments.models import Comment, Status


class Action(models.TextChoices):
    RELEASE = "release", _("freigeben")
    REJECT = "reject", _("ablehnen")
    REMOVE = "remove", _("entfernen")
    REINSTATE = "reinstate", _("wiederherstellen")


class Decision(models.Model):
    """One recorded change of a comment's status: who, when, what and why."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="decisions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="decisions")
    action = models.CharField(max_length=10, choices=Action.choices)
    from_status = models.CharField(max_length=10, choices=Status.choices)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    reasons = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)
    # What the assessor suggested at the time, to measure how often editors overrode it.
    suggested = models.CharField(max_length=10, blank=True)
    automated = models.BooleanField(default=False)
    statement_of_reasons = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("decide_comment", "Can release, reject and remove comments"),
            ("decide_appeal", "Can decide appeals"),
            ("ban_author", "Can suspend and ban authors"),
        ]

    def __str__(self):
        return f"{self.action} #{self.comment_id} by {self.actor_id}"
