"""Roles as groups, the admin's site settings page, and the audit log with its CSV export."""

import csv
import io

import pytest

from freigabe.articles.models import Site
from freigabe.comments import botcheck
from freigabe.moderation.audit import record
from freigabe.moderation.decisions import decide, undo
from freigabe.moderation.models import AuditEntry, Decision
from tests.conftest import comments_path

pytestmark = pytest.mark.django_db


def settings_form(site, **changes):
    from freigabe.moderation.forms import SiteSettingsForm

    form = SiteSettingsForm(site=site)
    data = {name: field.initial for name, field in form.fields.items()}
    data.update(changes)
    return {key: "" if value is None else value for key, value in data.items()}


@pytest.mark.parametrize(
    "path",
    [
        "/moderation/audit/",
        "/moderation/audit.csv",
        "/moderation/operations/",
        "/moderation/settings/",
        "/moderation/appeals/",
        "/moderation/authors/bans/",
    ],
)
def test_plain_editors_are_refused_senior_pages(make_client, editor, publisher, path):
    assert make_client(editor.user).get(path).status_code == 403


def test_senior_editors_see_the_log_but_not_the_settings(make_client, senior, publisher):
    client = make_client(senior)
    assert client.get("/moderation/audit/").status_code == 200
    assert client.get("/moderation/operations/").status_code == 200
    assert client.get("/moderation/settings/").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    for path in ("/moderation/audit/", "/moderation/settings/", "/moderation/authors/bans/"):
        assert client.get(path)["Location"].startswith("/accounts/login/")


def test_the_admin_changes_guidelines_labels_thresholds_and_the_skip_setting(
    make_client, site_admin, publisher
):
    client = make_client(site_admin)
    page = client.get("/moderation/settings/").content.decode()
    assert "Beleidigungen und Schimpfwörter" in page and 'value="off" selected' in page
    data = settings_form(
        publisher.site,
        guidelines="Bitte freundlich bleiben.",
        label_insult_de="Beleidigungen",
        label_insult_en="Insults",
        review_threshold="0.4",
        reject_threshold="0.95",
        skip_queue="suggested_release",
    )
    response = client.post("/moderation/settings/zeitung/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    site = Site.objects.get(pk=publisher.site.pk)
    assert site.guidelines == "Bitte freundlich bleiben."
    assert (site.house_rules["insult"]["de"], site.house_rules["insult"]["en"]) == (
        "Beleidigungen",
        "Insults",
    )
    assert site.assessor_settings["thresholds"] == {"review": 0.4, "reject": 0.95}
    assert site.assessor_settings["skip_queue"] == "suggested_release"
    entry = AuditEntry.objects.get(action="settings.change")
    assert entry.actor == site_admin and "house_rules" in entry.details["fields"]


def test_settings_refuse_inconsistent_thresholds(make_client, site_admin, publisher):
    data = settings_form(publisher.site, review_threshold="0.9", reject_threshold="0.5")
    response = make_client(site_admin).post("/moderation/settings/zeitung/", data)
    assert response.status_code == 200
    assert "Prüfwert" in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_skipping_the_queue_is_off_by_default(publisher):
    from freigabe.moderation.site_settings import may_skip_queue

    assert not may_skip_queue(publisher.site, "release")


def test_every_action_lands_in_the_audit_log_and_exports_as_csv(make_client, editor, senior, submit):
    first, second = submit(), submit()
    decide(first["id"], "release", actor=editor.user)
    decide(second["id"], "reject", actor=editor.user, reasons=["insult"])
    undo(editor.user)
    record(senior, "note", '=HYPERLINK("http://evil")')
    client = make_client(senior)
    html = client.get("/moderation/audit/").content.decode()
    for action in ("decision.release", "decision.reject", "decision.undo"):
        assert action in html
    response = client.get("/moderation/audit.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["time", "actor", "action", "target", "details"]
    assert [row[2] for row in rows[1:]] == ["note", "decision.undo", "decision.reject", "decision.release"]
    assert rows[1][3].startswith("'=")  # no formula runs when opened in a spreadsheet
    filtered = client.get("/moderation/audit.csv?action=decision.reject").content.decode()
    assert filtered.count("\n") == 2


def _turn_on_skipping(site):
    site.assessor_settings = {**(site.assessor_settings or {}), "skip_queue": "suggested_release"}
    site.save(update_fields=["assessor_settings"])


@pytest.fixture
def post(api, article, settings):
    """Submit through the API as the widget does: with a solved proof of work, or without."""
    settings.FREIGABE_RATE_COMMENTS = "1000/60"

    def _post(body, with_proof=True):
        payload = {"body": body, "author_name": "Leserin"}
        if with_proof:
            payload["proof"] = botcheck.solve("zeitung", "a-1", body)
        response = api.post(comments_path(article), payload)
        assert response.status_code == 202, response.content
        return response.json()

    return _post


def test_by_default_even_a_clean_comment_with_a_proof_waits_for_an_editor(api, article, post):
    accepted = post("Die Radwege auf der Lindenallee finde ich gut.")
    assert accepted["status"] == "pending" and accepted["expected_wait_seconds"] > 0
    assert api.get(comments_path(article)).json()["count"] == 0


def test_with_skipping_on_a_suggested_release_is_public_at_once_and_recorded(api, article, publisher, post):
    _turn_on_skipping(publisher.site)
    clean = post("Die Radwege auf der Lindenallee finde ich gut.")
    rude = post("Du bist ein dummer Vollidiot und ein Arschloch.")
    scripted = post("Die neuen Radwege auf der Lindenallee sind gut.", with_proof=False)
    assert (clean["status"], clean["expected_wait_seconds"]) == ("released", 0)
    assert rude["status"] == "pending" and scripted["status"] == "pending"
    public = api.get(comments_path(article)).json()
    assert [c["id"] for c in public["comments"]] == [clean["id"]]
    decision = Decision.objects.get(comment_id=clean["id"])
    assert decision.automated and decision.actor is None and decision.suggested == "release"
