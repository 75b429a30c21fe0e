"""What a new editor tripped over (#18): claims, languages, codes, role pages, evidence."""

from datetime import timedelta

import pytest
from django.utils import timezone

from freigabe.articles.models import Site
from freigabe.comments.models import Comment
from freigabe.moderation.decisions import decide
from freigabe.moderation.models import Claim
from tests.moderation.test_roles_and_audit import settings_form

pytestmark = pytest.mark.django_db


def test_reading_a_cards_context_claims_nothing_starting_work_does(make_client, editor, submit):
    accepted = submit()
    client = make_client(editor.user)
    context = client.get(f"/moderation/comments/{accepted['id']}/context").content.decode()
    assert "reserviert" not in context
    assert not Claim.objects.exists()  # the cursor passing by (j) reserves nothing
    answer = client.post(f"/moderation/comments/{accepted['id']}/claim").content.decode()
    assert "Für Sie reserviert bis" in answer
    assert Claim.objects.get().editor == editor.user


def test_the_claim_endpoint_is_post_only_and_for_editors(make_client, client, editor, submit):
    accepted = submit()
    assert make_client(editor.user).get(f"/moderation/comments/{accepted['id']}/claim").status_code == 405
    assert client.post(f"/moderation/comments/{accepted['id']}/claim").status_code == 302
    assert not Claim.objects.exists()


def test_the_claim_time_is_a_site_setting(make_client, site_admin, editor, publisher, submit):
    response = make_client(site_admin).post(
        "/moderation/settings/zeitung/", settings_form(publisher.site, claim_minutes="7")
    )
    assert response.status_code == 302
    assert Site.objects.get(pk=publisher.site.pk).assessor_settings["claim_minutes"] == 7
    accepted = submit()
    make_client(editor.user).post(f"/moderation/comments/{accepted['id']}/claim")
    left = Claim.objects.get().expires_at - timezone.now()
    assert timedelta(minutes=6) < left <= timedelta(minutes=7)


def test_an_out_of_range_claim_time_is_refused(make_client, site_admin, publisher):
    response = make_client(site_admin).post(
        "/moderation/settings/zeitung/", settings_form(publisher.site, claim_minutes="600")
    )
    assert response.status_code == 200 and "claim_minutes" not in (
        Site.objects.get(pk=publisher.site.pk).assessor_settings or {}
    )


@pytest.mark.parametrize(
    "language, expected",
    [
        ("de", "Es gibt keine Entscheidung von Ihnen"),
        ("en", "There is no decision of yours to undo."),
    ],
)
def test_domain_errors_reach_the_editor_in_their_language(make_client, editor, language, expected):
    response = make_client(editor.user).post(
        "/moderation/undo", HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE=language
    )
    assert expected in response.content.decode()


@pytest.mark.parametrize(
    "language, label", [("de", "Beleidigungen und Schimpfwörter"), ("en", "Insults and swear words")]
)
def test_decided_cards_and_the_history_name_rules_not_codes(make_client, editor, submit, language, label):
    accepted = submit()
    client = make_client(editor.user)
    card = client.post(
        f"/moderation/comments/{accepted['id']}/decide",
        {"action": "reject", "reasons": ["insult"]},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()
    assert f"({label})" in card and "(insult)" not in card
    history = client.get("/moderation/history/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert label in history and ">insult<" not in history


def test_the_history_names_the_overridden_suggestion(make_client, editor, submit):
    accepted = submit()
    comment = Comment.objects.get(pk=accepted["id"])
    Comment.objects.filter(pk=comment.pk).update(
        assessment={**(comment.assessment or {}), "decision": "review"}
    )
    decide(accepted["id"], "release", actor=editor.user)
    client = make_client(editor.user)
    german = client.get("/moderation/history/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    english = client.get("/moderation/history/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Vorschlag: prüfen" in german and "Vorschlag: review" not in german
    assert "Suggestion: review" in english


@pytest.mark.parametrize(
    "path",
    [
        "/moderation/audit/",
        "/moderation/operations/",
        "/moderation/settings/",
        "/moderation/appeals/",
        "/moderation/authors/bans/",
    ],
)
def test_a_refused_page_names_the_role_it_needs(make_client, editor, publisher, path):
    client = make_client(editor.user)
    german = client.get(path, HTTP_ACCEPT_LANGUAGE="de")
    assert german.status_code == 403
    text = german.content.decode()
    assert "Diese Seite ist Mitgliedern dieser Rollen vorbehalten" in text
    assert ("Chef vom Dienst" in text) != (path == "/moderation/settings/")
    assert "Administration" in text and "Ihre Rolle: Redaktion" in text
    english = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This page is for members of these roles" in english


def test_load_more_shows_only_when_more_wait(make_client, editor, submit):
    submit(), submit()
    html = make_client(editor.user).get("/moderation/").content.decode()
    assert "Nächste Kommentare laden" not in html
    assert "data-pending-count>2<" in html and "2 warten insgesamt" in html


def test_model_words_alone_are_not_highlighted_as_the_reason(make_client, editor, submit):
    accepted = submit("Die Presse ist doch gekauft, die lügen alle")
    comment = Comment.objects.get(pk=accepted["id"])
    html = (
        make_client(editor.user)
        .get(f"/moderation/comments/{comment.pk}/", HTTP_ACCEPT_LANGUAGE="de")
        .content.decode()
    )
    assert "Modell: Wort spricht für" not in html
    assert '">Presse<' not in html and '">lügen<' not in html
    insult = ((comment.assessment or {}).get("rules") or {}).get("insult") or {}
    if any((item.get("why") or "").startswith("Modell:") for item in insult.get("evidence", ())):
        assert "stützt sich auf den Text als Ganzes" in html


def test_the_english_card_shows_english_evidence(make_client, editor, submit):
    accepted = submit("Alles gekauft, die Presse ist gleichgeschaltet und lügt!")
    html = (
        make_client(editor.user)
        .get(f"/moderation/comments/{accepted['id']}/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    rules = (Comment.objects.get(pk=accepted["id"]).assessment or {}).get("rules") or {}
    whys = [
        item["why"]
        for rule in rules.values()
        for item in rule.get("evidence") or ()
        if item.get("why") and not item["why"].startswith("Modell:")
    ]
    assert whys, "the assessor found no evidence to show"
    for why in whys:
        assert f"– {why}<" not in html and f'title="{why}"' not in html
