"""Outcome mails are jobs for `freigabe worker`, enqueued in the decision's transaction to
run once the undo window has closed: sent exactly once, never for an undone decision."""

import email
import time
from datetime import timedelta
from email.header import decode_header, make_header
from unittest import mock

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from freigabe.jobs import run_pending
from freigabe.moderation.decisions import UNDO_WINDOW, decide, undo
from tests.compliance.test_notifications import (  # noqa: F401 - mailed is a fixture
    _api_decision,
    _confirmed_comment,
    mailed,
)
from tests.processes import Environment, Server, request

BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def mail_jobs():
    return DBTaskResult.objects.filter(task_path__endswith="deliver_outcome_mail")


def make_due():
    mail_jobs().filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))


@pytest.mark.django_db
def test_the_mail_job_waits_for_the_undo_window_and_sends_once(
    api, client, submit, editor, mailoutbox, mailed
):
    comment = _confirmed_comment(client, submit, mailoutbox, mailed)
    _api_decision(api, editor, comment["id"], "reject", ["insult"])
    [job] = mail_jobs()
    decided = job.enqueued_at
    assert job.run_after >= decided + UNDO_WINDOW
    assert run_pending() == 0 and len(mailoutbox) == 1  # not due: still undoable
    make_due()
    assert run_pending() == 1
    assert [m.subject for m in mailoutbox[1:]] == ["Entscheidung über Ihren Kommentar"]
    from freigabe.compliance.notifications import deliver_outcome_mail

    assert deliver_outcome_mail(job.args_kwargs["args"][0]) is False  # a rerun sends nothing
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_an_undone_rejection_is_never_mailed(api, client, submit, editor, mailoutbox, mailed):
    comment = _confirmed_comment(client, submit, mailoutbox, mailed)
    decide(comment["id"], "reject", actor=editor.user, reasons=["insult"])
    undo(editor.user)
    decide(comment["id"], "release", actor=editor.user)
    assert mail_jobs().count() == 2
    make_due()
    run_pending()
    assert mail_jobs().filter(status="SUCCESSFUL").count() == 2
    assert [m.subject for m in mailoutbox[1:]] == ["Ihr Kommentar ist veröffentlicht"]


@pytest.mark.django_db
def test_a_mail_server_failure_is_retried_by_the_worker(api, client, submit, editor, mailoutbox, mailed):
    comment = _confirmed_comment(client, submit, mailoutbox, mailed)
    _api_decision(api, editor, comment["id"], "reject", ["insult"])
    make_due()
    with mock.patch(
        "freigabe.compliance.notifications.send_mail", side_effect=ConnectionRefusedError("mail server down")
    ):
        assert run_pending() == 1
    assert len(mailoutbox) == 1
    [job] = mail_jobs()
    assert job.status == "READY" and job.run_after > timezone.now()  # tried again later
    make_due()
    assert run_pending() == 1
    assert mailoutbox[-1].subject == "Entscheidung über Ihren Kommentar"


@pytest.mark.django_db
def test_no_job_for_authors_without_opt_in(api, submit, editor):
    comment = submit(author_email="leser@example.org")
    _api_decision(api, editor, comment["id"], "reject", ["insult"])
    assert mail_jobs().count() == 0


def subjects(mail_dir):
    found = []
    for path in sorted(mail_dir.glob("*.log"), key=lambda item: item.stat().st_mtime):
        for raw in path.read_text().split("-" * 79):
            if raw.strip():
                subject = email.message_from_string(raw.strip())["Subject"]
                found.append(str(make_header(decode_header(subject))))
    return found


def test_a_real_server_and_worker_mail_after_the_undo_window_not_before(tmp_path):
    environment = Environment(
        tmp_path, FREIGABE_EMAIL_BACKEND=BACKEND, FREIGABE_EMAIL_FILE_PATH=str(tmp_path / "mail")
    )
    environment.run("migrate", "--verbosity", "0")
    site = environment.run_json("create-site", "zeitung", "--json")
    token = environment.run_json("create-moderator", "erika", "--token", "--json")["token"]
    server = Server(environment)
    mail_dir = tmp_path / "mail"
    try:
        status, _, _ = request(
            "PUT",
            f"{server.url}/api/v1/sites/zeitung/articles/radwege",
            {"title": "Radwege", "body": "Mehr Radwege."},
            {"Authorization": f"Bearer {site['api_key']}"},
        )
        assert status == 201
        status, _, accepted = request(
            "POST",
            f"{server.url}/api/v1/sites/zeitung/articles/radwege/comments",
            {
                "body": "Die Radwege sind gut.",
                "author_name": "Leserin",
                "author_email": "leserin@example.org",
                "notify": True,
            },
        )
        assert status == 202
        environment.run(
            "shell",
            "-c",
            (
                "from django.utils import timezone; from freigabe.compliance.models import "
                "EmailAddress; EmailAddress.objects.filter(email='leserin@example.org')"
                ".update(confirmed_at=timezone.now())"
            ),
        )
        status, _, _ = request(
            "POST",
            f"{server.url}/api/v1/moderation/comments/{accepted['id']}/decision",
            {"action": "reject", "reasons": ["insult"]},
            {"Authorization": f"Token {token}"},
        )
        assert status == 200
        decided = time.monotonic()
        environment.run("worker", "--once")
        assert subjects(mail_dir) == ["Bitte bestätigen Sie Ihre E-Mail-Adresse"]
        time.sleep(max(0.0, UNDO_WINDOW.total_seconds() + 1 - (time.monotonic() - decided)))
        while len(subjects(mail_dir)) < 2 and time.monotonic() - decided < 60:
            environment.run("worker", "--once")
        assert time.monotonic() - decided >= UNDO_WINDOW.total_seconds()
        environment.run("worker", "--once")  # another worker run sends nothing more
        assert subjects(mail_dir) == [
            "Bitte bestätigen Sie Ihre E-Mail-Adresse",
            "Entscheidung über Ihren Kommentar",
        ]
    finally:
        server.stop()
        environment.close()
