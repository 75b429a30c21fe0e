"""Senior editors suspend or ban authors; banned authors' comments are refused with 403."""

from datetime import timedelta

import pytest
from django.utils import timezone

from freigabe.http import ip_hash
from freigabe.moderation.bans import active_ban_for, bans_for_author, impose_ban
from freigabe.moderation.models import AuditEntry, Ban

pytestmark = pytest.mark.django_db


def comments_path(article):
    return f"/api/v1/sites/{article.site.slug}/articles/{article.external_id}/comments"


def post_comment(api, article, **fields):
    payload = {"body": "Die Radwege sind gut.", "author_name": "Leser", **fields}
    return api.post(comments_path(article), payload)


def test_a_senior_editor_bans_an_email_and_the_api_refuses_its_comments(
    make_client, senior, api, article, settings
):
    settings.FREIGABE_RATE_COMMENTS = "1000/60"
    response = make_client(senior).post(
        "/moderation/authors/bans/",
        {"kind": "email", "value": "Troll@Example.org", "days": "7", "reason": "Beleidigungen"},
    )
    assert response.status_code == 302
    refused = post_comment(api, article, author_email="troll@example.ORG")
    assert refused.status_code == 403
    assert "suspended from commenting until" in refused.json()["detail"]
    assert post_comment(api, article, author_email="anna@example.org").status_code == 202


def test_a_permanent_ban_by_ip_hash_refuses_comments_from_that_address(senior, api, article):
    impose_ban("ip", ip_hash("127.0.0.1"), reason="Spam", actor=senior)
    refused = post_comment(api, article)
    assert refused.status_code == 403
    assert refused.json()["detail"] == ("You are banned from commenting; the statement of reasons says why.")
    assert refused.json().get("code", "author_banned") == "author_banned"


def test_an_account_ban_refuses_the_readers_sso_account(senior, article):
    from freigabe.comments.services import SubmissionRefused, submit_comment

    impose_ban("account", "reader-42", reason="Drohungen", actor=senior)
    with pytest.raises(SubmissionRefused) as refused:
        submit_comment(article, body="Hallo", author_name="X", author_external_id="reader-42")
    assert refused.value.status == 403
    submit_comment(article, body="Hallo", author_name="Y", author_external_id="reader-43")


def test_an_expired_suspension_no_longer_refuses(senior, api, article):
    ban = impose_ban("email", "a@example.org", reason="Ton", days=1, actor=senior)
    Ban.objects.filter(pk=ban.pk).update(ends_at=timezone.now() - timedelta(minutes=1))
    assert post_comment(api, article, author_email="a@example.org").status_code == 202


def test_lifting_a_ban_is_recorded_and_lets_the_author_comment_again(make_client, senior, api, article):
    ban = impose_ban("email", "a@example.org", reason="Ton", actor=senior)
    client = make_client(senior)
    client.post(f"/moderation/authors/bans/{ban.pk}/lift", {"reason": "Entschuldigung"})
    ban.refresh_from_db()
    assert ban.lifted_by == senior and ban.lift_reason == "Entschuldigung"
    assert post_comment(api, article, author_email="a@example.org").status_code == 202
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "ban.impose",
        "ban.lift",
    ]
    page = client.get("/moderation/authors/bans/").content.decode()
    assert "aufgehoben" in page and "Entschuldigung" in page


def test_a_plain_editor_may_not_ban(make_client, editor):
    client = make_client(editor.user)
    assert client.get("/moderation/authors/bans/").status_code == 403
    response = client.post(
        "/moderation/authors/bans/", {"kind": "email", "value": "x@example.org", "days": "", "reason": "x"}
    )
    assert response.status_code == 403
    assert not Ban.objects.exists()


def test_a_ban_needs_a_reason(make_client, senior):
    response = make_client(senior).post(
        "/moderation/authors/bans/", {"kind": "email", "value": "x@example.org", "days": "", "reason": ""}
    )
    assert response.status_code == 200
    assert not Ban.objects.exists()


def test_the_ban_page_escapes_what_it_shows(make_client, senior):
    impose_ban("email", "<b>x</b>@example.org", reason="<script>alert(1)</script>", actor=senior)
    html = make_client(senior).get("/moderation/authors/bans/").content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_the_history_and_the_submission_check_match_the_same_identities(senior):
    by_account = impose_ban("account", "reader-42", reason="Drohungen", actor=senior)
    by_email = impose_ban("email", "Troll@Example.org", reason="Ton", days=7, actor=senior)
    by_ip = impose_ban("ip", "abc123", reason="Spam", actor=senior)
    impose_ban("email", "anna@example.org", reason="Ton", actor=senior)
    author = {"account": "reader-42", "email": "TROLL@example.org", "ip_hash": "abc123"}
    assert set(bans_for_author(**author)) == {by_account, by_email, by_ip}
    assert active_ban_for(**author) in {by_account, by_email, by_ip}
    for kind, value in author.items():
        assert active_ban_for(**{kind: value}) is not None
    assert list(bans_for_author()) == [] and active_ban_for() is None
    assert active_ban_for(account="reader-43", email="x@example.org", ip_hash="def") is None
