"""Undo: the same editor takes back the latest decision within 10 seconds, and it is recorded."""

from datetime import timedelta

import pytest

from freigabe.comments.models import Comment
from freigabe.moderation.decisions import CannotUndo, decide, undo
from freigabe.moderation.models import AuditEntry, Decision

pytestmark = pytest.mark.django_db


def age(decision, seconds):
    Decision.objects.filter(pk=decision.pk).update(
        created_at=decision.created_at - timedelta(seconds=seconds)
    )


def test_it_brings_a_released_comment_back_to_pending_with_a_recorded_decision(editor, submit):
    accepted = submit()
    released = decide(accepted["id"], "release", actor=editor.user)
    reverting = undo(editor.user)
    assert Comment.objects.get(pk=accepted["id"]).status == "pending"
    assert (reverting.action, reverting.from_status, reverting.to_status) == ("undo", "released", "pending")
    assert reverting.reverts == released
    assert AuditEntry.objects.filter(action="decision.undo").count() == 1


def test_the_public_thread_drops_an_undone_release(api, editor, submit, article):
    accepted = submit()
    decide(accepted["id"], "release", actor=editor.user)
    path = f"/api/v1/sites/{article.site.slug}/articles/{article.external_id}/comments"
    assert api.get(path).json()["count"] == 1
    undo(editor.user)
    assert api.get(path).json()["count"] == 0


def test_it_refuses_after_ten_seconds(editor, submit):
    accepted = submit()
    decision = decide(accepted["id"], "reject", actor=editor.user, reasons=["insult"])
    age(decision, 11)
    with pytest.raises(CannotUndo, match="10 seconds"):
        undo(editor.user)
    assert Comment.objects.get(pk=accepted["id"]).status == "rejected"


def test_another_editor_cannot_undo_my_decision(editor, colleague, submit):
    accepted = submit()
    decide(accepted["id"], "release", actor=editor.user)
    with pytest.raises(CannotUndo):
        undo(colleague)
    assert Comment.objects.get(pk=accepted["id"]).status == "released"


def test_only_the_latest_decision_can_be_undone_and_only_once(editor, submit):
    first, second = submit(), submit()
    first_decision = decide(first["id"], "release", actor=editor.user)
    decide(second["id"], "release", actor=editor.user)
    with pytest.raises(CannotUndo, match="most recent"):
        undo(editor.user, decision_id=first_decision.pk)
    undo(editor.user)
    with pytest.raises(CannotUndo):
        undo(editor.user)
    assert Comment.objects.get(pk=first["id"]).status == "released"
    assert Comment.objects.get(pk=second["id"]).status == "pending"


def test_it_refuses_when_something_happened_to_the_comment_since(editor, senior, submit):
    accepted = submit()
    decide(accepted["id"], "release", actor=editor.user)
    decide(accepted["id"], "remove", actor=senior, reasons=["insult"])
    with pytest.raises(CannotUndo, match="changed since"):
        undo(editor.user)
    assert Comment.objects.get(pk=accepted["id"]).status == "removed"


def test_an_undone_comment_can_be_decided_again(editor, submit):
    accepted = submit()
    decide(accepted["id"], "reject", actor=editor.user, reasons=["insult"])
    undo(editor.user)
    decide(accepted["id"], "release", actor=editor.user)
    assert Comment.objects.get(pk=accepted["id"]).status == "released"


def test_undo_in_the_ui_returns_the_comment_as_a_card(client, editor, submit):
    accepted = submit("Die Lindenallee wird schöner.")
    client.force_login(editor.user)
    client.post(
        f"/moderation/comments/{accepted['id']}/decide", {"action": "release"}, HTTP_HX_REQUEST="true"
    )
    response = client.post("/moderation/undo", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#comment-{accepted['id']}"
    html = response.content.decode()
    assert "Die Lindenallee wird schöner." in html and 'class="card' in html
    assert Comment.objects.get(pk=accepted["id"]).status == "pending"


def test_undo_in_the_ui_explains_a_refusal(client, editor):
    client.force_login(editor.user)
    response = client.post("/moderation/undo", HTTP_HX_REQUEST="true")
    assert response["HX-Retarget"] == "#flash"
    assert "keine Entscheidung von Ihnen" in response.content.decode()


def test_the_api_does_not_accept_undo_as_an_action(api, editor, submit):
    accepted = submit()
    response = api.post(
        f"/api/v1/moderation/comments/{accepted['id']}/decision", {"action": "undo"}, **editor.auth
    )
    assert response.status_code == 422
