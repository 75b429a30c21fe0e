"""What waits for editors in compliance: open report groups and open appeals.

Plain querysets for the moderation UI and API; decide them with
`reports.decide_report_group` and `appeals.decide_appeal`.
"""

from django.db.models import Prefetch

from freigabe.comments.models import Status
from freigabe.compliance.models import Appeal, Notice, Report


def reported_comments(site=None):
    """Open notices (one per reported, still public comment), most urgent first.

    Each Notice has `.comment` (with article and site) and `.reports`, and is decided
    by its id: the report group id.
    """
    notices = (
        Notice.objects.filter(state=Notice.State.OPEN, comment__status=Status.RELEASED)
        .select_related("comment__article__site")
        .prefetch_related(Prefetch("reports", queryset=Report.objects.order_by("pk")))
    )
    if site is not None:
        notices = notices.filter(comment__article__site__slug=site)
    # Alleged crimes first, then the most reported, then the oldest.
    return notices.order_by("-alleges_illegality", "-report_count", "created_at", "pk")


def open_case_counts():
    """The workspace's tab counts of what compliance keeps: reported comments, open appeals."""
    return {"reported": reported_comments().count(), "appeals": pending_appeals().count()}


def pending_appeals(site=None):
    """Open appeals, oldest first, each with the decision appealed against and its comment."""
    appeals = Appeal.objects.filter(state=Appeal.State.OPEN).select_related(
        "comment__article__site", "decision__actor"
    )
    if site is not None:
        appeals = appeals.filter(comment__article__site__slug=site)
    return appeals.order_by("created_at", "pk")
