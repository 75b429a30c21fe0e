"""The appeals tab of the workspace: login, permission, CSRF, escaping, decision and audit."""

import re

import pytest

from freigabe.comments.models import Comment
from freigabe.compliance.appeals import file_appeal
from freigabe.compliance.models import Appeal
from freigabe.moderation.decisions import decide
from freigabe.moderation.models import AuditEntry

pytestmark = pytest.mark.django_db

PAGE = "/moderation/appeals/"


def decide_path(appeal):
    return f"/moderation/appeals/{appeal.pk}/decide"


@pytest.fixture
def appeal_against(submit):
    """A comment rejected by `actor`, and the author's appeal against that rejection."""

    def _appeal_against(actor, body=None):
        comment_id = submit(body=body)["id"]
        decide(comment_id, "reject", actor=actor, reasons=["insult"])
        return file_appeal(Comment.objects.get(pk=comment_id), "<b>Kritik</b> ist erlaubt.")

    return _appeal_against


def test_anonymous_visitors_are_sent_to_the_login(client, appeal_against, editor):
    appeal = appeal_against(editor.user)
    for response in (client.get(PAGE), client.post(decide_path(appeal), {"outcome": "reversed"})):
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Appeal.objects.get(pk=appeal.pk).state == "open"


def test_plain_editors_may_neither_see_nor_decide_appeals(make_client, appeal_against, editor, colleague):
    appeal = appeal_against(colleague)
    client = make_client(editor.user)
    assert client.get(PAGE).status_code == 403
    assert client.post(decide_path(appeal), {"outcome": "reversed"}).status_code == 403
    assert Comment.objects.get(pk=appeal.comment_id).status == "rejected"
    assert Appeal.objects.get(pk=appeal.pk).state == "open"


def test_a_senior_editor_reverses_an_appeal_from_the_page(make_client, appeal_against, editor, senior):
    appeal = appeal_against(editor.user, body="<img src=x onerror=alert(1)> Radwege? Unsinn.")
    client = make_client(senior, enforce_csrf_checks=True)
    page = client.get(PAGE)
    html = page.content.decode()
    assert page.status_code == 200 and "Content-Security-Policy" in page
    assert "<img src=x" not in html and "&lt;b&gt;Kritik&lt;/b&gt;" in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert client.post(decide_path(appeal), {"outcome": "reversed"}).status_code == 403  # no CSRF
    response = client.post(
        decide_path(appeal), {"outcome": "reversed", "note": "Zulässig.", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302 and response["Location"] == PAGE
    assert Comment.objects.get(pk=appeal.comment_id).status == "released"
    appeal.refresh_from_db()
    assert (appeal.state, appeal.outcome, appeal.decided_by) == ("decided", "reversed", senior)
    entry = AuditEntry.objects.get(action="appeal.reversed")
    assert entry.actor == senior and entry.target == f"appeal:{appeal.pk}"


def test_a_senior_editor_upholds_an_appeal(make_client, appeal_against, editor, senior):
    appeal = appeal_against(editor.user)
    make_client(senior).post(decide_path(appeal), {"outcome": "upheld", "note": "Beleidigung."})
    assert Comment.objects.get(pk=appeal.comment_id).status == "rejected"
    assert Appeal.objects.get(pk=appeal.pk).outcome == "upheld"
    assert AuditEntry.objects.filter(action="appeal.upheld", actor=senior).exists()


def test_the_deciding_editor_gets_no_form_and_a_refusal(make_client, appeal_against, senior):
    appeal = appeal_against(senior)
    client = make_client(senior)
    page = client.get(PAGE).content.decode()
    assert f"appeal-{appeal.pk}" in page and decide_path(appeal) not in page
    refused = client.post(decide_path(appeal), {"outcome": "reversed"}, follow=True)
    assert "eine andere Person der leitenden Redaktion muss die Beschwerde prüfen" in refused.content.decode()
    english = client.post(
        decide_path(appeal), {"outcome": "reversed"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "another senior editor must review the appeal" in english.content.decode()
    assert Comment.objects.get(pk=appeal.comment_id).status == "rejected"
    assert Appeal.objects.get(pk=appeal.pk).state == "open"
    assert not AuditEntry.objects.filter(action__startswith="appeal.").exists()
