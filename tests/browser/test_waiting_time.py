"""What readers are told about the wait, in a real browser: the hours, a range, the morning."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def set_hours(article, spec, exceptions=""):
    site = article.site
    site.review_hours = {"spec": spec, "timezone": "Europe/Berlin", "exceptions": exceptions}
    site.save(update_fields=["review_hours"])


def test_the_guidelines_say_when_comments_are_checked(open_article, news_article):
    set_hours(news_article, "täglich 07:00-23:00")
    widget = open_article()
    expect(widget.widget.locator(".fg-guidelines")).to_contain_text(
        "Wir prüfen Kommentare täglich von 7 bis 23 Uhr."
    )


def test_a_round_the_clock_site_says_nothing_about_hours(open_article, news_article):
    widget = open_article()
    expect(widget.widget.locator(".fg-guidelines h3")).to_be_visible()
    expect(widget.widget.locator(".fg-hours")).to_have_count(0)


def test_a_pending_comment_is_told_a_range(open_article, news_article):
    widget = open_article()
    comment_id = widget.post("Die Radwege auf der Lindenallee kommen spät, aber sie kommen.")
    expect(widget.own_comment(comment_id)).to_contain_text(
        re.compile(r"Voraussichtliche Wartezeit: etwa \d+(–\d+)? (Minuten?|Stunden?)")
    )


def test_outside_the_hours_readers_hear_when_the_editors_are_back(open_article, news_article):
    today = timezone.localdate()
    # Closed today; the next day the editors start at 7.
    set_hours(news_article, "täglich 07:00-23:00", exceptions=f"{today.isoformat()} geschlossen")
    widget = open_article()
    comment_id = widget.post("Gut, dass die Stadt die Radwege endlich baut.")
    expect(widget.own_comment(comment_id)).to_contain_text("Wir prüfen Kommentare wieder ab morgen 7 Uhr.")
    expect(widget.widget.locator(".fg-live")).to_contain_text("Wir prüfen wieder ab morgen 7 Uhr.")


def test_english_readers_get_the_same_in_english(open_article, news_article):
    tomorrow = timezone.localdate() + timedelta(days=1)
    set_hours(
        news_article,
        "Mon-Sun 09:00-20:00",
        exceptions=f"{timezone.localdate().isoformat()} closed; {tomorrow.isoformat()} closed",
    )
    widget = open_article(lang="en")
    expect(widget.widget.locator(".fg-guidelines")).to_contain_text(
        "We check comments daily from 09:00 to 20:00."
    )
    widget.main_form.get_by_label("Your comment").fill("The cycle lanes are overdue.")
    widget.main_form.get_by_label("Name").fill("Sam")
    widget.main_form.get_by_role("button", name="Post comment").click()
    expect(widget.own).to_contain_text(re.compile(r"We check comments again on \w+day from 9:00"))
