from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from freigabe.articles.models import Article, Site
from freigabe.rule_codes import ASSESSED_RULES


class Status(models.TextChoices):
    PENDING = "pending", _("wartet auf Prüfung")
    RELEASED = "released", _("freigegeben")
    REJECTED = "rejected", _("abgelehnt")
    REMOVED = "removed", _("entfernt")


class AuthorRole(models.TextChoices):
    READER = "reader", _("Leserin oder Leser")
    NEWSROOM = "newsroom", _("Redaktion")


class Comment(models.Model):
    """A reader's comment. Its status changes only through moderation.decisions.decide()."""

    # No index of its own: comment_article_status (article, status) serves every lookup by
    # article, and each index costs every submission a page write (docs/benchmarks.md).
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments", db_index=False)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author_name = models.CharField(max_length=80)
    author_email = models.EmailField(blank=True)
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    # The publisher's own reader id when the reader came in through single sign-on.
    author_external_id = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    assessment = models.JSONField(null=True, blank=True)
    model_version = models.CharField(max_length=100, blank=True)
    # Triage score: the assessor's highest rule score (0 = surely clean), for queue order.
    risk = models.FloatField(default=0.0)
    # The assessor's suggested decision: release, review or reject.
    suggestion = models.CharField(max_length=10, blank=True)
    # Each rule's score, copied from the assessment so the queue can filter by rule and
    # score without reading the JSON of every pending comment.
    score_insinuation = models.FloatField(default=0.0)
    score_insult = models.FloatField(default=0.0)
    score_aggression = models.FloatField(default=0.0)
    score_advertising = models.FloatField(default=0.0)
    score_off_topic = models.FloatField(default=0.0)
    ip_hash = models.CharField(max_length=64, blank=True)
    # Domains linked in the body, so the assessor can spot the same link posted repeatedly.
    link_domains = models.JSONField(default=list, blank=True)
    # Whether the widget's proof of work came with the comment (None: not checked).
    bot_check_passed = models.BooleanField(null=True, blank=True)
    # Compared with the comment found by its id, never searched for: no index.
    author_token_hash = models.CharField(max_length=64)
    # A short hash of the body: finds the same text again (a double post) by index.
    body_digest = models.CharField(max_length=16, blank=True)
    # Readers' recommendations ("Empfehlen"), counted in the transaction that stores each
    # Recommendation, so reading a thread never counts rows.
    recommendations = models.PositiveIntegerField(default=0)
    # An editor marked it as one of the best ("Redaktionsempfehlung").
    editors_pick = models.BooleanField(default=False)
    # READER for everyone outside; NEWSROOM for a reply an editor wrote as the newsroom.
    author_role = models.CharField(max_length=10, choices=AuthorRole.choices, default=AuthorRole.READER)
    # What the reader was told at submission (comments/waiting.py): the comments ahead
    # of it, the estimate before calibration and the end of the promised range, so the
    # site learns from its promises and editors see the ones about to be broken.
    wait_ahead = models.PositiveIntegerField(default=0)
    wait_raw_seconds = models.PositiveIntegerField(default=0)
    wait_promised_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "created_at"], name="comment_status_created"),
            models.Index(fields=["article", "status"], name="comment_article_status"),
            # The queue in triage order (id: its tie-break), and, article last so that the
            # index alone answers it, the count of comments ahead of a new one on its site
            # (comments/waiting.py), which read every pending comment's row.
            models.Index(
                fields=["status", "suggestion", "created_at", "id", "article"], name="comment_triage_article"
            ),
            models.Index(fields=["ip_hash", "created_at"], name="comment_ip_recent"),
            models.Index(fields=["body_digest"], name="comment_body_digest"),
            # The queue filtered by a score: these cover the filter and the triage order.
            models.Index(fields=["status", "risk", "suggestion", "created_at"], name="comment_risk"),
            *(
                models.Index(
                    fields=["status", f"score_{rule}", "suggestion", "created_at"],
                    name=f"comment_score_{rule}",
                )
                for rule in ASSESSED_RULES
            ),
        ]
        ordering = ["created_at"]

    def __str__(self):
        return f"#{self.pk} {self.author_name}: {self.body[:40]}"


class Recommendation(models.Model):
    """One reader recommends one released comment; one row per reader and comment.

    `reader_key` is a keyed hash of who the reader is (their single sign-on identity, or
    the random token a guest's widget keeps), never the identity itself.
    """

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="recommendation_set")
    reader_key = models.CharField(max_length=64)
    # Guests only: the salted address hash, to bound how many tokens one address may use.
    ip_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader_key"], name="one_recommendation_per_reader"),
        ]
        indexes = [models.Index(fields=["comment", "ip_hash"], name="recommendation_address")]


class WaitingStats(models.Model):
    """A site's running record of the editors' pace (comments/wait_model.QueueStats).

    Kept current when decisions are made, so a submission reads one row instead of
    counting decisions.
    """

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="waiting_stats")
    state = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
