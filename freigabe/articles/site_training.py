"""What a site's editors decided, as examples for its own model (see learn-from-decisions).

Reads in chunks with `.iterator()` and takes no locks, so retraining can run next to
comment submission and the moderation queue; only storing the result is a (short) write.
"""

from freigabe.articles.rules import REASON_CODES
from freigabe.assessment.site_learning import Example
from freigabe.comments.models import Comment, Status
from freigabe.integrations.perspective import suggested_examples
from freigabe.moderation.models import Decision

CHUNK = 2000
REJECTING = (Status.REJECTED, Status.REMOVED)


def decided_examples(site, progress=lambda message: None):
    """One Example per decided comment of the site, from its latest standing decision.

    An undo and the decision it took back are ignored: the comment was pending again
    afterwards, so only a later decision says what the editors thought of it.
    """
    latest = latest_decisions(site)
    progress(f"{len(latest)} decided comments on {site.slug}")
    articles = _article_texts(site)
    comment_ids = sorted(latest)
    examples = []
    for start in range(0, len(comment_ids), CHUNK):
        examples.extend(_examples_for(comment_ids[start : start + CHUNK], latest, articles))
    examples.extend(suggested_score_examples(site, progress))
    return examples


def suggested_score_examples(site, progress=lambda message: None):
    """Labels a Coral newsroom's moderators sent through the Perspective-compatible
    `comments:suggestscore` (freigabe/integrations/perspective.py), as Examples."""
    examples = suggested_examples(site)
    if examples:
        progress(f"{len(examples)} labels from comments:suggestscore on {site.slug}")
    return examples


def latest_decisions(site):
    """{comment id: (to_status, reasons, created_at)} of the last decision that still stands."""
    # The editors' standard: decisions the site let the assessor make itself teach nothing.
    rows = (
        Decision.objects.standing()
        .filter(comment__article__site=site, automated=False)
        .order_by("comment_id", "created_at", "pk")
        .values_list("comment_id", "to_status", "reasons", "created_at")
    )
    latest = {}
    for comment_id, to_status, reasons, created_at in rows.iterator(chunk_size=CHUNK):
        latest[comment_id] = (to_status, reasons, created_at)
    return latest


def _article_texts(site):
    rows = site.articles.values_list("pk", "title", "body").iterator(chunk_size=CHUNK)
    return {pk: f"{title}\n\n{body}" if body else None for pk, title, body in rows}


def _examples_for(comment_ids, latest, articles):
    rows = Comment.objects.filter(pk__in=comment_ids).values_list("pk", "body", "article_id", "parent__body")
    for pk, body, article_id, parent_body in rows.iterator(chunk_size=CHUNK):
        to_status, reasons, created_at = latest[pk]
        rejected = to_status in REJECTING
        codes = tuple(code for code in (reasons or ()) if code in REASON_CODES) if rejected else ()
        yield Example(
            text=body,
            rejected=rejected,
            reasons=codes,
            when=created_at,
            article=articles.get(article_id),
            parent=parent_body,
        )
