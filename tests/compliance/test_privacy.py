"""GDPR: short IP retention, access to one's data, erasure, no email ever public."""

import io
import json
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from freigabe.comments.models import Comment
from freigabe.compliance.models import EmailAddress, Erasure, SitePrivacyPolicy
from tests.compliance.conftest import report_payload, reports_path
from tests.processes import Environment

pytestmark = pytest.mark.django_db
EMAIL = "leserin@example.org"


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def thread(api, article):
    return api.get(f"/api/v1/sites/zeitung/articles/{article.external_id}/comments")


def confirm(email):
    EmailAddress.objects.update_or_create(email=email, defaults={"confirmed_at": timezone.now()})


def test_email_addresses_are_never_shown_publicly(api, released, article):
    released(author_email=EMAIL)
    response = thread(api, article)
    assert response.status_code == 200 and response.json()["count"] == 1
    assert EMAIL not in response.content.decode()
    assert "author_email" not in response.content.decode()


def test_ip_hashes_older_than_the_retention_are_purged(submit, settings):
    settings.FREIGABE_IP_RETENTION_DAYS = 7
    old, new = submit(), submit()
    Comment.objects.filter(pk=old["id"]).update(created_at=timezone.now() - timedelta(days=8))
    assert "Cleared 1 IP hashes older than 7 days" in run("purge_ip_hashes")
    assert Comment.objects.get(pk=old["id"]).ip_hash == ""
    assert Comment.objects.get(pk=new["id"]).ip_hash != ""


def test_export_author_prints_comments_decisions_statements_appeals_and_reports(
    api, submit, released, editor
):
    rejected = submit(author_email=EMAIL)
    api.post(
        f"/api/v1/moderation/comments/{rejected['id']}/decision",
        {"action": "reject", "reasons": ["insult"]},
        **editor.auth,
    )
    api.post(
        f"/api/v1/comments/{rejected['id']}/appeal?token={rejected['author_token']}",
        {"explanation": "Bitte noch einmal prüfen."},
    )
    other = released(author_email="jemand@example.org")
    api.post(reports_path(other["id"]), report_payload(reporter_email=EMAIL))
    submit(author_email="jemand@example.org")

    data = json.loads(run("export_author", EMAIL))
    assert [c["id"] for c in data["comments"]] == [rejected["id"]]
    comment = data["comments"][0]
    assert comment["status"] == "rejected" and comment["author_email"] == EMAIL
    assert comment["decisions"][0]["statement_of_reasons"]["grounds"][0]["code"] == "insult"
    assert comment["appeals"][0]["explanation"] == "Bitte noch einmal prüfen."
    assert [r["comment_id"] for r in data["reports_filed"]] == [other["id"]]


def test_the_self_service_link_shows_the_comment_and_mails_the_rest_to_the_owner(
    api, client, submit, mailoutbox, django_capture_on_commit_callbacks
):
    first = submit(author_email=EMAIL)
    second = submit(author_email=EMAIL)
    path = f"/api/v1/comments/{second['id']}/my-data?token={second['author_token']}"
    with django_capture_on_commit_callbacks(execute=True):
        data = api.get(path).json()
        api.get(path)  # asking again within the hour sends no second mail
    assert data["scope"] == "comment"
    assert [c["id"] for c in data["comments"]] == [second["id"]]
    assert data["comments"][0]["author_email"] == EMAIL
    assert [m.to for m in mailoutbox] == [[EMAIL]]
    link = re.search(r"http://\S+(/compliance/my-data/\S+)", mailoutbox[0].body).group(1)
    everything = client.get(link).json()
    assert everything["scope"] == "author"
    assert [c["id"] for c in everything["comments"]] == [first["id"], second["id"]]
    assert client.get("/compliance/my-data/forged").status_code == 404


def test_the_self_service_link_needs_the_author_token(api, submit):
    comment = submit()
    assert api.get(f"/api/v1/comments/{comment['id']}/my-data?token=x").status_code == 403
    anonymous = api.get(f"/api/v1/comments/{comment['id']}/my-data?token={comment['author_token']}").json()
    assert anonymous["email"] is None and len(anonymous["comments"]) == 1


def test_erasure_anonymises_by_default_and_records_only_counts(api, released, article):
    kept = released(author_email=EMAIL, author_name="Erika Muster")
    confirm(EMAIL)
    other = released(author_email="jemand@example.org")
    api.post(reports_path(other["id"]), report_payload(reporter_email=EMAIL, reporter_name="Erika Muster"))
    result = json.loads(run("erase_author", EMAIL))
    assert result == {
        "mode": "policy",
        "comments_removed": 0,
        "comments_anonymised": 1,
        "reports_anonymised": 1,
    }
    comment = Comment.objects.get(pk=kept["id"])
    assert (comment.author_name, comment.author_email, comment.ip_hash) == ("Gelöschter Nutzer", "", "")
    names = [c["author_name"] for c in thread(api, article).json()["comments"]]
    assert "Gelöschter Nutzer" in names and "Erika Muster" not in names
    assert not EmailAddress.objects.filter(email=EMAIL).exists()
    assert json.loads(run("export_author", EMAIL))["comments"] == []
    assert json.loads(run("export_author", EMAIL))["reports_filed"] == []
    erasure = Erasure.objects.get()
    assert EMAIL not in json.dumps([str(getattr(erasure, f.name)) for f in Erasure._meta.fields])


def test_erasure_removes_comments_and_keeps_others_replies(api, released, article):
    parent = released(author_email=EMAIL)
    reply = released(parent_id=parent["id"], author_name="Andere")
    json.loads(run("erase_author", EMAIL, "--mode", "remove"))
    assert not Comment.objects.filter(pk=parent["id"]).exists()
    comments = thread(api, article).json()["comments"]
    assert [c["id"] for c in comments] == [reply["id"]]


def test_the_site_policy_decides_the_erasure_mode(released, publisher):
    SitePrivacyPolicy.objects.create(site=publisher.site, erasure_mode="remove")
    comment = released(author_email=EMAIL)
    assert json.loads(run("erase_author", EMAIL))["comments_removed"] == 1
    assert not Comment.objects.filter(pk=comment["id"]).exists()


@pytest.mark.django_db(transaction=False)
def test_the_privacy_commands_run_from_the_console(tmp_path):
    cli = Environment(tmp_path, FREIGABE_IP_RETENTION_DAYS="0")
    try:
        cli.run("migrate", "--verbosity", "0")
        cli.run("load_demo")
        assert "IP hashes older than 0 days" in cli.run("purge-ip-hashes").stdout
        assert json.loads(cli.run("export-author", "nobody@example.org").stdout)["comments"] == []
        erased = json.loads(cli.run("erase-author", "nobody@example.org").stdout)
        assert erased["comments_anonymised"] == 0
    finally:
        cli.close()
