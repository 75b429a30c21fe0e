"""Emails: double opt-in for authors, outcomes with statements and appeal links, in DE or EN."""

import io
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from freigabe.compliance.models import Appeal
from freigabe.compliance.notifications import send_due_outcome_mails
from freigabe.moderation.decisions import UNDO_WINDOW

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://\S+(/compliance/\S+)")


@pytest.fixture
def mailed(django_capture_on_commit_callbacks):
    """Run the block's after-commit hooks, as a real request's commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def link_in(mail):
    return LINK.search(mail.body).group(1)


def confirm(client, mail):
    """Open the confirmation link and press its button."""
    assert client.get(link_in(mail)).status_code == 200
    return client.post(link_in(mail))


def decide(api, editor, comment_id, action, reasons=()):
    """Decide through the API, then let the undo window pass and send what is due."""
    response = api.post(
        f"/api/v1/moderation/comments/{comment_id}/decision",
        {"action": action, "reasons": list(reasons)},
        **editor.auth,
    )
    assert response.status_code == 200, response.content
    send_due_outcome_mails(now=after_undo_window())


def after_undo_window():
    return timezone.now() + UNDO_WINDOW + timedelta(seconds=1)


def test_first_use_of_an_address_asks_for_confirmation(submit, mailoutbox, mailed):
    with mailed():
        submit(author_email="leserin@example.org", notify=True)
        submit(author_email="leserin@example.org", notify=True)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["leserin@example.org"]
    assert mailoutbox[0].subject == "Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert "/compliance/confirm-email/" in mailoutbox[0].body
    assert "leserin" not in link_in(mailoutbox[0])  # URLs end up in logs


def test_without_opt_in_no_mail_is_sent(api, submit, editor, mailoutbox, mailed):
    with mailed():
        comment = submit(author_email="leserin@example.org")
        decide(api, editor, comment["id"], "release")
    assert mailoutbox == []


def test_a_confirmed_author_hears_of_the_release_in_english(api, client, submit, editor, mailoutbox, mailed):
    with mailed():
        comment = submit(author_email="reader@example.org", notify=True, language="en")
    assert mailoutbox[0].subject == "Please confirm your email address"
    assert confirm(client, mailoutbox[0]).status_code == 200
    with mailed():
        decide(api, editor, comment["id"], "release")
    assert len(mailoutbox) == 2
    assert mailoutbox[1].subject == "Your comment is published"
    assert "Stadtrat beschließt neue Radwege" in mailoutbox[1].body


def test_accept_language_chooses_the_language(api, article, mailoutbox, mailed, settings):
    with mailed():
        response = api.post(
            f"/api/v1/sites/zeitung/articles/{article.external_id}/comments",
            {
                "body": "Gute Idee mit den Radwegen.",
                "author_name": "Ann",
                "author_email": "ann@example.org",
                "notify": True,
            },
            HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8,de;q=0.5",
        )
    assert response.status_code == 202
    assert mailoutbox[0].subject == "Please confirm your email address"


def test_an_unconfirmed_address_gets_no_outcome_until_confirmed(
    api, client, submit, editor, mailoutbox, mailed
):
    with mailed():
        comment = submit(author_email="leserin@example.org", notify=True)
        decide(api, editor, comment["id"], "reject", ["insult"])
    assert len(mailoutbox) == 1  # the confirmation request only
    with mailed():
        confirm(client, mailoutbox[0])
    assert len(mailoutbox) == 2
    assert mailoutbox[1].subject == "Entscheidung über Ihren Kommentar"


def test_a_rejection_mail_carries_the_statement_and_a_working_appeal_link(
    api, client, submit, editor, mailoutbox, mailed
):
    with mailed():
        comment = submit(author_email="leserin@example.org", notify=True)
    confirm(client, mailoutbox[0])
    with mailed():
        decide(api, editor, comment["id"], "reject", ["insult"])
    body = mailoutbox[1].body
    assert "Beleidigungen und Schimpfwörter" in body
    assert "Mit automatisierten Mitteln erkannt" in body
    assert "sechs Monaten" in body
    appeal_page = link_in(mailoutbox[1])
    assert appeal_page.startswith("/compliance/appeal/")

    csrf_client = Client(enforce_csrf_checks=True)
    form = csrf_client.get(appeal_page)
    assert form.status_code == 200
    assert "Content-Security-Policy" in form
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())
    assert csrf_client.post(appeal_page, {"explanation": "Kritik"}).status_code == 403
    filed = csrf_client.post(
        appeal_page,
        {"explanation": "Das war Kritik, keine Beleidigung.", "csrfmiddlewaretoken": token.group(1)},
    )
    assert filed.status_code == 200
    assert Appeal.objects.get().explanation == "Das war Kritik, keine Beleidigung."


def test_the_appeal_page_escapes_the_comment(api, client, submit, editor, mailoutbox, mailed):
    with mailed():
        comment = submit(body="<script>alert(1)</script> Radwege", notify=True, author_email="x@example.org")
    confirm(client, mailoutbox[0])
    with mailed():
        decide(api, editor, comment["id"], "reject", ["other"])
    page = client.get(link_in(mailoutbox[1])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_following_the_confirmation_link_alone_confirms_nothing(
    api, client, submit, editor, mailoutbox, mailed
):
    with mailed():
        comment = submit(author_email="leserin@example.org", notify=True)
    page = client.get(link_in(mailoutbox[0]))  # what a mail scanner would do
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    with mailed():
        decide(api, editor, comment["id"], "release")
    assert len(mailoutbox) == 1


def test_a_forged_link_is_refused(client):
    assert client.get("/compliance/confirm-email/forged").status_code == 400
    assert client.post("/compliance/confirm-email/forged").status_code == 400
    assert client.get("/compliance/appeal/forged").status_code == 404


def test_the_author_hears_the_outcome_of_an_appeal(api, client, submit, editor, senior, mailoutbox, mailed):
    with mailed():
        comment = submit(author_email="leserin@example.org", notify=True)
    confirm(client, mailoutbox[0])
    with mailed():
        decide(api, editor, comment["id"], "reject", ["insult"])
    appeal = api.post(
        f"/api/v1/comments/{comment['id']}/appeal?token={comment['author_token']}",
        {"explanation": "Bitte prüfen."},
    ).json()
    with mailed():
        api.post(
            f"/api/v1/moderation/appeals/{appeal['id']}/decision",
            {"outcome": "reversed", "note": "Zulässige Kritik."},
            **senior.auth,
        )
    assert [m.subject for m in mailoutbox][-1] == "Ergebnis Ihrer Beschwerde"
    assert "aufgehoben" in mailoutbox[-1].body and "Zulässige Kritik." in mailoutbox[-1].body
    # The reinstatement itself sends no second "published" mail.
    assert len(mailoutbox) == 3


def test_opting_in_without_an_address_is_harmless(api, submit, editor, mailoutbox, mailed):
    with mailed():
        comment = submit(notify=True)
        decide(api, editor, comment["id"], "release")
    assert mailoutbox == []


def _confirmed_comment(client, submit, mailoutbox, mailed):
    with mailed():
        comment = submit(author_email="leserin@example.org", notify=True)
    confirm(client, mailoutbox[0])
    return comment


def _api_decision(api, editor, comment_id, action, reasons=()):
    response = api.post(
        f"/api/v1/moderation/comments/{comment_id}/decision",
        {"action": action, "reasons": list(reasons)},
        **editor.auth,
    )
    assert response.status_code == 200, response.content


def test_an_editors_decision_is_mailed_only_after_its_undo_window(
    api, client, submit, editor, mailoutbox, mailed
):
    comment = _confirmed_comment(client, submit, mailoutbox, mailed)
    with mailed():
        _api_decision(api, editor, comment["id"], "reject", ["insult"])
    assert send_due_outcome_mails() == 0 and len(mailoutbox) == 1  # still undoable
    assert send_due_outcome_mails(now=after_undo_window()) == 1
    assert mailoutbox[-1].subject == "Entscheidung über Ihren Kommentar"
    assert send_due_outcome_mails(now=after_undo_window()) == 0  # never twice
    assert len(mailoutbox) == 2


def test_an_undone_rejection_is_never_mailed_only_the_final_release(
    api, client, submit, editor, mailoutbox, mailed
):
    from freigabe.moderation.decisions import decide as decide_directly
    from freigabe.moderation.decisions import undo

    comment = _confirmed_comment(client, submit, mailoutbox, mailed)
    with mailed():
        decide_directly(comment["id"], "reject", actor=editor.user, reasons=["insult"])
        undo(editor.user)
        decide_directly(comment["id"], "release", actor=editor.user)
    assert send_due_outcome_mails(now=after_undo_window()) == 1
    assert [m.subject for m in mailoutbox[1:]] == ["Ihr Kommentar ist veröffentlicht"]


def test_the_sweeper_command_sends_what_is_due(api, client, submit, editor, mailoutbox, mailed):
    from django.core.management import call_command

    from freigabe.moderation.models import Decision

    comment = _confirmed_comment(client, submit, mailoutbox, mailed)
    with mailed():
        _api_decision(api, editor, comment["id"], "release")
    Decision.objects.filter(comment_id=comment["id"]).update(
        created_at=timezone.now() - UNDO_WINDOW - timedelta(seconds=5)
    )
    output = io.StringIO()
    call_command("send_outcome_mails", stdout=output)
    assert output.getvalue().strip() == "Sent 1 outcome mail."
    assert mailoutbox[-1].subject == "Ihr Kommentar ist veröffentlicht"


def test_a_mail_server_failure_loses_no_outcome_mail(api, client, submit, editor, mailoutbox, mailed):
    from unittest import mock

    comment = _confirmed_comment(client, submit, mailoutbox, mailed)
    with mailed():
        _api_decision(api, editor, comment["id"], "reject", ["insult"])
    with mock.patch(
        "freigabe.compliance.notifications.send_mail", side_effect=ConnectionRefusedError("mail server down")
    ):
        assert send_due_outcome_mails(now=after_undo_window()) == 0
    assert len(mailoutbox) == 1
    assert send_due_outcome_mails(now=after_undo_window()) == 1  # the next sweep sends it
    assert mailoutbox[-1].subject == "Entscheidung über Ihren Kommentar"
