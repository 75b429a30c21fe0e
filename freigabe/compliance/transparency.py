"""The yearly transparency report (DSA Art. 15/24): figures, and bar charts drawn as SVG."""

import csv
import json
from collections import Counter
from datetime import datetime
from statistics import median

from django.template.loader import render_to_string
from django.utils import timezone

from freigabe.comments.models import Status
from freigabe.compliance.legal import legal_ground_text
from freigabe.compliance.models import ILLEGAL, Appeal, Notice, Report
from freigabe.compliance.transparency_templates import write_template_csvs
from freigabe.moderation.models import Action, Decision

BAR_MAX_WIDTH = 360
BAR_HEIGHT = 22


def year_bounds(year):
    start = timezone.make_aware(datetime(year, 1, 1))
    return start, timezone.make_aware(datetime(year + 1, 1, 1))


def transparency_figures(year):
    start, end = year_bounds(year)
    # Undone decisions (an editor's slip, taken back within seconds) are not counted.
    restrictions = Decision.objects.standing().filter(
        action__in=(Action.REJECT, Action.REMOVE), created_at__gte=start, created_at__lt=end
    )
    return {
        "period": str(year),
        "notices": _notice_figures(start, end),
        "decisions": _decision_figures(restrictions, start, end),
        "appeals": _appeal_figures(start, end),
    }


def _notice_figures(start, end):
    reports = Report.objects.filter(created_at__gte=start, created_at__lt=end)
    by_category = Counter(
        f"{ILLEGAL}: {legal_ground_text(ground)}" if reason == ILLEGAL else reason
        for reason, ground in reports.values_list("reason", "legal_ground")
    )
    resolved = Notice.objects.filter(resolved_at__gte=start, resolved_at__lt=end)
    return {
        "reports_received": reports.count(),
        "report_groups_opened": Notice.objects.filter(created_at__gte=start, created_at__lt=end).count(),
        "reports_by_category": dict(by_category.most_common()),
        "groups_resolved_by_outcome": dict(Counter(resolved.values_list("outcome", flat=True))),
        "median_hours_notice_to_resolution": _median_hours(resolved.values_list("created_at", "resolved_at")),
    }


def _decision_figures(restrictions, start, end):
    by_reason = Counter(
        code for reasons in restrictions.values_list("reasons", flat=True) for code in reasons
    )
    by_detection = Counter(
        "assessor flagged" if (statement or {}).get("automated_detection") else "editors only"
        for statement in restrictions.values_list("statement_of_reasons", flat=True)
    )
    first_decisions = Decision.objects.standing().filter(
        from_status=Status.PENDING,
        action__in=(Action.RELEASE, Action.REJECT),
        created_at__gte=start,
        created_at__lt=end,
    )
    return {
        "restrictions": restrictions.count(),
        "restrictions_by_action": dict(Counter(restrictions.values_list("action", flat=True))),
        "restrictions_by_reason": dict(by_reason.most_common()),
        "restrictions_by_detection": dict(by_detection),
        # What the assessor had suggested for the comments the editors then restricted.
        "restrictions_by_assessor_suggestion": dict(
            Counter(suggested or "none" for suggested in restrictions.values_list("suggested", flat=True))
        ),
        "restrictions_following_notices": restrictions.filter(notice__isnull=False).count(),
        "median_hours_submission_to_decision": _median_hours(
            first_decisions.values_list("comment__created_at", "created_at")
        ),
    }


def _appeal_figures(start, end):
    filed = Appeal.objects.filter(created_at__gte=start, created_at__lt=end)
    decided = filed.exclude(decided_at=None)
    return {
        "filed": filed.count(),
        "by_outcome": dict(Counter(outcome or "open" for outcome in filed.values_list("outcome", flat=True))),
        "median_hours_to_decision": _median_hours(decided.values_list("created_at", "decided_at")),
    }


def _median_hours(pairs):
    hours = [(later - earlier).total_seconds() / 3600 for earlier, later in pairs]
    return round(median(hours), 2) if hours else None


# --- output ----------------------------------------------------------------------------------


def write_report(figures, directory):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "report.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2))
    with open(directory / "report.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["section", "figure", "key", "value"])
        writer.writerows(_csv_rows(figures))
    (directory / "report.html").write_text(
        render_to_string(
            "compliance/transparency_report.html", {"figures": figures, "charts": _charts(figures)}
        )
    )
    # The same period in the sections of the EU's templates (Implementing Reg. 2024/2835).
    templates = write_template_csvs(*year_bounds(int(figures["period"])), directory)
    return [directory / name for name in ("report.html", "report.csv", "report.json")] + templates


def _csv_rows(figures):
    for section in ("notices", "decisions", "appeals"):
        for figure, value in figures[section].items():
            if isinstance(value, dict):
                for key, count in value.items():
                    yield section, figure, key, count
            else:
                yield section, figure, "", "" if value is None else value


def _charts(figures):
    return [
        bar_chart("Meldungen nach Kategorie", figures["notices"]["reports_by_category"]),
        bar_chart("Entscheidungen nach Grund", figures["decisions"]["restrictions_by_reason"]),
        bar_chart("Entscheidungen nach Erkennung", figures["decisions"]["restrictions_by_detection"]),
        bar_chart(
            "Entscheidungen nach Vorschlag des Assistenten",
            figures["decisions"]["restrictions_by_assessor_suggestion"],
        ),
        bar_chart("Beschwerden nach Ergebnis", figures["appeals"]["by_outcome"]),
    ]


def bar_chart(title, counts):
    """Geometry of a horizontal bar chart for the template to draw as inline SVG."""
    largest = max(counts.values(), default=0) or 1
    bars = [
        {
            "label": label,
            "value": value,
            "y": index * (BAR_HEIGHT + 6),
            "width": max(1, round(value / largest * BAR_MAX_WIDTH)),
        }
        for index, (label, value) in enumerate(counts.items())
    ]
    return {
        "title": title,
        "bars": bars,
        "height": max(len(bars), 1) * (BAR_HEIGHT + 6),
        "bar_height": BAR_HEIGHT,
    }
