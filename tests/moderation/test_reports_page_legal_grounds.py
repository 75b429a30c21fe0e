"""From the reports page an editor removes a comment on a legal ground, naming the law."""

import pytest

from freigabe.comments.models import Comment
from freigabe.compliance.reports import file_report
from freigabe.moderation.decisions import decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(submit, editor):
    accepted = submit("Ein freigegebener Kommentar über den Bürgermeister.")
    decide(accepted["id"], "release", actor=editor.user)
    file_report(
        accepted["id"],
        reason="illegal",
        legal_ground="StGB §186",
        explanation="Behauptet Falsches über den Bürgermeister.",
        good_faith=True,
    )
    return Comment.objects.get(pk=accepted["id"])


def decide_path(comment):
    return f"/moderation/reported/{comment.notices.get().pk}/decide"


def test_the_page_offers_the_legal_grounds_with_their_law(make_client, editor, reported):
    html = make_client(editor.user).get("/moderation/reported/").content.decode()
    assert "§ 186 StGB – Üble Nachrede" in html
    assert 'name="legal_provision"' in html
    english = make_client(editor.user).get("/moderation/reported/", HTTP_ACCEPT_LANGUAGE="en")
    assert "§ 186 StGB – Defamation" in english.content.decode()


def test_a_removal_on_a_legal_ground_states_the_law(make_client, editor, reported):
    make_client(editor.user).post(
        decide_path(reported), {"action": "remove", "reasons": ["insinuation"], "legal_ground": "StGB §186"}
    )
    reported.refresh_from_db()
    assert reported.status == "removed"
    statement = reported.decisions.order_by("-pk").first().statement_of_reasons
    assert "§ 186 StGB" in str(statement)


def test_other_needs_the_provision_named(make_client, editor, reported):
    client = make_client(editor.user)
    client.post(decide_path(reported), {"action": "remove", "reasons": ["other"], "legal_ground": "other"})
    reported.refresh_from_db()
    assert reported.status == "released"  # refused: which law?
    client.post(
        decide_path(reported),
        {"action": "remove", "reasons": ["other"], "legal_ground": "other", "legal_provision": "§ 201a StGB"},
    )
    reported.refresh_from_db()
    assert reported.status == "removed"
    assert "§ 201a StGB" in str(reported.decisions.order_by("-pk").first().statement_of_reasons)


def test_the_appeal_form_asks_for_a_reason(make_client, senior):
    html = make_client(senior).get("/moderation/appeals/").content.decode()
    assert "Notiz (optional)" not in html
