"""Figures for the operations page, computed from Decisions and Comments."""

from datetime import timedelta

from django.db.models import Count
from django.db.models.functions import TruncHour
from django.utils import timezone

from freigabe.articles.rules import ASSESSED_RULES
from freigabe.comments.models import Comment, Status
from freigabe.moderation.models import Action, Decision

PERIODS = {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(days=7)}
EDITORIAL = (Action.RELEASE, Action.REJECT)


def percentile(values, fraction):
    """Linear-interpolated percentile of a list of numbers; None when empty."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = (len(ordered) - 1) * fraction
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def time_to_decision(now=None):
    """{period: {"n", "median", "p90"}} in seconds, for comments decided in that period."""
    now = now or timezone.now()
    # Editors' decisions only: comments that skipped the queue took no editor's time.
    week = list(
        Decision.objects.standing()
        .filter(created_at__gt=now - PERIODS["week"], action__in=EDITORIAL, automated=False)
        .values_list("created_at", "comment__created_at")
    )
    result = {}
    for name, length in PERIODS.items():
        waits = [(decided - created).total_seconds() for decided, created in week if decided > now - length]
        result[name] = {"n": len(waits), "median": percentile(waits, 0.5), "p90": percentile(waits, 0.9)}
    return result


def decisions_per_editor_per_hour(hours=8, now=None):
    """[(username, [count per hour, oldest first])] for the last `hours` hours."""
    now = now or timezone.now()
    start = (now - timedelta(hours=hours - 1)).replace(minute=0, second=0, microsecond=0)
    rows = (
        Decision.objects.standing()
        .filter(created_at__gte=start, actor__isnull=False, action__in=EDITORIAL)
        .annotate(hour=TruncHour("created_at"))
        .order_by()
        .values_list("actor__username", "hour")
        .annotate(n=Count("pk"))
    )
    slots = [start + timedelta(hours=i) for i in range(hours)]
    per_editor = {}
    for username, hour, n in rows:
        counts = per_editor.setdefault(username, [0] * hours)
        index = slots.index(hour) if hour in slots else None
        if index is not None:
            counts[index] += n
    return slots, sorted(per_editor.items())


def overrides_per_rule(days=7, now=None):
    """{rule: {"n", "overridden", "share"}}: how often editors decided against the suggestion.

    A suggestion is attributed to the rule the assessor scored highest for that comment.
    """
    now = now or timezone.now()
    rows = (
        Decision.objects.standing()
        .filter(
            created_at__gt=now - timedelta(days=days),
            action__in=EDITORIAL,
            automated=False,
            suggested__in=EDITORIAL,
        )
        .values_list("action", "suggested", "comment__assessment")
    )
    tally = {rule: {"n": 0, "overridden": 0, "share": None} for rule in ASSESSED_RULES}
    for action, suggested, assessment in rows:
        rule = _top_rule(assessment)
        if rule not in tally:
            continue
        tally[rule]["n"] += 1
        tally[rule]["overridden"] += action != suggested
    for figures in tally.values():
        if figures["n"]:
            figures["share"] = figures["overridden"] / figures["n"]
    return tally


def queue_length():
    return Comment.objects.filter(status=Status.PENDING).count()


def _top_rule(assessment):
    rules = (assessment or {}).get("rules") or {}
    if not rules:
        return None
    return max(rules, key=lambda code: (rules[code] or {}).get("score", 0))
