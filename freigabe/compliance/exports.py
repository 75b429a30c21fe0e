"""Exports for the authorities: statements of reasons as JSON Lines, in the DSA
Transparency Database's fields (the same records `submit-statements` sends)."""

import json

from freigabe.compliance.dsa import EXPORTED_ACTIONS, UnknownCategory, ban_record, statement_record
from freigabe.compliance.models import Notice
from freigabe.compliance.redaction import Redactor, editor_names
from freigabe.compliance.restrictions import restrictions_between
from freigabe.moderation.models import Decision


def decisions_between(since, until):
    """Rejections and removals decided in [since, until), oldest first; an editor's
    rejection undone within seconds never restricted anyone and is left out, and so is
    history imported from another system (not our decisions)."""
    return (
        Decision.objects.standing()
        .filter(
            action__in=EXPORTED_ACTIONS,
            created_at__gte=since,
            created_at__lt=until,
            dsa_submission__isnull=False,
        )
        .select_related("comment__article__site", "dsa_submission")
        .order_by("created_at", "pk")
    )


def write_statements(decisions, out, progress=None, every=1000, restrictions=(), on_problem=None):
    """Write one JSON line per decision (and ban); call progress(done, total) now and then.

    A record that cannot be built (an unknown category in an old record) is left out and
    reported to on_problem(puid-less message); the export goes on."""
    total = decisions.count() + len(restrictions)
    notices = {n.decision_id: n for n in Notice.objects.filter(decision__in=decisions)}
    editors = editor_names()
    done = 0
    for decision in decisions.iterator(chunk_size=500):
        notice = notices.get(decision.pk)
        names = [*editors, decision.comment.author_name]
        if notice is not None:
            names.extend(notice.reports.values_list("reporter_name", flat=True))
        try:
            record = statement_record(decision, notice, Redactor(names))
            record["puid"] = decision.dsa_submission.puid  # as given when it was made
        except UnknownCategory as error:
            if on_problem:
                on_problem(f"decision {decision.pk}: {error}")
            continue
        done = _write(out, record, done, total, progress, every)
    for restriction in restrictions:
        names = [*editors, restriction.comment.author_name if restriction.comment else ""]
        record = ban_record(restriction, Redactor(names))
        submission = getattr(restriction, "dsa_submission", None)
        record["puid"] = submission.puid if submission else record["puid"]
        done = _write(out, record, done, total, progress, every)
    return done


def _write(out, record, done, total, progress, every):
    out.write(json.dumps(record, ensure_ascii=False) + "\n")
    done += 1
    if progress and (done % every == 0 or done == total):
        progress(done, total)
    return done


def statements_between(since, until):
    """(decisions, restrictions) of the period, for write_statements."""
    return decisions_between(since, until), list(restrictions_between(since, until))
