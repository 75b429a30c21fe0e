"""The reader's loop in a real browser: read, post, wait for the editors, see the outcome."""

import re

import pytest
from playwright.sync_api import expect

from freigabe.comments.models import Comment
from freigabe.moderation.decisions import decide
from tests.browser.conftest import pending_comment, released_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_released_comments_and_hides_pending_and_rejected_ones(open_article, news_article):
    released = released_comment(news_article, "Endlich sichere Radwege in der Innenstadt!")
    waiting = pending_comment(news_article, "Dieser Kommentar wartet noch.")
    rejected = pending_comment(news_article, "Dieser Kommentar wurde abgelehnt.")
    decide(rejected.pk, "reject", reasons=["off_topic"])

    widget = open_article()

    expect(widget.thread_comment(released.pk)).to_contain_text("Endlich sichere Radwege")
    expect(widget.thread_comment(released.pk)).to_contain_text("Anna")
    expect(widget.thread.locator(".fg-item")).to_have_count(1)
    expect(widget.widget).not_to_contain_text("Dieser Kommentar wartet noch.")
    expect(widget.widget).not_to_contain_text("Dieser Kommentar wurde abgelehnt.")
    expect(widget.widget.locator("h2")).to_contain_text("(1)")
    assert waiting.status == "pending"


def test_it_shows_the_site_guidelines_and_relative_times(open_article, news_article):
    released_comment(news_article, "Gute Entscheidung.")

    widget = open_article()

    expect(widget.widget.locator(".fg-guidelines")).to_contain_text("Wir prüfen jeden Kommentar")
    expect(widget.widget.locator(".fg-guidelines li")).to_contain_text(
        ["Unterstellungen", "Beleidigungen und Schimpfwörter"]
    )
    expect(widget.thread.locator("time")).to_have_text("jetzt")


def test_a_posted_comment_waits_for_review_and_stays_out_of_the_thread(open_article, news_article):
    widget = open_article()

    comment_id = widget.post("Die Parkplätze auf der Lindenallee werden fehlen.", name="Jonas")

    notice = widget.own_comment(comment_id)
    expect(notice).to_contain_text("wartet auf Prüfung")
    expect(notice).to_contain_text(re.compile(r"Voraussichtliche Wartezeit: etwa \d+(–\d+)? Minuten?\b"))
    expect(notice).to_contain_text("Die Parkplätze auf der Lindenallee werden fehlen.")
    expect(widget.widget.locator(".fg-live")).to_contain_text("wartet auf Prüfung")
    expect(widget.thread_comment(comment_id)).to_have_count(0)
    expect(widget.main_form.get_by_label("Ihr Kommentar")).to_have_value("")
    stored = Comment.objects.get(pk=comment_id)
    assert (stored.status, stored.author_name) == ("pending", "Jonas")
    assert stored.bot_check_passed is True


def test_the_pending_notice_survives_a_reload(open_article, news_article):
    widget = open_article()
    comment_id = widget.post("Ich bin gespannt, ob das klappt.")

    widget.reload()

    expect(widget.own_comment(comment_id)).to_contain_text("wartet auf Prüfung")
    expect(widget.own_comment(comment_id)).to_contain_text("Ich bin gespannt, ob das klappt.")
    expect(widget.thread_comment(comment_id)).to_have_count(0)


def test_a_released_comment_appears_in_the_thread_after_a_reload(open_article, news_article):
    widget = open_article()
    comment_id = widget.post("Radwege sind gut für alle.")

    decide(comment_id, "release")
    widget.reload()

    expect(widget.thread_comment(comment_id)).to_contain_text("Radwege sind gut für alle.")
    expect(widget.own_comment(comment_id)).to_have_count(0)
    expect(widget.widget.locator(".fg-live")).to_contain_text("freigegeben")


def test_returning_to_the_tab_picks_up_a_release_without_a_reload(open_article, news_article):
    widget = open_article()
    comment_id = widget.post("Ich warte auf die Freigabe.")

    decide(comment_id, "release")
    widget.simulate_return_to_tab()

    expect(widget.thread_comment(comment_id)).to_contain_text("Ich warte auf die Freigabe.")
    expect(widget.own_comment(comment_id)).to_have_count(0)
    expect(widget.widget.locator(".fg-live")).to_have_text(
        "Ihr Kommentar wurde freigegeben und ist jetzt sichtbar."
    )


def test_a_rejected_comment_shows_the_statement_of_reasons(open_article, news_article):
    widget = open_article()
    comment_id = widget.post("Die im Rathaus sind doch alle Idioten.")

    decide(comment_id, "reject", reasons=["insult"], note="Bitte bleiben Sie sachlich.")
    widget.reload()

    notice = widget.own_comment(comment_id)
    expect(notice).to_contain_text("nicht veröffentlicht")
    expect(notice.locator(".fg-decision")).to_have_text("Ihr Kommentar wurde nicht veröffentlicht.")
    expect(notice.locator(".fg-grounds")).to_contain_text("Beleidigungen und Schimpfwörter")
    expect(notice.locator(".fg-note")).to_have_text("Bitte bleiben Sie sachlich.")
    expect(notice.locator(".fg-redress")).to_contain_text("Beschwerde")
    expect(widget.thread_comment(comment_id)).to_have_count(0)

    notice.get_by_role("button", name="Hinweis ausblenden").click()
    widget.reload()
    expect(widget.own_comment(comment_id)).to_have_count(0)


def test_a_reply_is_nested_under_its_parent(open_article, news_article):
    parent = released_comment(news_article, "Wo genau sollen die Radwege entlangführen?")
    widget = open_article()

    widget.thread_comment(parent.pk).get_by_role("button", name="Antwort an Anna").click()
    reply_form = widget.widget.locator(".fg-form-reply")
    expect(reply_form.get_by_label("Ihr Kommentar")).to_be_focused()
    reply_id = widget.post("Über die Lindenallee, steht im Artikel.", form=reply_form)

    expect(widget.own_comment(reply_id)).to_contain_text("Antwort an Anna")
    assert Comment.objects.get(pk=reply_id).parent_id == parent.pk
    decide(reply_id, "release")
    widget.reload()

    nested = widget.thread_comment(parent.pk).locator(f'.fg-replies [data-comment-id="{reply_id}"]')
    expect(nested).to_contain_text("Über die Lindenallee, steht im Artikel.")
    expect(widget.thread.locator(":scope > .fg-item")).to_have_count(1)


def test_closed_comments_show_a_note_and_no_form(open_article, news_article):
    released_comment(news_article, "Ein früher Kommentar.")
    news_article.comments_open = False
    news_article.save()

    widget = open_article()

    expect(widget.widget.locator(".fg-closed")).to_have_text(
        "Die Kommentare zu diesem Artikel sind geschlossen."
    )
    expect(widget.widget.locator("form")).to_have_count(0)
    expect(widget.widget.locator(".fg-reply-button")).to_have_count(0)
    expect(widget.thread).to_contain_text("Ein früher Kommentar.")


def test_the_character_counter_follows_the_text(open_article, news_article):
    widget = open_article()
    textarea = widget.main_form.get_by_label("Ihr Kommentar")

    textarea.fill("Hallo Welt")

    expect(widget.main_form.locator(".fg-counter")).to_have_text("10 von 5.000 Zeichen")
    assert textarea.get_attribute("maxlength") == "5000"


def test_an_english_page_gets_an_english_widget(open_article, news_article):
    released_comment(news_article, "Good idea.")

    widget = open_article(lang="en-GB")

    expect(widget.widget.locator("h2")).to_contain_text("Comments")
    expect(widget.thread.locator("time")).to_have_text("now")
    widget.main_form.get_by_label("Your comment").fill("Cycle lanes, finally.")
    widget.main_form.get_by_label("Name").fill("Sam")
    widget.main_form.get_by_role("button", name="Post comment").click()
    expect(widget.own).to_contain_text("awaiting review")
    expect(widget.own).to_contain_text(re.compile(r"Expected wait: about \d+(–\d+)? minutes?\b"))


def test_it_works_for_the_visit_when_local_storage_is_blocked(open_article, news_article, page):
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() {"
        " throw new DOMException('blocked', 'SecurityError'); }});"
    )
    widget = open_article()

    comment_id = widget.post("Auch ohne Speicher sichtbar.")

    expect(widget.own_comment(comment_id)).to_contain_text("wartet auf Prüfung")
    decide(comment_id, "release")
    widget.simulate_return_to_tab()
    expect(widget.thread_comment(comment_id)).to_contain_text("Auch ohne Speicher sichtbar.")


def test_the_form_is_usable_with_the_keyboard_alone(open_article, news_article, page):
    widget = open_article()
    textarea = widget.main_form.get_by_label("Ihr Kommentar")
    textarea.focus()

    page.keyboard.type("Nur mit der Tastatur geschrieben.")
    page.keyboard.press("Tab")
    page.keyboard.type("Tastatur-Nutzerin")
    page.keyboard.press("Tab")  # e-mail stays empty
    page.keyboard.press("Tab")
    submit = widget.main_form.locator(".fg-submit")
    expect(submit).to_be_focused()
    outline = submit.evaluate("button => getComputedStyle(button).outlineStyle")
    page.keyboard.press("Enter")

    assert outline != "none", "the focused button shows no focus ring"
    expect(widget.own).to_contain_text("Nur mit der Tastatur geschrieben.")
    assert Comment.objects.get().author_name == "Tastatur-Nutzerin"
