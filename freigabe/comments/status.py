"""What a comment's author may see of it."""

from freigabe.comments import extensions
from freigabe.comments.finality import seconds_until_final
from freigabe.comments.models import Status
from freigabe.comments.waiting import as_json as wait_json
from freigabe.comments.waiting import estimate_for_pending


def author_status(comment):
    result = {
        "id": comment.pk,
        "status": comment.status,
        "reasons": [],
        "created_at": comment.created_at.isoformat(),
        "decided_at": comment.decided_at.isoformat() if comment.decided_at else None,
    }
    if comment.status == Status.PENDING:
        result.update(wait_json(estimate_for_pending(comment)))
        return result
    last = comment.decisions.order_by("-created_at", "-pk").first()
    seconds_to_final = seconds_until_final(last)
    if seconds_to_final:
        # The editor may still take it back: the author hears of it once it is final,
        # like the outcome mail, and never of a decision that is then undone.
        result.update(
            status=Status.PENDING,
            decided_at=None,
            expected_wait_seconds=seconds_to_final,
            expected_wait_range=[seconds_to_final, seconds_to_final],
            review_resumes_at=None,
        )
        return result
    if last is not None:
        result["reasons"] = last.reasons
        if last.statement_of_reasons:
            result["statement_of_reasons"] = last.statement_of_reasons
    result.update(extensions.appeal_status(comment))  # the appeal and its outcome, or how to file one
    return result
