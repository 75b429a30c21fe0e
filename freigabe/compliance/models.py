"""Accountability records: notices (DSA Art. 16), appeals (Art. 20), email consent, erasures."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from freigabe.articles.models import Site
from freigabe.comments.models import Comment
from freigabe.moderation.models import Decision

ILLEGAL = "illegal"


class Notice(models.Model):
    """All reports about one comment while it is open: editors resolve them together."""

    class State(models.TextChoices):
        OPEN = "open", _("offen")
        RESOLVED = "resolved", _("erledigt")

    class Outcome(models.TextChoices):
        REMOVED = "removed", _("entfernt")
        KEPT = "kept", _("beibehalten")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="notices")
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    report_count = models.PositiveIntegerField(default=0)
    # Whether any report says the comment is illegal (not merely against the house rules).
    alleges_illegality = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    last_reported_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    legal_ground = models.CharField(max_length=40, blank=True)
    # For the legal ground "other": the provision the editor names (e.g. "§ 201a StGB").
    legal_provision = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="notice"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment"], condition=Q(state="open"), name="one_open_notice_per_comment"
            ),
        ]
        ordering = ["created_at"]

    def __str__(self):
        return f"notice #{self.pk} on comment #{self.comment_id} ({self.state})"


class Report(models.Model):
    """One reader's report. No IP address is stored; the rate limit keeps its hash in the cache."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=20)
    legal_ground = models.CharField(max_length=40, blank=True)
    explanation = models.TextField()
    reporter_name = models.CharField(max_length=80, blank=True)
    reporter_email = models.EmailField(blank=True)
    language = models.CharField(max_length=2, default="de")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at"]


class Appeal(models.Model):
    """A complaint (Art. 20) decided by a different editor: an author's against a rejection,
    removal or ban, or a reporter's against the decision to keep the comment they reported.
    Exactly one of `decision`, `restriction` and `notice` is what is appealed against."""

    class State(models.TextChoices):
        OPEN = "open", _("offen")
        DECIDED = "decided", _("entschieden")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Entscheidung bestätigt")
        REVERSED = "reversed", _("Entscheidung aufgehoben")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="appeals")
    decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.CASCADE, related_name="appeal"
    )
    restriction = models.OneToOneField(
        "AccountRestriction", null=True, blank=True, on_delete=models.CASCADE, related_name="appeal"
    )
    # A reporter's appeal against keeping the comment: the report (one appeal each).
    report = models.OneToOneField(
        "Report", null=True, blank=True, on_delete=models.CASCADE, related_name="appeal"
    )
    explanation = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reinstatement = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"appeal #{self.pk} against decision #{self.decision_id} ({self.state})"

    @property
    def kind(self):
        """What is appealed against: "decision", "ban" or (a reporter's) "report"."""
        if self.restriction_id:
            return "ban"
        return "report" if self.report_id else "decision"


class NotificationRequest(models.Model):
    """An author's opt-in to hear about their comment by email, and in which language."""

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="notification_request")
    language = models.CharField(max_length=2, default="de")
    created_at = models.DateTimeField(auto_now_add=True)
    # When the author was told the first outcome (release or rejection): they get one such mail.
    notified_at = models.DateTimeField(null=True, blank=True)


class OutcomeMail(models.Model):
    """That the author was mailed about this decision; created just before sending, once."""

    decision = models.OneToOneField(
        "moderation.Decision", on_delete=models.CASCADE, related_name="outcome_mail"
    )
    sent_at = models.DateTimeField(auto_now_add=True)


class EmailAddress(models.Model):
    """Double opt-in: mails about outcomes go only to addresses confirmed by their owner."""

    email = models.EmailField(unique=True)  # stored lower-cased
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    @property
    def confirmed(self):
        return self.confirmed_at is not None


class SitePrivacyPolicy(models.Model):
    """How a site erases an author: delete their comments or keep them anonymised."""

    class ErasureMode(models.TextChoices):
        REMOVE = "remove", _("Kommentare löschen")
        ANONYMISE = "anonymise", _("Kommentare anonymisiert behalten")

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="privacy_policy")
    erasure_mode = models.CharField(max_length=10, choices=ErasureMode.choices, default=ErasureMode.ANONYMISE)


class Erasure(models.Model):
    """That an erasure happened, and how much it touched: deliberately no trace of who."""

    created_at = models.DateTimeField(auto_now_add=True)
    # "remove" or "anonymise" when asked for explicitly, "policy" when each site's policy applied.
    mode = models.CharField(max_length=10)
    comments_removed = models.PositiveIntegerField(default=0)
    comments_anonymised = models.PositiveIntegerField(default=0)
    reports_anonymised = models.PositiveIntegerField(default=0)


class AccountRestriction(models.Model):
    """A ban or suspension as a decision with a statement of reasons (DSA Art. 17).

    `comment` is the author's latest comment when the ban was imposed (whom we tell,
    which site's provider reports it, what the author may appeal from).
    """

    ban = models.OneToOneField("moderation.Ban", on_delete=models.CASCADE, related_name="restriction")
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The house rules the author's rejected or removed comments broke, most frequent first.
    reasons = models.JSONField(default=list, blank=True)
    first_content_at = models.DateTimeField(null=True, blank=True)
    statement_of_reasons = models.JSONField(default=dict, blank=True)
    # When the author first learned of it (mail or refused comment): the appeal window opens.
    informed_at = models.DateTimeField(null=True, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"restriction for ban #{self.ban_id}"


class StatementSubmission(models.Model):
    """One statement of reasons for the DSA Transparency Database and whether it arrived.

    Made with the decision (or ban); `freigabe submit-statements` sends the pending ones.
    The record itself is built when it is sent, from the decision, so no personal data is
    stored twice; `sent_record` keeps what was sent.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("ausstehend")
        SUBMITTED = "submitted", _("übermittelt")
        # The decision was undone in its undo window or erased: nothing to report.
        WITHDRAWN = "withdrawn", _("entfallen")

    puid = models.CharField(max_length=500, unique=True)
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="dsa_submission"
    )
    restriction = models.OneToOneField(
        AccountRestriction, null=True, blank=True, on_delete=models.SET_NULL, related_name="dsa_submission"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    # Why the last attempt failed: field -> messages from the database or our validator.
    errors = models.JSONField(default=dict, blank=True)
    last_error = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    database_uuid = models.CharField(max_length=64, blank=True)
    sent_record = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["state", "created_at"], name="submission_state")]

    def __str__(self):
        return f"{self.puid} ({self.state})"


class ReplySubscription(models.Model):
    """An author's opt-in to a mail when a reply to their comment is released.

    The address is the comment's own (confirmed through EmailAddress, like outcome mails):
    erasing or anonymising the author ends the subscription with it.
    """

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="reply_subscription")
    language = models.CharField(max_length=2, default="de")
    created_at = models.DateTimeField(auto_now_add=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)


class ReplyNotice(models.Model):
    """A released reply its parent's author is to hear of; `mailed_at` once they have.

    One mail tells every notice due for the same address and article, at most one per hour.
    """

    subscription = models.ForeignKey(ReplySubscription, on_delete=models.CASCADE, related_name="notices")
    reply = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    mailed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscription", "reply"], name="one_notice_per_reply")]
