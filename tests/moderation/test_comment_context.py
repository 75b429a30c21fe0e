"""One comment at a glance: evidence, thread, article passage, author's history, suggestion."""

import pytest
from django.utils.html import escape

from freigabe.comments.models import Comment
from freigabe.moderation.bans import impose_ban
from freigabe.moderation.decisions import decide
from freigabe.moderation.passage import referenced_passage

pytestmark = pytest.mark.django_db


def test_the_passage_is_the_best_overlapping_sentence():
    body = (
        "Der Stadtrat hat am Dienstag neue Radwege beschlossen. "
        "Auf der Lindenallee entfallen dafür 230 Parkplätze. "
        "Die Opposition kritisiert die Kosten."
    )
    assert referenced_passage(body, "Wo sollen die Parkplätze an der Lindenallee hin?") == (
        "Auf der Lindenallee entfallen dafür 230 Parkplätze."
    )
    assert referenced_passage(body, "Die Kosten sind zu hoch!") == ("Die Opposition kritisiert die Kosten.")
    assert referenced_passage(body, "Hallo zusammen") == ""
    assert referenced_passage("", "Parkplätze") == ""


def test_evidence_is_highlighted_per_rule_and_escaped(make_client, editor, submit):
    accepted = submit("Du <Idiot>, die Radwege sind gut.")
    Comment.objects.filter(pk=accepted["id"]).update(
        suggestion="reject",
        risk=0.9,
        assessment={
            "model_version": "t",
            "decision": "reject",
            "rules": {
                "insult": {
                    "score": 0.9,
                    "evidence": [{"start": 3, "end": 10, "text": "<Idiot>", "why": "Schimpfwort"}],
                }
            },
        },
    )
    html = make_client(editor.user).get("/moderation/").content.decode()
    assert '<mark class="rule-insult " title="Schimpfwort">&lt;Idiot&gt;' in html
    assert "Beleidigungen und Schimpfwörter: 90" in html
    assert "Vorschlag: ablehnen" in html


def test_the_context_shows_passage_thread_and_author_history(make_client, editor, senior, submit):
    parent = submit("Die Radwege sind überfällig.", author_name="Anna")
    decide(parent["id"], "release", actor=editor.user)
    earlier = submit("Alles gekauft hier!", author_name="Max", author_email="max@example.org")
    decide(earlier["id"], "reject", actor=editor.user, reasons=["insinuation"])
    impose_ban("email", "max@example.org", reason="Wiederholt", days=1, actor=senior)
    Comment.objects.filter(pk=earlier["id"]).update(author_email="MAX@example.org")
    reply = Comment.objects.create(
        article_id=Comment.objects.get(pk=parent["id"]).article_id,
        parent_id=parent["id"],
        author_name="Max",
        author_email="max@example.org",
        body="Die Parkplätze auf der Lindenallee fehlen dann.",
        author_token_hash="x",
    )
    html = make_client(senior).get(f"/moderation/comments/{reply.pk}/context").content.decode()
    assert "Auf der Lindenallee entfallen dafür 230 Parkplätze." in html
    assert "Die Radwege sind überfällig." in html  # the parent, in the thread
    assert escape("Alles gekauft hier!") in html and "(Unterstellungen)" in html
    assert "Gesperrt bis" in html
    assert "kind=email" in html  # a senior editor can ban from here


def test_plain_editors_get_no_ban_links(make_client, editor, submit):
    accepted = submit(author_email="a@example.org")
    html = make_client(editor.user).get(f"/moderation/comments/{accepted['id']}/context").content.decode()
    assert "kind=email" not in html


def test_a_comment_has_a_page_of_its_own(make_client, editor, submit):
    accepted = submit("Eine eigene Seite für diesen Kommentar.")
    client = make_client(editor.user)
    html = client.get(f"/moderation/comments/{accepted['id']}/").content.decode()
    assert "Eine eigene Seite für diesen Kommentar." in html
    assert client.get("/moderation/comments/999999/").status_code == 404
