"""Background jobs of the comments core."""

from freigabe.articles.models import Site
from freigabe.comments import waiting
from freigabe.jobs import job


@job()
def rebuild_waiting_stats(site_id):
    """Recompute a site's record of the editors' pace (after an undo). Idempotent."""
    site = Site.objects.filter(pk=site_id).first()
    if site is not None:
        waiting.rebuild_stats(site)
