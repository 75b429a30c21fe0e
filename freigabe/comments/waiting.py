"""An honest estimate of how long a pending comment waits for the editors."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from freigabe.comments.models import Comment, Status

RECENT_WINDOW = timedelta(hours=2)
MIN_RECENT_DECISIONS = 5
# Even an empty queue needs someone to open and read the comment.
MINIMUM_WAIT_SECONDS = 60


def decisions_per_hour(site):
    """The site's recent decision rate, or the configured default without enough history."""
    from freigabe.moderation.models import Decision

    since = timezone.now() - RECENT_WINDOW
    recent = Decision.objects.standing().filter(
        comment__article__site=site, created_at__gte=since, automated=False
    ).count()
    if recent < MIN_RECENT_DECISIONS:
        return float(settings.FREIGABE_DEFAULT_DECISIONS_PER_HOUR)
    return recent / (RECENT_WINDOW.total_seconds() / 3600)


def expected_wait_seconds(site, ahead=None):
    """Seconds until a comment with `ahead` comments before it is decided.

    Without `ahead`, a comment joining the end of the site's queue now.
    """
    if ahead is None:
        ahead = Comment.objects.filter(article__site=site, status=Status.PENDING).count()
    rate = max(decisions_per_hour(site), 1.0)
    return max(MINIMUM_WAIT_SECONDS, round((ahead + 1) / rate * 3600))


def queue_position(comment):
    """How many of the site's pending comments were submitted before this one."""
    return Comment.objects.filter(
        article__site_id=comment.article.site_id,
        status=Status.PENDING,
        created_at__lt=comment.created_at,
    ).count()
