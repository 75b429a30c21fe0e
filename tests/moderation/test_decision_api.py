"""Editors decide through the API; every decision is recorded, nothing is decided twice."""

import pytest
from django.contrib.auth import get_user_model

from freigabe.accounts.models import ApiToken
from freigabe.comments.models import Comment
from freigabe.moderation.models import Decision

pytestmark = pytest.mark.django_db


def decision_path(comment_id):
    return f"/api/v1/moderation/comments/{comment_id}/decision"


def test_an_editor_releases_a_comment(api, editor, submit):
    accepted = submit()
    response = api.post(decision_path(accepted["id"]), {"action": "release"}, **editor.auth)
    assert response.status_code == 200
    assert response.json()["status"] == "released"
    decision = Decision.objects.get()
    assert decision.actor == editor.user
    assert (decision.from_status, decision.to_status) == ("pending", "released")


def test_an_editor_rejects_with_reasons_and_a_note(api, editor, submit):
    accepted = submit()
    response = api.post(
        decision_path(accepted["id"]),
        {"action": "reject", "reasons": ["insult", "aggression"], "note": "Beleidigung im zweiten Satz"},
        **editor.auth,
    )
    assert response.status_code == 200
    decision = Decision.objects.get()
    assert decision.reasons == ["insult", "aggression"]
    assert decision.note == "Beleidigung im zweiten Satz"
    assert decision.statement_of_reasons["grounds"][0]["code"] == "insult"


def test_deciding_an_already_decided_comment_is_409(api, editor, submit):
    accepted = submit()
    api.post(decision_path(accepted["id"]), {"action": "release"}, **editor.auth)
    again = api.post(
        decision_path(accepted["id"]), {"action": "reject", "reasons": ["insult"]}, **editor.auth
    )
    assert again.status_code == 409
    assert "already" in again.json()["detail"]
    assert Comment.objects.get(pk=accepted["id"]).status == "released"
    assert Decision.objects.count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"action": "reject"},
        {"action": "reject", "reasons": ["erfunden"]},
        {"action": "publish"},
        {},
        {"action": "release", "reasons": "insult"},
    ],
)
def test_invalid_decisions_are_422_and_change_nothing(api, editor, submit, payload):
    accepted = submit()
    response = api.post(decision_path(accepted["id"]), payload, **editor.auth)
    assert response.status_code == 422
    assert Comment.objects.get(pk=accepted["id"]).status == "pending"
    assert Decision.objects.count() == 0


def test_deciding_an_unknown_comment_is_404(api, editor):
    response = api.post(decision_path(424242), {"action": "release"}, **editor.auth)
    assert response.status_code == 404


def test_anonymous_requests_are_401(api, submit):
    accepted = submit()
    assert api.post(decision_path(accepted["id"]), {"action": "release"}).status_code == 401
    assert api.get("/api/v1/moderation/queue").status_code == 401
    assert Comment.objects.get(pk=accepted["id"]).status == "pending"


def test_a_wrong_token_is_401(api, submit):
    accepted = submit()
    response = api.post(
        decision_path(accepted["id"]), {"action": "release"}, HTTP_AUTHORIZATION="Token fgt_falsch"
    )
    assert response.status_code == 401


def test_a_user_without_the_editor_role_is_403(api, submit):
    reader = get_user_model().objects.create_user("leser", password="x-Passwort-123")
    token = ApiToken.issue(reader)
    accepted = submit()
    response = api.post(
        decision_path(accepted["id"]), {"action": "release"}, HTTP_AUTHORIZATION=f"Token {token}"
    )
    assert response.status_code == 403
    assert api.get("/api/v1/moderation/queue", HTTP_AUTHORIZATION=f"Token {token}").status_code == 403
    assert Comment.objects.get(pk=accepted["id"]).status == "pending"


def test_a_session_decision_needs_the_csrf_token(client, editor, submit):
    accepted = submit()
    client.handler.enforce_csrf_checks = True
    client.force_login(editor.user)
    response = client.post(
        decision_path(accepted["id"]), {"action": "release"}, content_type="application/json"
    )
    assert response.status_code in (401, 403)
    assert Comment.objects.get(pk=accepted["id"]).status == "pending"


def test_the_queue_lists_pending_comments_with_their_assessment(api, editor, submit):
    first = submit("Erster Kommentar zu den Radwegen auf der Lindenallee.")
    second = submit("Zweiter Kommentar zu den Parkplätzen in der Innenstadt.")
    released = submit("Dritter, schon freigegeben.")
    api.post(decision_path(released["id"]), {"action": "release"}, **editor.auth)
    data = api.get("/api/v1/moderation/queue?limit=10", **editor.auth).json()
    assert data["count"] == 2
    assert {item["id"] for item in data["comments"]} == {first["id"], second["id"]}
    assert data["comments"][0]["article_title"] == "Stadtrat beschließt neue Radwege"
    assert "assessment" in data["comments"][0]


def test_the_queue_honours_the_limit(api, editor, submit):
    for _ in range(5):
        submit()
    data = api.get("/api/v1/moderation/queue?limit=2", **editor.auth).json()
    assert data["count"] == 5
    assert len(data["comments"]) == 2


def test_the_triage_order_puts_likely_clean_comments_first(api, editor, article, submit):
    ids = [submit()["id"] for _ in range(3)]
    Comment.objects.filter(pk=ids[0]).update(suggestion="reject")
    Comment.objects.filter(pk=ids[1]).update(suggestion="review")
    Comment.objects.filter(pk=ids[2]).update(suggestion="release")
    triage = api.get("/api/v1/moderation/queue", **editor.auth).json()["comments"]
    assert [item["id"] for item in triage] == [ids[2], ids[1], ids[0]]
    oldest = api.get("/api/v1/moderation/queue?order=oldest", **editor.auth).json()["comments"]
    assert [item["id"] for item in oldest] == ids
    assert api.get("/api/v1/moderation/queue?order=zufall", **editor.auth).status_code == 422
