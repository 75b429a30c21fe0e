"""The senior editors' appeals page under /compliance/: login, permission, CSRF, escaping."""

import re

import pytest
from django.test import Client

from freigabe.comments.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def appealed(api, submit, editor):
    comment = submit(body="<img src=x onerror=alert(1)> Die Radwege sind Unsinn.")
    api.post(f"/api/v1/moderation/comments/{comment['id']}/decision",
             {"action": "reject", "reasons": ["insult"]}, **editor.auth)
    appeal = api.post(f"/api/v1/comments/{comment['id']}/appeal?token={comment['author_token']}",
                      {"explanation": "<b>Kritik</b> ist erlaubt."}).json()
    return comment, appeal


def logged_in(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get("/compliance/appeals/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_plain_editors_may_not_see_appeals(editor):
    assert logged_in(editor.user).get("/compliance/appeals/").status_code == 403


def test_a_senior_editor_reverses_an_appeal_from_the_page(appealed, senior):
    comment, appeal = appealed
    client = logged_in(senior.user)
    page = client.get("/compliance/appeals/")
    html = page.content.decode()
    assert page.status_code == 200 and "Content-Security-Policy" in page
    assert "<img src=x" not in html and "&lt;b&gt;Kritik&lt;/b&gt;" in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    path = f"/compliance/appeals/{appeal['id']}/decide"
    assert client.post(path, {"outcome": "reversed"}).status_code == 403  # no CSRF token
    response = client.post(path, {"outcome": "reversed", "note": "Zulässig.",
                                  "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Comment.objects.get(pk=comment["id"]).status == "released"


def test_the_deciding_editor_gets_no_form_and_a_refusal(api, submit, senior):
    comment = submit()
    api.post(f"/api/v1/moderation/comments/{comment['id']}/decision",
             {"action": "reject", "reasons": ["insult"]}, **senior.auth)
    appeal = api.post(f"/api/v1/comments/{comment['id']}/appeal?token={comment['author_token']}",
                      {"explanation": "Bitte prüfen."}).json()
    client = Client()
    client.force_login(senior.user)
    page = client.get("/compliance/appeals/").content.decode()
    assert f"/compliance/appeals/{appeal['id']}/decide" not in page
    refused = client.post(f"/compliance/appeals/{appeal['id']}/decide", {"outcome": "reversed"})
    assert refused.status_code == 403
    assert Comment.objects.get(pk=comment["id"]).status == "rejected"
