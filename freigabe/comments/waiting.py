"""An honest estimate of how long a pending comment waits for the editors.

The pace is learnt from the site's decisions as they are made (`note_decision`, kept in
one WaitingStats row per site); a submission reads that row and counts the comments
ahead of it in triage order: two indexed queries. The model itself is plain Python in
wait_model.py; the site's hours in review_hours.py.
"""

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from freigabe.articles.models import Site
from freigabe.articles.review_hours import ReviewHours
from freigabe.comments.models import Comment, Status, WaitingStats
from freigabe.comments.triage import NAMED_SUGGESTIONS, TRIAGE_GROUPS, suggestion_rank
from freigabe.comments.wait_model import QueueStats, WaitEstimate, closed_for, estimate

# How far back a rebuild of the record reads (after an undo, or for a site without one).
REBUILD_WINDOW = timedelta(days=28)
REBUILD_LIMIT = 5000


def site_hours(site):
    """The site's review hours; a stored setting that no longer parses counts as always."""
    return ReviewHours.of_site(site.review_hours)


def default_per_hour():
    return float(settings.FREIGABE_DEFAULT_DECISIONS_PER_HOUR)


def load_stats(site):
    row = WaitingStats.objects.filter(site=site).values_list("state", flat=True).first()
    return QueueStats.from_json(row) if row else QueueStats()


def pending_ahead(site, suggestion, before=None):
    """Pending comments a comment with this suggestion waits for, in triage order.

    `before`: the comment's own submission time (an existing comment); without it, a
    comment joining the queue now, behind everything of its own and better groups.
    """
    rank = suggestion_rank(suggestion)
    pending = Comment.objects.filter(article__site=site, status=Status.PENDING)
    if before is None:
        return pending.filter(_in_groups(range(rank + 1))).count()
    earlier_in_own_group = _in_groups([rank]) & Q(created_at__lt=before)
    return pending.filter(_in_groups(range(rank)) | earlier_in_own_group).count()


def _in_groups(ranks):
    """A filter for comments whose suggestion falls in these triage groups."""
    ranks = set(ranks)
    inside = [s for rank, group in enumerate(TRIAGE_GROUPS) if rank in ranks for s in group]
    if None in inside:  # the catch-all group: everything not named elsewhere
        outside = [s for s in NAMED_SUGGESTIONS if s not in inside]
        return ~Q(suggestion__in=outside)
    return Q(suggestion__in=inside) if inside else Q(pk__in=[])


def estimate_for_submission(site, suggestion, now=None):
    """(WaitEstimate, comments ahead) for a comment joining the queue: one query.

    The site's record is decoded once per process and version (its updated_at), not on
    every submission.
    """
    rank = suggestion_rank(suggestion)
    condition, values = _ahead_condition(rank)
    with connection.cursor() as cursor:
        cursor.execute(
            _SUBMISSION_SQL.format(condition=condition), [site.pk, Status.PENDING, *values, site.pk]
        )
        ahead, stamp = cursor.fetchone()
    return estimate_wait(site, suggestion, ahead=ahead, now=now, stats=_stats_at(site, stamp)), ahead


_SUBMISSION_SQL = (
    "SELECT (SELECT COUNT(*) FROM {comments} c JOIN {articles} a ON a.id = c.article_id"
    " WHERE a.site_id = %s AND c.status = %s AND {{condition}}),"
    " (SELECT updated_at FROM {stats} WHERE site_id = %s)"
).format(
    comments=Comment._meta.db_table,
    articles=Comment._meta.get_field("article").related_model._meta.db_table,
    stats=WaitingStats._meta.db_table,
)
_decoded = {}  # site id -> (updated_at as the database gave it, QueueStats)
MAX_DECODED_SITES = 1000


def _ahead_condition(rank):
    """SQL for "the suggestion falls in the triage groups up to `rank`" and its values."""
    inside = [s for group in TRIAGE_GROUPS[: rank + 1] for s in group]
    if None in inside:  # the catch-all group: everything not named in a later group
        outside = [s for s in NAMED_SUGGESTIONS if s not in inside]
        if not outside:
            return "1 = 1", []
        return f"c.suggestion NOT IN ({', '.join(['%s'] * len(outside))})", outside
    return f"c.suggestion IN ({', '.join(['%s'] * len(inside))})", inside


def _stats_at(site, stamp):
    if stamp is None:
        return QueueStats()
    known = _decoded.get(site.pk)
    if known is not None and known[0] == stamp:
        return known[1]
    stats = load_stats(site)
    if len(_decoded) >= MAX_DECODED_SITES:
        _decoded.clear()
    _decoded[site.pk] = (stamp, stats)
    return stats


def estimate_wait(site, suggestion="review", *, ahead=None, now=None, stats=None):
    """A WaitEstimate for a comment with this suggestion joining the site's queue now."""
    now = now or timezone.now()
    if ahead is None:
        ahead = pending_ahead(site, suggestion)
    stats = stats if stats is not None else load_stats(site)
    return estimate(stats, now, ahead, site_hours(site), default_per_hour(), rank=suggestion_rank(suggestion))


def estimate_for_pending(comment, now=None):
    """The remaining wait of a comment that is pending now (for its author's status)."""
    ahead = pending_ahead(comment.article.site, comment.suggestion, before=comment.created_at)
    return estimate_wait(comment.article.site, comment.suggestion, ahead=ahead, now=now)


def promise_fields(wait, ahead, now=None):
    """The Comment fields that record what a new comment's author was told."""
    now = now or timezone.now()
    return {
        "wait_ahead": ahead,
        "wait_raw_seconds": wait.raw_seconds,
        "wait_promised_until": now + timedelta(seconds=wait.high),
    }


def note_decision(comment_id):
    """Learn from an editor's decision on a pending comment (after its transaction)."""
    comment = (
        Comment.objects.select_related("article__site")
        .filter(pk=comment_id)
        .only("created_at", "decided_at", "suggestion", "wait_ahead", "wait_raw_seconds", "article__site")
        .first()
    )
    if comment is None or comment.decided_at is None:
        return
    site = comment.article.site
    hours = site_hours(site)
    with transaction.atomic():
        row, _ = WaitingStats.objects.select_for_update().get_or_create(site=site)
        stats = QueueStats.from_json(row.state)
        _learn(stats, comment, hours)
        row.state = stats.to_json()
        row.save(update_fields=["state", "updated_at"])


def _learn(stats, comment, hours):
    rank = suggestion_rank(comment.suggestion)
    stats.observe(comment.created_at, comment.decided_at, hours, rank)
    waited = (comment.decided_at - comment.created_at).total_seconds()
    closed = closed_for(hours, comment.created_at)
    stats.learn_outcome(rank, comment.wait_ahead, comment.wait_raw_seconds, waited, closed)


def rebuild_stats(site):
    """Recompute the site's record from its comments' final decisions (after an undo).

    A comment decided, taken back and decided again counts once, at its final decision.
    """
    decided = (
        Comment.objects.filter(
            article__site=site, decided_at__gte=timezone.now() - REBUILD_WINDOW, decisions__automated=False
        )
        .exclude(status=Status.PENDING)
        .distinct()
        .only("created_at", "decided_at", "suggestion", "wait_ahead", "wait_raw_seconds")
        .order_by("-decided_at")[:REBUILD_LIMIT]
    )
    hours = site_hours(site)
    stats = QueueStats()
    for comment in sorted(decided, key=lambda c: c.decided_at):
        _learn(stats, comment, hours)
    WaitingStats.objects.update_or_create(site=site, defaults={"state": stats.to_json()})
    return stats


def as_json(wait: WaitEstimate):
    """The estimate as the API shows it."""
    return {
        "expected_wait_seconds": wait.seconds,
        "expected_wait_range": wait.range,
        "review_resumes_at": wait.resumes_at.isoformat() if wait.resumes_at else None,
    }


def queue_outlook(pending, now=None):
    """What editors should know of the queue they work (`pending`: its pending comments, of
    all sites, one site, or a section): time to clear it, the oldest waiting comment, and
    promises to readers that are broken or about to be."""
    now = now or timezone.now()
    oldest = pending.order_by("created_at").values_list("created_at", flat=True).first()
    total = pending.count()
    clear = _slowest_site_estimate(pending, now) if total else None
    clears_at = now + timedelta(seconds=clear.seconds) if clear else now
    broken = pending.filter(wait_promised_until__lt=now).count()
    at_risk = pending.filter(wait_promised_until__gte=now, wait_promised_until__lt=clears_at).count()
    return {
        "pending": total,
        "oldest_waiting_seconds": round((now - oldest).total_seconds()) if oldest else 0,
        "clear_seconds": clear.seconds if clear else 0,
        "clear_range": clear.range if clear else [0, 0],
        "resumes_at": clear.resumes_at if clear else None,
        "promises_broken": broken,
        "promises_at_risk": at_risk,
    }


def _slowest_site_estimate(pending, now):
    """Each site's share of the queue at its editors' pace; across sites, the site whose
    share takes longest to clear speaks for all."""
    counts = dict(pending.values_list("article__site_id").annotate(n=Count("pk")).order_by())
    estimates = [
        estimate_wait(site, "reject", ahead=counts[site.pk] - 1, now=now)
        for site in Site.objects.filter(pk__in=counts)
    ]
    return max(estimates, key=lambda wait: wait.seconds)
