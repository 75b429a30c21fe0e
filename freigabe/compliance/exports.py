"""Exports for the authorities: statements of reasons as JSON Lines."""

import json

from freigabe.compliance.dsa import EXPORTED_ACTIONS, statement_record
from freigabe.compliance.models import Notice
from freigabe.moderation.models import Decision


def decisions_between(since, until):
    """Rejections and removals decided in [since, until), oldest first; an editor's
    rejection undone within seconds never restricted anyone and is left out."""
    return (Decision.objects.standing().filter(action__in=EXPORTED_ACTIONS,
                                               created_at__gte=since, created_at__lt=until)
            .select_related("comment__article__site").order_by("created_at", "pk"))


def write_statements(decisions, out, progress=None, every=1000):
    """Write one JSON line per decision; call progress(done, total) now and then."""
    total = decisions.count()
    notices = {n.decision_id: n for n in
               Notice.objects.filter(decision__in=decisions).only("decision_id", "legal_ground",
                                                                  "report_count")}
    done = 0
    for decision in decisions.iterator(chunk_size=500):
        record = statement_record(decision, notices.get(decision.pk))
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        done += 1
        if progress and (done % every == 0 or done == total):
            progress(done, total)
    return done
