"""Refused appeals and report decisions reach the pages in the page's language (#18, point 1):
the API keeps its English message, the author's and the editors' pages word the same refusal
in German or English."""

import pytest

from freigabe.compliance.appeal_links import appeal_token
from freigabe.compliance.models import Notice
from freigabe.compliance.reports import file_report
from freigabe.moderation.decisions import decide
from freigabe.moderation.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def appeal_page(submit, editor):
    comment_id = submit()["id"]
    decision = decide(comment_id, "reject", actor=editor.user, reasons=["insult"])
    return f"/compliance/appeal/{appeal_token(Decision.objects.get(pk=decision.pk))}"


@pytest.mark.parametrize(
    "language, expected",
    [
        ("de", "Bitte begründen Sie, warum die Entscheidung überprüft werden soll."),
        ("en", "Please explain why the decision should be reviewed."),
    ],
)
def test_an_empty_appeal_is_refused_in_the_pages_language(client, appeal_page, language, expected):
    response = client.post(appeal_page, {"explanation": "  "}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 422
    assert expected in response.content.decode()


@pytest.mark.parametrize(
    "language, shown, not_shown",
    [
        ("de", "Ihr Kommentar wurde nicht veröffentlicht.", "Your comment was not published."),
        ("en", "Your comment was not published.", "Ihr Kommentar wurde nicht veröffentlicht."),
    ],
)
def test_the_statement_on_the_appeal_page_is_in_the_pages_language(
    client, appeal_page, language, shown, not_shown
):
    page = client.get(appeal_page, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert shown in page and not_shown not in page


def test_the_api_keeps_its_english_message(api, submit, editor):
    comment = submit()
    decide(comment["id"], "reject", actor=editor.user, reasons=["insult"])
    refused = api.post(
        f"/api/v1/comments/{comment['id']}/appeal?token={comment['author_token']}",
        {"explanation": "  "},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert refused.status_code == 422
    assert refused.json()["detail"] == "Please explain why the decision should be reviewed."


@pytest.mark.parametrize(
    "language, expected",
    [
        ("de", "Bei „Sonstige Rechtsvorschrift“ nennen Sie bitte die Vorschrift"),
        ("en", "With “Other provision”, please name the provision"),
    ],
)
def test_a_refused_report_decision_is_worded_for_the_editor(client, released, editor, language, expected):
    comment = released()
    file_report(comment["id"], reason="insult", explanation="Beleidigend.", good_faith=True)
    notice = Notice.objects.get()
    client.force_login(editor.user)
    page = client.post(
        f"/moderation/reported/{notice.pk}/decide",
        {"action": "remove", "reasons": ["other"], "legal_ground": "other"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert expected in page.content.decode()
    assert Notice.objects.get().state == "open"
