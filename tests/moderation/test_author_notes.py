"""Editors' notes on authors: filed beside a comment, shown with the author's history,
in the GDPR export and gone with the author's erasure."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from freigabe.comments.services import submit_comment
from freigabe.moderation.bans import impose_ban
from freigabe.moderation.decisions import decide
from freigabe.moderation.models import AuditEntry, AuthorNote

pytestmark = pytest.mark.django_db
EMAIL = "Troll@Example.org"


def comment_by(article, body, email=EMAIL, **fields):
    return submit_comment(article, body=body, author_name="Troll", author_email=email, **fields).comment


def note_on(client, comment, body, kind="email", **headers):
    return client.post(f"/moderation/comments/{comment.pk}/notes", {"kind": kind, "body": body}, **headers)


def context_of(client, comment):
    response = client.get(f"/moderation/comments/{comment.pk}/context")
    assert response.status_code == 200
    return response.content.decode()


def test_an_editor_notes_an_author_and_the_note_shows_beside_their_next_comment(make_client, editor, article):
    first = comment_by(article, "Die Radwege sind Unsinn, typisch Stadtrat.")
    client = make_client(editor.user)
    response = note_on(client, first, "Schreibt oft knapp an der Grenze; bitte genau lesen.")
    assert response.status_code == 302
    note = AuthorNote.objects.get()
    assert (note.kind, note.value, note.created_by) == ("email", "troll@example.org", editor.user)

    later = comment_by(article, "Und wieder ein Beschluss gegen Autofahrer.", email="troll@EXAMPLE.org")
    shown = context_of(client, later)
    assert "Schreibt oft knapp an der Grenze; bitte genau lesen." in shown
    assert timezone.localtime(note.created_at).strftime("%d.%m.%Y") in shown  # shown in the site's zone
    assert "erika" in shown
    # Another author's comment does not show it.
    other = comment_by(article, "Ich fahre gern Rad.", email="anna@example.org")
    assert "knapp an der Grenze" not in context_of(client, other)


def test_notes_are_filed_by_account_or_ip_hash_too_never_under_a_typed_value(make_client, editor, article):
    comment = comment_by(
        article, "Kommentar mit Konto.", author_external_id="reader-42", ip_hash="abc123hash"
    )
    client = make_client(editor.user)
    note_on(client, comment, "Konto-Notiz", kind="account")
    note_on(client, comment, "IP-Notiz", kind="ip")
    assert sorted(AuthorNote.objects.values_list("kind", "value")) == [
        ("account", "reader-42"),
        ("ip", "abc123hash"),
    ]
    # Same account, new address: the account note follows the author.
    later = comment_by(article, "Neuer Kommentar.", email="neu@example.org", author_external_id="reader-42")
    shown = context_of(client, later)
    assert "Konto-Notiz" in shown and "IP-Notiz" not in shown
    # No email on this comment: a note under "email" is refused with a message.
    no_email = comment_by(article, "Ohne Adresse.", email="", ip_hash="other")
    response = note_on(client, no_email, "x", kind="email", HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert AuthorNote.objects.count() == 2


def test_an_empty_note_is_refused_and_text_is_escaped(make_client, editor, article):
    comment = comment_by(article, "Kommentar.")
    client = make_client(editor.user)
    refused = note_on(client, comment, "   ", HTTP_HX_REQUEST="true")
    assert refused.status_code == 422 and "Die Notiz ist leer." in refused.content.decode()
    saved = note_on(client, comment, "<script>alert(1)</script>", HTTP_HX_REQUEST="true")
    assert saved.status_code == 200
    assert "<script>alert(1)</script>" not in saved.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in saved.content.decode()


def test_adding_a_note_is_audited_and_needs_an_editor_and_csrf(
    make_client, editor, article, client, django_user_model
):
    comment = comment_by(article, "Kommentar.")
    assert note_on(client, comment, "anonym").status_code == 302  # to the login page
    reader = django_user_model.objects.create_user("leser", password="x-Passwort-9")
    assert note_on(make_client(reader), comment, "kein Redakteur").status_code == 403
    strict = make_client(editor.user, enforce_csrf_checks=True)
    assert note_on(strict, comment, "ohne Token").status_code == 403
    assert not AuthorNote.objects.exists()
    note_on(make_client(editor.user), comment, "mit Recht")
    entry = AuditEntry.objects.get(action="note.add")
    note = AuthorNote.objects.get()
    assert entry.actor == editor.user and entry.target == f"note:{note.pk}"
    assert "troll" not in str(entry.details)


def test_the_history_beside_a_comment_counts_decisions_and_names_rejections_and_the_ban(
    make_client, editor, senior, article
):
    released = comment_by(article, "Guter Punkt zu den Parkplätzen.")
    decide(released.pk, "release", actor=editor.user)
    for text in ("Der Stadtrat ist gekauft.", "Idioten im Rathaus."):
        decide(comment_by(article, text).pk, "reject", actor=editor.user, reasons=["insult"])
    current = comment_by(article, "Noch ein Kommentar.", email="troll@example.org ")
    impose_ban("email", EMAIL, reason="Wiederholte Beleidigungen", days=7, actor=senior)
    shown = context_of(make_client(editor.user), current)
    assert "freigegeben: 1" in shown.lower() or "Freigegeben: 1" in shown
    assert "abgelehnt: 2" in shown.lower()
    assert "data-last-rejections" in shown and "Beleidigungen und Schimpfwörter" in shown
    assert "data-active-ban" in shown and "Wiederholte Beleidigungen" in shown


def test_the_history_reads_in_english_for_an_english_editor(make_client, editor, article):
    comment = comment_by(article, "Der Stadtrat ist gekauft.")
    decide(comment.pk, "reject", actor=editor.user, reasons=["insult"])
    later = comment_by(article, "Noch einer.")
    client = make_client(editor.user)
    note_on(client, later, "Watch this one.")
    shown = client.get(f"/moderation/comments/{later.pk}/context", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Notes from the newsroom" in shown and "Watch this one." in shown
    assert "Last rejection reasons" in shown


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_notes_are_in_the_gdpr_export_and_erased_with_the_author(make_client, editor, article):
    comment = comment_by(article, "Kommentar.", author_external_id="reader-7", ip_hash="hash-7")
    client = make_client(editor.user)
    note_on(client, comment, "Notiz unter der Adresse")
    note_on(client, comment, "Notiz unter dem Konto", kind="account")
    other = comment_by(article, "Anderer.", email="anna@example.org")
    note_on(client, other, "Notiz zu Anna")

    exported = json.loads(run("export_author", "troll@example.org"))
    assert sorted(n["body"] for n in exported["editor_notes"]) == [
        "Notiz unter dem Konto",
        "Notiz unter der Adresse",
    ]
    assert all("created_at" in n for n in exported["editor_notes"])

    run("erase_author", "troll@example.org")
    assert list(AuthorNote.objects.values_list("body", flat=True)) == ["Notiz zu Anna"]
    assert json.loads(run("export_author", "troll@example.org"))["editor_notes"] == []


def test_every_queue_card_of_a_noted_author_says_how_many_notes_there_are(make_client, editor, article):
    first = comment_by(article, "Erster Kommentar.", author_external_id="reader-9")
    second = comment_by(article, "Zweiter Kommentar.", email="", author_external_id="reader-9")
    other = comment_by(article, "Kommentar von Anna.", email="anna@example.org")
    client = make_client(editor.user)
    note_on(client, first, "Erste Notiz")
    note_on(client, first, "Zweite Notiz", kind="account")
    html = client.get("/moderation/").content.decode()
    cards = {
        int(number): body for number, body in re.findall(r'id="comment-(\d+)"(.*?)</li>', html, flags=re.S)
    }
    assert "2 Notizen zur Person" in cards[first.pk]
    assert "1 Notiz zur Person" in cards[second.pk]  # the account note; no email here
    assert "data-author-notes-count" not in cards[other.pk]
    english = client.get("/moderation/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 notes on this person" in english and "1 note on this person" in english
