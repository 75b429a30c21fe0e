"""The moderator UI: login, queue, decisions in place, history; editors only."""

import pytest
from django.contrib.auth import get_user_model

from freigabe.comments.models import Comment

pytestmark = pytest.mark.django_db


def test_the_queue_requires_login(client):
    response = client.get("/moderation/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_logged_in_non_editor_is_refused(client):
    user = get_user_model().objects.create_user("leser", password="x-Passwort-123")
    client.force_login(user)
    assert client.get("/moderation/").status_code == 403
    assert client.get("/moderation/history/").status_code == 403


def test_an_editor_logs_in_with_the_login_form(client, editor):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert "Anmelden" in page.content.decode()
    response = client.post("/accounts/login/", {"username": "erika", "password": "Sicheres-Passwort-1"})
    assert response.status_code == 302
    assert client.get("/moderation/").status_code == 200


def test_a_wrong_password_is_refused(client, editor):
    response = client.post("/accounts/login/", {"username": "erika", "password": "falsch"})
    assert response.status_code == 200
    assert "falsch" in response.content.decode()
    assert client.get("/moderation/").status_code == 302


def test_the_queue_shows_pending_comments_as_text(client, editor, submit):
    submit("<script>alert('x')</script> Radwege", author_name="<b>Mallory</b>")
    client.force_login(editor.user)
    html = client.get("/moderation/").content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Radwege" in html
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in html
    assert "<script>alert" not in html
    assert "Stadtrat beschließt neue Radwege" in html


def test_staff_pages_carry_a_strict_content_security_policy(client, editor):
    client.force_login(editor.user)
    policy = client.get("/moderation/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_releasing_from_the_queue_records_the_editor(client, editor, submit):
    accepted = submit()
    client.force_login(editor.user)
    response = client.post(
        f"/moderation/comments/{accepted['id']}/decide", {"action": "release"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "freigegeben" in response.content.decode()
    comment = Comment.objects.get(pk=accepted["id"])
    assert comment.status == "released"
    assert comment.decisions.get().actor == editor.user


def test_rejecting_from_the_queue_needs_a_reason(client, editor, submit):
    accepted = submit()
    client.force_login(editor.user)
    response = client.post(
        f"/moderation/comments/{accepted['id']}/decide", {"action": "reject"}, HTTP_HX_REQUEST="true"
    )
    assert "mindestens einen Grund" in response.content.decode()
    assert Comment.objects.get(pk=accepted["id"]).status == "pending"
    client.post(
        f"/moderation/comments/{accepted['id']}/decide",
        {"action": "reject", "reasons": ["insult", "other"], "note": "Ton"},
    )
    comment = Comment.objects.get(pk=accepted["id"])
    assert comment.status == "rejected"
    assert comment.decisions.get().reasons == ["insult", "other"]


def test_a_second_decision_in_the_ui_is_refused_with_a_message(client, editor, submit):
    accepted = submit()
    client.force_login(editor.user)
    client.post(f"/moderation/comments/{accepted['id']}/decide", {"action": "release"})
    response = client.post(
        f"/moderation/comments/{accepted['id']}/decide",
        {"action": "reject", "reasons": ["insult"]},
        HTTP_HX_REQUEST="true",
    )
    assert "ist bereits freigegeben" in response.content.decode()
    assert Comment.objects.get(pk=accepted["id"]).status == "released"


def test_ui_decisions_need_the_csrf_token(client, editor, submit):
    accepted = submit()
    client.handler.enforce_csrf_checks = True
    client.force_login(editor.user)
    response = client.post(f"/moderation/comments/{accepted['id']}/decide", {"action": "release"})
    assert response.status_code == 403
    assert Comment.objects.get(pk=accepted["id"]).status == "pending"


def test_the_history_lists_and_searches_decisions(client, editor, submit):
    first = submit("Lindenallee braucht Radwege.")
    second = submit("Parkplätze am Marktring fehlen.")
    client.force_login(editor.user)
    client.post(f"/moderation/comments/{first['id']}/decide", {"action": "release"})
    client.post(f"/moderation/comments/{second['id']}/decide", {"action": "reject", "reasons": ["off_topic"]})
    html = client.get("/moderation/history/").content.decode()
    assert "Lindenallee braucht Radwege." in html and "Marktring" in html
    found = client.get("/moderation/history/?q=Marktring").content.decode()
    assert "Marktring" in found and "Lindenallee braucht" not in found


def test_the_ui_speaks_english_on_request(client, editor):
    client.force_login(editor.user)
    html = client.get("/moderation/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Pending comments" in html
    german = client.get("/moderation/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Wartende Kommentare" in german


def test_the_pending_counter_refreshes_without_reload(client, editor, submit):
    submit()
    submit()
    client.force_login(editor.user)
    assert ">2<" in client.get("/moderation/counts/").content.decode()
