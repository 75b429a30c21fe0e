"""A site's own assessor model versions: stored, activated, rolled back, served.

Each version is a skops archive of plain arrays (see assessment/site_model.py) kept in
the database, so that every web worker sees the same active version without a shared
disk. At most one version per site is active.
"""

import threading
from urllib.parse import urlsplit

from django.db import models, transaction
from django.utils import timezone

from freigabe.assessment.site_model import SiteScorer


class SiteModel(models.Model):
    """One trained version of a site's own model, with how it did when it was trained."""

    site = models.ForeignKey("articles.Site", on_delete=models.CASCADE, related_name="site_models")
    version = models.PositiveIntegerField()
    archive = models.BinaryField()
    active = models.BooleanField(default=False)
    # {"review": p, "reject": p or null} for the site-level reject probability.
    thresholds = models.JSONField(default=dict, blank=True)
    metrics = models.JSONField(default=dict, blank=True)
    n_train = models.PositiveIntegerField(default=0)
    n_test = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    activated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["site", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["site", "version"], name="site_model_version_unique"),
            models.UniqueConstraint(
                fields=["site"], condition=models.Q(active=True), name="one_active_site_model"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return f"site:{self.site.slug}:v{self.version}"


class NoSuchVersion(Exception):
    pass


def save_version(site, scorer, result, activate):
    """Store a trained model as the site's next version, in one short transaction."""
    data = scorer.to_bytes()
    with transaction.atomic():
        # Two runs for one site at once must not both take the same version number.
        type(site).objects.select_for_update().filter(pk=site.pk).first()
        latest = SiteModel.objects.filter(site=site).aggregate(models.Max("version"))["version__max"]
        stored = SiteModel.objects.create(
            site=site,
            version=(latest or 0) + 1,
            archive=data,
            thresholds=scorer.thresholds.to_dict(),
            metrics=result.metrics,
            n_train=result.n_train,
            n_test=result.n_test,
        )
        if activate:
            _make_active(stored)
    return stored


def activate_version(site, version=None):
    """Reactivate `version`, or the version before the active one; returns it."""
    with transaction.atomic():
        versions = SiteModel.objects.select_for_update().filter(site=site)
        if version is None:
            active = versions.filter(active=True).first()
            target = (
                versions.filter(version__lt=active.version).order_by("-version").first() if active else None
            )
            if target is None:
                raise NoSuchVersion(f"site {site.slug} has no earlier model version to roll back to")
        else:
            target = versions.filter(version=version).first()
            if target is None:
                raise NoSuchVersion(f"site {site.slug} has no model version {version}")
        _make_active(target)
    return target


def _make_active(stored):
    SiteModel.objects.filter(site_id=stored.site_id, active=True).exclude(pk=stored.pk).update(active=False)
    stored.active = True
    stored.activated_at = timezone.now()
    stored.save(update_fields=["active", "activated_at"])


# --- serving: one load per (site, version) per process -----------------------------------

_scorers = {}
_lock = threading.Lock()


def active_scorer(site):
    """The site's active SiteScorer, or None. The archive is read once per version."""
    row = (
        SiteModel.objects.filter(site_id=site.pk, active=True)
        .values_list("pk", "version", "created_at")
        .first()
    )
    if row is None:
        return None
    pk, version, created_at = row
    # created_at too: test databases reuse ids, and a stale model must never be served.
    key = (site.pk, version, created_at)
    scorer = _scorers.get(key)
    if scorer is None:
        with _lock:
            scorer = _scorers.get(key) or _load(site, pk, version)
            for stale in [cached for cached in _scorers if cached[0] == site.pk]:
                del _scorers[stale]
            _scorers[key] = scorer
    return scorer


def _load(site, pk, version):
    archive = SiteModel.objects.values_list("archive", flat=True).get(pk=pk)
    return SiteScorer.from_bytes(archive, version=f"site:{site.slug}:v{version}")


def forget_loaded_scorers():
    """Drop cached site models (tests)."""
    with _lock:
        _scorers.clear()


def site_assessor_settings(site):
    """The site's assessor settings, knowing its own domains (never advertising)."""
    settings = dict(site.assessor_settings or {})
    own = {urlsplit(origin).hostname for origin in site.allowed_origins}
    settings["site_domains"] = sorted({*settings.get("site_domains", ()), *filter(None, own)})
    return settings
