"""Editors' picks: released comments only, editors only, audited, shown in the thread."""

import pytest

from freigabe.moderation.models import AuditEntry
from tests.conftest import comments_path

pytestmark = pytest.mark.django_db


def pick_path(comment_id):
    return f"/api/v1/moderation/comments/{comment_id}/pick"


@pytest.fixture
def released(submit, release):
    accepted = submit()
    release(accepted["id"])
    return accepted["id"]


def test_an_editor_picks_a_released_comment_and_the_thread_shows_it(api, editor, article, released):
    before = api.get(comments_path(article))
    assert before.json()["comments"][0]["editors_pick"] is False
    response = api.post(pick_path(released), {"pick": True}, **editor.auth)
    assert response.status_code == 200
    assert response.json() == {"id": released, "editors_pick": True}
    after = api.get(comments_path(article), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["comments"][0]["editors_pick"] is True


def test_unpicking_takes_the_mark_away(api, editor, article, released):
    api.post(pick_path(released), {"pick": True}, **editor.auth)
    response = api.post(pick_path(released), {"pick": False}, **editor.auth)
    assert response.json() == {"id": released, "editors_pick": False}
    assert api.get(comments_path(article)).json()["comments"][0]["editors_pick"] is False


def test_every_pick_is_in_the_audit_log(api, editor, released):
    api.post(pick_path(released), {"pick": True}, **editor.auth)
    api.post(pick_path(released), {"pick": False}, **editor.auth)
    entries = AuditEntry.objects.filter(target=f"comment:{released}", action__startswith="comment.").order_by(
        "pk"
    )
    assert [(e.action, e.actor) for e in entries] == [
        ("comment.pick", editor.user),
        ("comment.unpick", editor.user),
    ]


def test_a_pending_comment_cannot_be_picked(api, editor, submit):
    pending = submit()
    response = api.post(pick_path(pending["id"]), {"pick": True}, **editor.auth)
    assert response.status_code == 409
    assert "released" in response.json()["detail"]
    assert api.post(pick_path(999999), {"pick": True}, **editor.auth).status_code == 404


def test_only_editors_may_pick(api, released, django_user_model):
    assert api.post(pick_path(released), {"pick": True}).status_code == 401
    reader = django_user_model.objects.create_user("leser", password="Leser-Passwort-1")
    api.client.force_login(reader)
    assert api.post(pick_path(released), {"pick": True}).status_code == 403


def test_the_picks_order_shows_only_threads_with_a_pick(api, editor, article, submit, release):
    ids = []
    for _ in range(3):
        accepted = submit()
        release(accepted["id"])
        ids.append(accepted["id"])
    api.post(pick_path(ids[1]), {"pick": True}, **editor.auth)
    data = api.get(comments_path(article) + "?order=picks").json()
    assert [c["id"] for c in data["comments"]] == [ids[1]]
    assert data["count"] == 3


def test_the_history_page_picks_with_a_button(client, editor, released):
    client.force_login(editor.user)
    page = client.get("/moderation/history/")
    assert b"data-pick" in page.content
    response = client.post(f"/moderation/comments/{released}/pick", {"pick": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b'aria-pressed="true"' in response.content
    assert api_pick_state(released) is True


def test_the_pick_key_is_explained_in_the_queue(client, editor):
    client.force_login(editor.user)
    page = client.get("/moderation/")
    assert "<kbd>p</kbd>" in page.content.decode()


def api_pick_state(comment_id):
    from freigabe.comments.models import Comment

    return Comment.objects.get(pk=comment_id).editors_pick


def test_the_pick_button_speaks_english_too(client, editor, released):
    client.force_login(editor.user)
    page = client.get(f"/moderation/comments/{released}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Mark as editors' pick" in page.content.decode()
