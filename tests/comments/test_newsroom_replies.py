"""The newsroom answers in its own name, published at once; readers cannot take that name."""

import time

import jwt
import pytest

from freigabe.articles.models import Site
from freigabe.moderation.models import Decision
from tests.conftest import comments_path

pytestmark = pytest.mark.django_db


def reply_path(comment_id):
    return f"/api/v1/moderation/comments/{comment_id}/reply"


@pytest.fixture
def released(submit, release):
    accepted = submit()
    release(accepted["id"])
    return accepted["id"]


def test_an_editor_replies_as_the_newsroom_and_it_is_public_at_once(api, editor, article, released):
    response = api.post(reply_path(released), {"body": "Danke, wir haben das korrigiert."}, **editor.auth)
    assert response.status_code == 201
    reply = response.json()
    assert reply["author_name"] == "Tageszeitung"  # the site's name
    assert (reply["status"], reply["author_role"], reply["staff"]) == ("released", "newsroom", True)
    shown = api.get(comments_path(article)).json()["comments"][0]["replies"][0]
    assert shown["id"] == reply["id"]
    assert shown["body"] == "Danke, wir haben das korrigiert."
    assert (shown["staff"], shown["author_role"], shown["author_name"]) == (True, "newsroom", "Tageszeitung")
    readers = api.get(comments_path(article)).json()["comments"][0]
    assert (readers["staff"], readers["author_role"]) == (False, "reader")


def test_the_reply_is_recorded_as_that_editors_release(api, editor, released):
    reply = api.post(reply_path(released), {"body": "Die Redaktion antwortet."}, **editor.auth).json()
    decision = Decision.objects.get(comment_id=reply["id"])
    assert (decision.actor, decision.action, decision.from_status, decision.to_status) == (
        editor.user,
        "release",
        "pending",
        "released",
    )


def test_only_released_comments_get_a_newsroom_reply(api, editor, submit):
    pending = submit()
    response = api.post(reply_path(pending["id"]), {"body": "Antwort"}, **editor.auth)
    assert response.status_code == 409
    assert api.post(reply_path(999999), {"body": "Antwort"}, **editor.auth).status_code == 404
    assert api.post(reply_path(pending["id"]), {"body": "  "}, **editor.auth).status_code == 422


def test_readers_cannot_reply_as_the_newsroom_api(api, released):
    assert api.post(reply_path(released), {"body": "Ich bin die Redaktion"}).status_code == 401


def test_the_moderator_ui_publishes_a_newsroom_reply(client, editor, article, released):
    client.force_login(editor.user)
    page = client.get(f"/moderation/comments/{released}/")
    assert "Als „Tageszeitung“ antworten" in page.content.decode()
    response = client.post(f"/moderation/comments/{released}/reply", {"body": "Wir recherchieren nach."})
    assert response.status_code == 302
    shown = client.get(comments_path(article)).json()["comments"][0]["replies"]
    assert [(r["body"], r["staff"]) for r in shown] == [("Wir recherchieren nach.", True)]


@pytest.mark.parametrize(
    "name",
    [
        "Redaktion",
        "redaktion",
        " R e d a k t i o n ",
        "Rеdaktion",  # Cyrillic е
        "REDAKTI0N",
        "Die Redaktion",
        "Tageszeitung",
        "TAGES-ZEITUNG",
        "Ｔａｇｅｓｚｅｉｔｕｎｇ",
        "Erika Mustermann",
        "erika  MUSTERMANN",
    ],
)
def test_guests_cannot_use_the_newsroom_site_or_editor_names(api, article, editor, name, settings):
    settings.FREIGABE_RATE_COMMENTS = "1000/60"
    editor.user.first_name, editor.user.last_name = "Erika", "Mustermann"
    editor.user.save()
    response = api.post(
        comments_path(article), {"body": "Ein Kommentar zu den Radwegen.", "author_name": name}
    )
    assert response.status_code == 422, name
    assert response.json()["code"] == "reserved_name"
    assert "name" in response.json()["detail"]


def test_ordinary_names_are_accepted(submit):
    assert submit(author_name="Erika")["status"] == "pending"
    assert submit(author_name="Zeitungsleserin")["status"] == "pending"


def test_signed_in_readers_cannot_use_the_newsroom_name(api, article, settings):
    settings.FREIGABE_RATE_COMMENTS = "1000/60"
    site = Site.objects.get()
    site.sso_algorithm, site.sso_key = "HS256", "publisher-shared-secret-for-tests"
    site.save()
    token = jwt.encode(
        {"sub": "r-1", "name": "Redaktion", "exp": int(time.time()) + 600, "aud": site.slug},
        site.sso_key,
        algorithm="HS256",
    )
    response = api.post(comments_path(article), {"body": "Kommentar zu Radwegen.", "sso_token": token})
    assert response.status_code == 422
    assert response.json()["code"] == "reserved_name"
