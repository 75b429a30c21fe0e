from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from freigabe.comments.models import Comment, Status


class Action(models.TextChoices):
    RELEASE = "release", _("freigeben")
    REJECT = "reject", _("ablehnen")
    REMOVE = "remove", _("entfernen")
    REINSTATE = "reinstate", _("wiederherstellen")
    UNDO = "undo", _("rückgängig gemacht")


class DecisionQuerySet(models.QuerySet):
    def standing(self):
        """Decisions that still count: neither an undo nor a decision that was undone."""
        return self.exclude(action=Action.UNDO).filter(reverted_by__isnull=True)


class Decision(models.Model):
    """One recorded change of a comment's status: who, when, what and why."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="decisions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    from_status = models.CharField(max_length=10, choices=Status.choices)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    reasons = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)
    # What the assessor suggested at the time, to measure how often editors overrode it.
    suggested = models.CharField(max_length=10, blank=True)
    automated = models.BooleanField(default=False)
    # Brought in with the comment history from another system (import-comments): the
    # original editors' decision, for site learning; no statement of reasons, no mail.
    imported = models.BooleanField(default=False)
    statement_of_reasons = models.JSONField(null=True, blank=True)
    # For an undo: the decision it reverted.
    reverts = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reverted_by"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("decide_comment", "Can release, reject and remove comments"),
            ("decide_appeal", "Can decide appeals"),
            ("ban_author", "Can suspend and ban authors"),
        ]
        indexes = [
            models.Index(fields=["actor", "created_at"], name="decision_actor_recent"),
        ]

    def __str__(self):
        return f"{self.action} #{self.comment_id} by {self.actor_id}"


class ClaimQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(expires_at__gt=now or timezone.now())


class Claim(models.Model):
    """An editor is looking at a pending comment; colleagues' queues skip it until it expires.

    Kept in the database (not a per-process cache) so it holds across workers and servers.
    """

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="claim")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims")
    claimed_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    objects = ClaimQuerySet.as_manager()

    def __str__(self):
        return f"#{self.comment_id} claimed by {self.editor_id} until {self.expires_at}"


class BanKind(models.TextChoices):
    ACCOUNT = "account", _("Konto")
    EMAIL = "email", _("E-Mail-Adresse")
    IP = "ip", _("IP-Hash")


class Ban(models.Model):
    """An author may not comment until `ends_at` (never, if empty) unless the ban is lifted."""

    kind = models.CharField(max_length=10, choices=BanKind.choices)
    # The reader's account id (from single sign-on), the lower-cased email or the IP hash.
    value = models.CharField(max_length=254)
    reason = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="bans_imposed"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="bans_lifted"
    )
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "value"], name="ban_lookup")]

    def __str__(self):
        return f"{self.kind}:{self.value[:12]}"

    @property
    def is_suspension(self):
        return self.ends_at is not None


class AuditEntry(models.Model):
    """Who did what, when: decisions, undos, bans, lifts and settings changes."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    action = models.CharField(max_length=40)
    target = models.CharField(max_length=200, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target}"


class AuthorNote(models.Model):
    """An editor's dated note on an author, found again by the identity bans use."""

    kind = models.CharField(max_length=10, choices=BanKind.choices)
    # As Ban.value: the reader's account id, the lower-cased email or the IP hash.
    value = models.CharField(max_length=254)
    body = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="author_notes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "value"], name="author_note_lookup")]

    def __str__(self):
        return f"{self.kind}:{self.value[:12]} {self.created_at:%Y-%m-%d}"


class EditorSection(models.Model):
    """A section (Ressort) an editor looks after: their queue opens on their sections."""

    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="queue_sections"
    )
    section = models.CharField(max_length=100)

    class Meta:
        ordering = ["section"]
        constraints = [models.UniqueConstraint(fields=["editor", "section"], name="unique_editor_section")]
        permissions = [("manage_sections", "Can assign sections and mark critical stories")]

    def __str__(self):
        return f"{self.editor_id}: {self.section}"


class StoryGroup(models.Model):
    """A named set of articles (critical stories) that editors can work as one queue."""

    name = models.CharField(max_length=200, unique=True)
    articles = models.ManyToManyField("articles.Article", related_name="story_groups", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="story_groups"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
