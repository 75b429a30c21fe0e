"""Appeals (DSA Art. 20): the author appeals, a different senior editor decides."""

from datetime import timedelta

import pytest
from django.utils import timezone

from freigabe.comments.models import Comment
from freigabe.compliance.models import Appeal
from freigabe.moderation.models import Decision

pytestmark = pytest.mark.django_db


def reject(api, editor, comment_id, reasons=("insult",)):
    response = api.post(
        f"/api/v1/moderation/comments/{comment_id}/decision",
        {"action": "reject", "reasons": list(reasons)},
        **editor.auth,
    )
    assert response.status_code == 200, response.content


def appeal_path(comment, token=None):
    return f"/api/v1/comments/{comment['id']}/appeal?token={token or comment['author_token']}"


def status(api, comment):
    return api.get(f"/api/v1/comments/{comment['id']}/status?token={comment['author_token']}")


def decide_path(appeal_id):
    return f"/api/v1/moderation/appeals/{appeal_id}/decision"


@pytest.fixture
def rejected(api, submit, editor):
    """A rejection whose undo window has passed: final, so the author is told of it."""
    comment = submit()
    reject(api, editor, comment["id"])
    Decision.objects.filter(comment_id=comment["id"]).update(created_at=timezone.now() - timedelta(minutes=1))
    return comment


def file(api, comment, explanation="Das war keine Beleidigung, sondern Kritik."):
    return api.post(appeal_path(comment), {"explanation": explanation})


def test_the_status_of_a_rejected_comment_shows_how_to_appeal(api, rejected):
    body = status(api, rejected).json()
    assert body["status"] == "rejected"
    path = f"/api/v1/comments/{rejected['id']}/appeal"
    assert body["statement_of_reasons"]["appeal"]["path"] == path
    assert body["appeal_path"].endswith("/appeal")
    assert body["appeal_possible_until"] > timezone.now().isoformat()


def test_the_author_appeals_a_rejection(api, rejected):
    response = file(api, rejected)
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "open"
    body = status(api, rejected).json()
    assert body["appeal"]["state"] == "open" and body["appeal"]["outcome"] is None
    assert "appeal_path" not in body


def test_only_the_author_may_appeal(api, rejected):
    assert api.post(appeal_path(rejected, token="falsch"), {"explanation": "x"}).status_code == 403
    assert api.post("/api/v1/comments/999999/appeal?token=x", {"explanation": "x"}).status_code == 404


def test_one_appeal_per_decision(api, rejected):
    file(api, rejected)
    again = file(api, rejected)
    assert again.status_code == 409
    assert "already" in again.json()["detail"]


def test_a_released_comment_cannot_be_appealed(api, submit, release):
    comment = submit()
    release(comment["id"])
    response = file(api, comment)
    assert response.status_code == 409
    assert "only a rejected or removed comment" in response.json()["detail"]


def test_an_appeal_after_six_months_is_refused_clearly(api, rejected):
    Decision.objects.filter(comment_id=rejected["id"]).update(created_at=timezone.now() - timedelta(days=200))
    response = file(api, rejected)
    assert response.status_code == 410
    assert "six-month" in response.json()["detail"]
    assert "appeal_path" not in status(api, rejected).json()


def test_an_empty_explanation_is_422(api, rejected):
    assert file(api, rejected, explanation="  ").status_code == 422


def test_a_plain_editor_may_not_decide_appeals(api, rejected, editor):
    appeal_id = file(api, rejected).json()["id"]
    response = api.post(decide_path(appeal_id), {"outcome": "reversed"}, **editor.auth)
    assert response.status_code == 403
    assert api.get("/api/v1/moderation/appeals", **editor.auth).status_code == 403


def test_the_editor_who_decided_may_not_decide_the_appeal(api, submit, senior):
    comment = submit()
    reject(api, senior, comment["id"])
    appeal_id = file(api, comment).json()["id"]
    response = api.post(decide_path(appeal_id), {"outcome": "reversed"}, **senior.auth)
    assert response.status_code == 403
    assert "another senior editor" in response.json()["detail"]
    assert Comment.objects.get(pk=comment["id"]).status == "rejected"


def test_a_senior_editor_reverses_and_the_comment_is_published(api, rejected, senior, article):
    appeal_id = file(api, rejected).json()["id"]
    queue = api.get("/api/v1/moderation/appeals", **senior.auth).json()
    assert [a["id"] for a in queue["appeals"]] == [appeal_id]
    response = api.post(
        decide_path(appeal_id),
        {"outcome": "reversed", "note": "Zugespitzte, aber zulässige Kritik."},
        **senior.auth,
    )
    assert response.status_code == 200, response.content
    assert response.json()["comment_status"] == "released"
    reinstated = Decision.objects.get(action="reinstate")
    assert reinstated.actor == senior.user
    body = status(api, rejected).json()
    assert body["status"] == "released"
    assert body["appeal"]["outcome"] == "reversed"
    assert body["appeal"]["note"] == "Zugespitzte, aber zulässige Kritik."
    thread = api.get(f"/api/v1/sites/zeitung/articles/{article.external_id}/comments").json()
    assert [c["id"] for c in thread["comments"]] == [rejected["id"]]


def test_a_senior_editor_upholds_and_nothing_changes(api, rejected, senior):
    appeal_id = file(api, rejected).json()["id"]
    response = api.post(decide_path(appeal_id), {"outcome": "upheld", "note": "Beleidigung."}, **senior.auth)
    assert response.json()["comment_status"] == "rejected"
    assert status(api, rejected).json()["appeal"]["outcome"] == "upheld"
    again = api.post(decide_path(appeal_id), {"outcome": "reversed"}, **senior.auth)
    assert again.status_code == 409


def test_an_unknown_outcome_is_422(api, rejected, senior):
    appeal_id = file(api, rejected).json()["id"]
    response = api.post(decide_path(appeal_id), {"outcome": "maybe"}, **senior.auth)
    assert response.status_code == 422
    assert Appeal.objects.get().state == "open"


def test_a_removal_after_a_report_can_be_appealed_too(api, submit, release, editor, senior):
    comment = submit()
    release(comment["id"])
    group = api.post(
        f"/api/v1/comments/{comment['id']}/reports",
        {"reason": "insult", "explanation": "Beleidigend.", "good_faith": True},
    ).json()["group_id"]
    api.post(
        f"/api/v1/moderation/reports/{group}/decision",
        {"action": "remove", "reasons": ["insult"]},
        **editor.auth,
    )
    appeal_id = file(api, comment).json()["id"]
    api.post(decide_path(appeal_id), {"outcome": "reversed", "note": "Zulässig."}, **senior.auth)
    assert Comment.objects.get(pk=comment["id"]).status == "released"


def test_an_appeal_decided_through_the_api_is_in_the_audit_log(api, rejected, senior):
    from freigabe.moderation.models import AuditEntry

    appeal_id = file(api, rejected).json()["id"]
    api.post(decide_path(appeal_id), {"outcome": "upheld", "note": "Beleidigung."}, **senior.auth)
    entry = AuditEntry.objects.get(action="appeal.upheld")
    assert entry.target == f"appeal:{appeal_id}" and entry.actor == senior.user
