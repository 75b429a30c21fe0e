from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from freigabe.articles.rules import default_house_rules
from freigabe.tokens import secret_matches


class Site(models.Model):
    """A publisher: one news site with its own key, origins, guidelines and house rules."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    api_key_hash = models.CharField(max_length=64, editable=False)
    allowed_origins = models.JSONField(
        default=list, blank=True, help_text=_("Origins allowed to embed the widget.")
    )
    guidelines = models.TextField(blank=True)
    house_rules = models.JSONField(default=default_house_rules, blank=True)
    # Per-site assessor settings: thresholds, link domain policy, target precision.
    assessor_settings = models.JSONField(default=dict, blank=True)
    # Reader single sign-on: the publisher signs a JWT for its logged-in reader.
    # HS256 keeps a shared secret here; RS256 keeps only the publisher's public key.
    sso_algorithm = models.CharField(
        max_length=5, blank=True, choices=[("HS256", "HS256"), ("RS256", "RS256")]
    )
    sso_key = models.TextField(blank=True)
    # Comments close by themselves this many days after an article's publication (None: never).
    close_comments_after_days = models.PositiveIntegerField(null=True, blank=True)
    # When editors check comments: {"spec": "Mo-Fr 07:00-23:00; Sa,So 09:00-20:00",
    # "timezone": "Europe/Berlin", "exceptions": "2026-12-24 09:00-12:00"}; empty: always.
    review_hours = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.name

    def key_matches(self, api_key):
        return secret_matches(api_key, self.api_key_hash)


class Article(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="articles")
    external_id = models.CharField(max_length=200)
    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    comments_open = models.BooleanField(default=True)
    # The newsroom's section (Ressort: "Politik", "Sport"); editors' queues are cut by it.
    section = models.CharField(max_length=100, blank=True, db_index=True)
    # Extracted metadata from imports (authors, agencies, image caption and credit, ...).
    metadata = models.JSONField(default=dict, blank=True)
    # Bumped by every change to what the public thread shows; part of its cache key.
    thread_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "external_id"], name="unique_article_per_site")
        ]
        ordering = ["-published_at", "-created_at"]

    def __str__(self):
        return self.title

    @property
    def text_missing(self):
        return not self.body.strip()

    def closed_reason(self, now=None):
        """Why readers cannot comment now ("closed", "expired"), or None while it is open."""
        days = self.site.close_comments_after_days
        return closed_reason(self.comments_open, self.published_at, days, now)

    def closes_at(self):
        return closing_time(self.published_at, self.site.close_comments_after_days)


CLOSED_BY_PUBLISHER = "closed"
CLOSED_AFTER_DAYS = "expired"


def closing_time(published_at, close_after_days):
    """When comments close by themselves, or None if they never do."""
    if not close_after_days or published_at is None:
        return None
    return published_at + timedelta(days=close_after_days)


def closed_reason(comments_open, published_at, close_after_days, now=None):
    if not comments_open:
        return CLOSED_BY_PUBLISHER
    closes = closing_time(published_at, close_after_days)
    if closes is not None and (now or timezone.now()) >= closes:
        return CLOSED_AFTER_DAYS
    return None


from freigabe.articles.site_models import SiteModel  # noqa: E402,F401
