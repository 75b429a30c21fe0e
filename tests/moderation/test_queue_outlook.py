"""Editors see what readers were promised: time to clear the queue and promises in danger."""

from datetime import timedelta

from django.utils import timezone

from freigabe.comments.models import Comment
from tests.moderation.test_roles_and_audit import settings_form

NEWSROOM_HOURS = "Mo-Fr 07:00-23:00; Sa,So 09:00-20:00"


def test_editors_see_the_time_to_clear_and_the_promises_in_danger(make_client, editor, submit):
    for _ in range(3):
        submit()
    Comment.objects.filter(pk=submit()["id"]).update(
        wait_promised_until=timezone.now() - timedelta(minutes=5)
    )
    page = make_client(editor.user).get("/moderation/").content.decode()
    assert "Warteschlange in etwa" in page
    assert "Der älteste Kommentar wartet seit" in page
    assert "1 Kommentar wartet schon länger, als seiner Autorin oder seinem Autor zugesagt wurde." in page


def test_settings_take_hours_and_refuse_unreadable_ones(make_client, site_admin, publisher):
    client = make_client(site_admin)
    path = f"/moderation/settings/{publisher.site.slug}/"
    bad = client.post(path, settings_form(publisher.site, review_hours="Mo-Fx 07:00-23:00"))
    assert "Die Prüfzeiten sind nicht lesbar" in bad.content.decode()
    publisher.site.refresh_from_db()
    assert publisher.site.review_hours == {}
    client.post(
        path,
        settings_form(
            publisher.site, review_hours=NEWSROOM_HOURS, review_exceptions="2026-12-24 09:00-12:00"
        ),
    )
    publisher.site.refresh_from_db()
    assert publisher.site.review_hours == {
        "spec": NEWSROOM_HOURS,
        "timezone": "Europe/Berlin",
        "exceptions": "2026-12-24 09:00-12:00",
    }
