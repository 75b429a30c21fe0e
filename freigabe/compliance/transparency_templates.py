"""The transparency report in the structure of the templates of Implementing Regulation (EU)
2024/2835, as far as they apply to a hosting service that is a small online platform: one
CSV per template section, next to report.html/.csv/.json.

Sections: notices (Art. 16) by category and by whether they alleged illegality; actions on
the provider's own initiative by category and ground; the automated means used, with their
accuracy and error figures from the model card's metrics.json; complaints (Art. 20) by basis
and outcome; median times. Categories are those of the DSA Transparency Database (the same
taxonomy as the templates'), mapped as for the statements of reasons.
"""

import csv
import json
from collections import Counter, defaultdict
from statistics import median

from freigabe.assessment.model_store import MODELS_DIR
from freigabe.compliance.dsa import (
    INCOMPATIBLE_CONTENT,
    UnknownCategory,
    automated_decision,
    automated_detection,
    categories,
)
from freigabe.compliance.models import ILLEGAL, Appeal, Notice
from freigabe.compliance.restrictions import restrictions_between
from freigabe.moderation.models import Action, Decision

UNKNOWN = "unknown (see the problems of submit-statements)"


def template_sections(start, end):
    """{section file stem: (header, rows)} for [start, end)."""
    return {
        "eu-template-notices": _notices(start, end),
        "eu-template-own-initiative": _own_initiative(start, end),
        "eu-template-automated-means": _automated_means(start, end),
        "eu-template-complaints": _complaints(start, end),
        "eu-template-median-times": _median_times(start, end),
    }


def write_template_csvs(start, end, directory):
    paths = []
    for stem, (header, rows) in template_sections(start, end).items():
        path = directory / f"{stem}.csv"
        with open(path, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows)
        paths.append(path)
    return paths


# --- notices (Art. 16) ------------------------------------------------------------------------


def _notice_category(notice):
    reports = list(notice.reports.all())
    illegal = next((report for report in reports if report.reason == ILLEGAL), None)
    try:
        if illegal is not None:
            return categories(None, [], illegal.legal_ground)[0]
        house_rules = notice.comment.article.site.house_rules
        return categories(house_rules, [reports[0].reason] if reports else [])[0]
    except UnknownCategory:
        return UNKNOWN


def _notices(start, end):
    header = [
        "category",
        "alleged_illegality",
        "notices",
        "reports",
        "removed",
        "kept",
        "open",
        "median_hours_to_decision",
    ]
    groups = defaultdict(list)
    notices = (
        Notice.objects.filter(created_at__gte=start, created_at__lt=end)
        .select_related("comment__article__site")
        .prefetch_related("reports")
    )
    for notice in notices:
        groups[(_notice_category(notice), "yes" if notice.alleges_illegality else "no")].append(notice)
    rows = []
    for (category, alleged), found in sorted(groups.items()):
        outcomes = Counter(notice.outcome or "open" for notice in found)
        rows.append(
            [
                category,
                alleged,
                len(found),
                sum(n.report_count for n in found),
                outcomes[Notice.Outcome.REMOVED],
                outcomes[Notice.Outcome.KEPT],
                outcomes["open"],
                _median_hours((n.created_at, n.resolved_at) for n in found if n.resolved_at),
            ]
        )
    return header, rows


# --- own initiative -------------------------------------------------------------------------------


def _own_initiative(start, end):
    header = [
        "category",
        "decision_ground",
        "restriction",
        "actions",
        "automated_detection",
        "automated_decision_fully",
        "automated_decision_partially",
    ]
    counts = defaultdict(Counter)
    decisions = (
        Decision.objects.standing()
        .filter(
            action__in=(Action.REJECT, Action.REMOVE),
            notice__isnull=True,
            created_at__gte=start,
            created_at__lt=end,
        )
        .select_related("comment__article__site")
    )
    for decision in decisions.iterator(chunk_size=500):
        try:
            category = categories(decision.comment.article.site.house_rules, decision.reasons)[0]
        except UnknownCategory:
            category = UNKNOWN
        restriction = (
            "DECISION_VISIBILITY_CONTENT_DISABLED"
            if decision.action == Action.REJECT
            else "DECISION_VISIBILITY_CONTENT_REMOVED"
        )
        tally = counts[(category, INCOMPATIBLE_CONTENT, restriction)]
        tally["actions"] += 1
        tally["detected"] += automated_detection(decision) == "Yes"
        how = automated_decision(decision)
        tally["fully"] += how == "AUTOMATED_DECISION_FULLY"
        tally["partially"] += how == "AUTOMATED_DECISION_PARTIALLY"
    for restriction in restrictions_between(start, end):
        house_rules = restriction.site.house_rules if restriction.site else None
        try:
            category = categories(house_rules, restriction.reasons)[0]
        except UnknownCategory:
            category = UNKNOWN
        kind = (
            "DECISION_PROVISION_TOTAL_TERMINATION"
            if restriction.ban.ends_at is None
            else "DECISION_PROVISION_TOTAL_SUSPENSION"
        )
        counts[(category, INCOMPATIBLE_CONTENT, kind)]["actions"] += 1
    rows = [
        [category, ground, kind, tally["actions"], tally["detected"], tally["fully"], tally["partially"]]
        for (category, ground, kind), tally in sorted(counts.items())
    ]
    return header, rows


# --- automated means ------------------------------------------------------------------------------


def _model_metrics():
    try:
        return json.loads((MODELS_DIR / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _automated_means(start, end):
    header = [
        "means",
        "purpose",
        "rule",
        "evaluation",
        "n",
        "precision",
        "recall",
        "macro_f1",
        "false_positives",
        "false_negatives",
        "error_rate",
        "restrictions_detected_in_period",
    ]
    metrics = _model_metrics()
    version = metrics.get("model_version", "unknown")
    decided = (
        Decision.objects.standing()
        .filter(action__in=(Action.REJECT, Action.REMOVE), created_at__gte=start, created_at__lt=end)
        .select_related("comment")
    )
    detected = Counter()
    for decision in decided.iterator(chunk_size=500):
        rules = (decision.comment.assessment or {}).get("rules", {})
        for code in decision.reasons:
            if (rules.get(code) or {}).get("score", 0) >= 0.5:
                detected[code] += 1
    rows = []
    for evaluation, figures in (
        ("cross-validation", metrics.get("rules", {})),
        ("house-rules test set", metrics.get("house_rules_testset", {})),
    ):
        for rule, values in sorted(figures.items()):
            matrix = values.get("confusion_matrix", {})
            n = values.get("n") or sum(matrix.values()) or 0
            errors = matrix.get("fp", 0) + matrix.get("fn", 0)
            rows.append(
                [
                    f"assessor {version}",
                    "flags comments for editors and suggests a decision (pre-moderation); a person decides",
                    rule,
                    evaluation,
                    n,
                    _round(values.get("precision")),
                    _round(values.get("recall")),
                    _round(values.get("macro_f1")),
                    matrix.get("fp", ""),
                    matrix.get("fn", ""),
                    _round(errors / n) if n else "",
                    detected.get(rule, 0),
                ]
            )
    return header, rows


# --- complaints (Art. 20) -------------------------------------------------------------------------

BASES = {
    "decision": "restriction of content (rejection or removal)",
    "ban": "suspension or termination of the account or service",
    "report": "decision not to act on a notice",
}


def _complaints(start, end):
    header = ["basis", "outcome", "complaints", "median_hours_to_decision"]
    groups = defaultdict(list)
    for appeal in Appeal.objects.filter(created_at__gte=start, created_at__lt=end):
        basis = "ban" if appeal.restriction_id else "report" if appeal.report_id else "decision"
        groups[(BASES[basis], appeal.outcome or "open")].append(appeal)
    rows = [
        [
            basis,
            outcome,
            len(found),
            _median_hours((a.created_at, a.decided_at) for a in found if a.decided_at),
        ]
        for (basis, outcome), found in sorted(groups.items())
    ]
    return header, rows


# --- median times ---------------------------------------------------------------------------------


def _median_times(start, end):
    header = ["measure", "median_hours", "n"]
    notices = Notice.objects.filter(resolved_at__gte=start, resolved_at__lt=end)
    first = Decision.objects.standing().filter(
        from_status="pending",
        action__in=(Action.RELEASE, Action.REJECT),
        created_at__gte=start,
        created_at__lt=end,
    )
    appeals = Appeal.objects.filter(decided_at__gte=start, decided_at__lt=end)
    measures = [
        ("notice to action (Art. 16)", notices.values_list("created_at", "resolved_at")),
        (
            "comment to first decision (pre-moderation)",
            first.values_list("comment__created_at", "created_at"),
        ),
        ("complaint to decision (Art. 20)", appeals.values_list("created_at", "decided_at")),
    ]
    rows = []
    for name, pairs in measures:
        pairs = list(pairs)
        rows.append([name, _median_hours(pairs), len(pairs)])
    return header, rows


def _median_hours(pairs):
    hours = [(later - earlier).total_seconds() / 3600 for earlier, later in pairs]
    return round(median(hours), 2) if hours else ""


def _round(value):
    return round(value, 4) if isinstance(value, (int, float)) else ""
