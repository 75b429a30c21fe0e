"""The audit log: one entry per editorial action, viewable and exportable as CSV."""

import csv

from freigabe.moderation.models import AuditEntry

CSV_COLUMNS = ("time", "actor", "action", "target", "details")
# A spreadsheet would run a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def record(actor, action, target="", **details):
    """Write one audit entry; `actor` may be None for automated actions."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(actor=user, action=action, target=str(target)[:200], details=details)


def entries(query="", action=""):
    found = AuditEntry.objects.select_related("actor")
    if action:
        found = found.filter(action=action)
    if query:
        found = found.filter(target__icontains=query) | found.filter(actor__username__icontains=query)
    return found


def write_csv(rows, out):
    """Write audit entries as CSV to the file-like `out`, safe to open in a spreadsheet."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in rows:
        writer.writerow(
            [
                _safe_cell(value)
                for value in (
                    entry.created_at.isoformat(),
                    entry.actor.username if entry.actor else "",
                    entry.action,
                    entry.target,
                    _details_text(entry.details),
                )
            ]
        )


def _details_text(details):
    return "; ".join(f"{key}={value}" for key, value in sorted((details or {}).items()))


def _safe_cell(value):
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
