"""In a real server, an editor's decision is mailed by a timer once its undo window closed."""

import email
import time
from email.header import decode_header, make_header

import pytest

from tests.processes import Environment, Server, request

BACKEND = "django.core.mail.backends.filebased.EmailBackend"


@pytest.fixture
def served(tmp_path):
    environment = Environment(tmp_path, FREIGABE_EMAIL_BACKEND=BACKEND,
                              FREIGABE_EMAIL_FILE_PATH=str(tmp_path / "mail"))
    environment.run("migrate", "--verbosity", "0")
    site = environment.run_json("create-site", "zeitung", "--json")
    token = environment.run_json("create-moderator", "erika", "--token", "--json")["token"]
    server = Server(environment)
    status, _, _ = request("PUT", f"{server.url}/api/v1/sites/zeitung/articles/radwege",
                           {"title": "Stadtrat beschließt neue Radwege", "body": "Mehr Radwege."},
                           {"Authorization": f"Bearer {site['api_key']}"})
    assert status == 201
    yield environment, server, token, tmp_path / "mail"
    server.stop()
    environment.close()


def subjects(mail_dir):
    """The decoded subjects of every mail the file backend wrote, oldest file first."""
    found = []
    for path in sorted(mail_dir.glob("*.log"), key=lambda item: item.stat().st_mtime):
        for raw in path.read_text().split("-" * 79):
            if raw.strip():
                subject = email.message_from_string(raw.strip())["Subject"]
                found.append(str(make_header(decode_header(subject))))
    return found


def test_the_rejection_mail_leaves_after_the_undo_window_not_before(served):
    environment, server, token, mail_dir = served
    status, _, accepted = request(
        "POST", f"{server.url}/api/v1/sites/zeitung/articles/radwege/comments",
        {"body": "Die Radwege sind gut.", "author_name": "Leserin",
         "author_email": "leserin@example.org", "notify": True})
    assert status == 202
    environment.run("shell", "-c", (
        "from django.utils import timezone; from freigabe.compliance.models import EmailAddress;"
        "EmailAddress.objects.filter(email='leserin@example.org')"
        ".update(confirmed_at=timezone.now())"))
    status, _, _ = request(
        "POST", f"{server.url}/api/v1/moderation/comments/{accepted['id']}/decision",
        {"action": "reject", "reasons": ["insult"]}, {"Authorization": f"Token {token}"})
    assert status == 200
    decided = time.monotonic()
    time.sleep(3)
    assert subjects(mail_dir) == ["Bitte bestätigen Sie Ihre E-Mail-Adresse"]
    while len(subjects(mail_dir)) < 2 and time.monotonic() - decided < 40:
        time.sleep(0.5)
    assert time.monotonic() - decided >= 10  # not before the undo window closed
    assert subjects(mail_dir) == ["Bitte bestätigen Sie Ihre E-Mail-Adresse",
                                  "Entscheidung über Ihren Kommentar"]
