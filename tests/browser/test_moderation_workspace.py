"""The editors' workspace in a real browser: keyboard only, undo, reasons, two editors at once."""

import json
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from freigabe.accounts.services import create_moderator
from freigabe.comments.models import Comment
from freigabe.moderation.models import Decision
from tests.browser.conftest import ARTICLE_ID, SITE_SLUG, pending_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Sicheres-Passwort-1"


@pytest.fixture
def plain_http_cookies(settings):
    # The live server speaks plain http; Secure cookies would never come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def log_in_by_keyboard(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/?next=/moderation/")
    page.keyboard.type(username)  # the user name field has autofocus
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/moderation/$"))


def current_id(page):
    card = page.locator(".queue > .card.current")
    expect(card).to_have_count(1)
    return int(card.get_attribute("data-comment"))


def wait_decided(page, comment_id):
    expect(page.locator(f"#comment-{comment_id}.decided")).to_have_count(1)


def public_ids(live_server):
    url = f"{live_server.url}/api/v1/sites/{SITE_SLUG}/articles/{ARTICLE_ID}/comments"
    with urllib.request.urlopen(url) as response:  # noqa: S310 - our own live server
        thread = json.load(response)
    ids = []

    def walk(nodes):
        for node in nodes:
            ids.append(node["id"])
            walk(node["replies"])

    walk(thread["comments"])
    return set(ids)


def test_an_editor_works_ten_comments_by_keyboard_only(page, live_server, news_article, plain_http_cookies):
    create_moderator("erika", password=PASSWORD)
    for number in range(10):
        pending_comment(news_article, f"Kommentar Nummer {number} zu den Radwegen.")

    log_in_by_keyboard(page, live_server, "erika")
    expect(page.locator(".queue > .card")).to_have_count(10)

    page.keyboard.press("?")
    expect(page.locator("#keys")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#keys")).to_be_hidden()

    released, rejected = set(), {}
    # Release five, moving down with j/k on the way.
    page.keyboard.press("j")
    page.keyboard.press("k")
    for _ in range(5):
        comment_id = current_id(page)
        expect(page.locator(f"#context-{comment_id} .context-inner")).to_be_visible()
        page.keyboard.press("a")
        wait_decided(page, comment_id)
        released.add(comment_id)

    # Take the last release back with u: the comment returns to the queue, focused.
    undone = comment_id
    page.keyboard.press("u")
    expect(page.locator(f"#comment-{undone}:not(.decided)")).to_have_count(1)
    expect(page.locator(f"#comment-{undone}")).to_have_class(re.compile(r"\bcurrent\b"))
    expect(page.locator(f"#comment-{undone}")).to_be_focused()
    released.discard(undone)

    # Reject the undone one and four more with reasons: r opens, digits choose, Enter confirms.
    for index in range(5):
        comment_id = current_id(page)
        page.keyboard.press("r")
        expect(page.locator(f"#comment-{comment_id} details.reasons")).to_have_attribute("open", "")
        page.keyboard.press("2")  # insult
        if index % 2:
            page.keyboard.press("6")  # other
        page.keyboard.press("Enter")
        wait_decided(page, comment_id)
        rejected[comment_id] = ["insult", "other"] if index % 2 else ["insult"]
    assert undone in rejected

    # The tenth: select it with x and release the selection in bulk.
    last = current_id(page)
    page.keyboard.press("x")
    expect(page.locator("#selected-count")).to_have_text("1")
    page.keyboard.press("a")
    page.wait_for_load_state()
    expect(page.locator(".queue > .card")).to_have_count(0)
    released.add(last)

    assert len(released) == 5 and len(rejected) == 5
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert {pk for pk, status in statuses.items() if status == "released"} == released
    for comment_id, reasons in rejected.items():
        assert statuses[comment_id] == "rejected"
        rejection = Decision.objects.get(comment_id=comment_id, action="reject")
        assert rejection.reasons == reasons
    assert Decision.objects.filter(action="undo", comment_id=undone).count() == 1
    assert public_ids(live_server) == released


def test_two_editors_at_once_never_decide_the_same_comment_twice(
    browser, page, live_server, news_article, plain_http_cookies
):
    create_moderator("erika", password=PASSWORD)
    create_moderator("bernd", password=PASSWORD)
    comments = [
        pending_comment(news_article, f"Gleichzeitig geprüft, Nummer {n}.", author_name="Leserin").pk
        for n in range(6)
    ]

    log_in_by_keyboard(page, live_server, "erika")
    first = current_id(page)
    page.keyboard.press("r")  # starting work on a comment claims it (passing by does not)
    expect(page.locator(f"#claim-{first} .claimed")).to_be_visible()
    page.keyboard.press("Escape")

    other_context = browser.new_context(locale="de-DE")
    other = other_context.new_page()
    errors = []
    other.on("pageerror", lambda error: errors.append(error))
    try:
        log_in_by_keyboard(other, live_server, "bernd")
        # Erika's claimed comment is not in Bernd's queue.
        expect(other.locator(".queue > .card")).to_have_count(5)
        expect(other.locator(f"#comment-{first}")).to_have_count(0)

        # Both press "a" as fast as their queues allow, interleaved.
        for _ in range(12):
            for editor_page in (page, other):
                if editor_page.locator(".queue > .card.current").count():
                    editor_page.keyboard.press("a")
            page.wait_for_timeout(150)
        for editor_page in (page, other):
            open_cards = editor_page.locator(".queue > .card:not(.decided):not([hidden])")
            expect(open_cards).to_have_count(0)
    finally:
        other_context.close()
    assert not errors

    for comment_id in comments:
        decisions = Decision.objects.filter(comment_id=comment_id)
        assert decisions.count() == 1, comment_id
    assert set(Comment.objects.values_list("status", flat=True)) == {"released"}
    by_editor = {d.actor.username for d in Decision.objects.select_related("actor")}
    assert by_editor == {"erika", "bernd"}
    assert public_ids(live_server) == set(comments)


def test_bulk_rejection_with_reasons_by_keyboard(page, live_server, news_article, plain_http_cookies):
    create_moderator("erika", password=PASSWORD)
    ids = [pending_comment(news_article, f"Werbung Nummer {n}: billig-shop.example").pk for n in range(3)]

    log_in_by_keyboard(page, live_server, "erika")
    first = current_id(page)
    page.keyboard.press("x")
    page.keyboard.press("j")
    second = current_id(page)
    page.keyboard.press("x")
    expect(page.locator("#selected-count")).to_have_text("2")
    page.keyboard.press("r")
    expect(page.locator(".bulk-reasons")).to_have_attribute("open", "")
    page.keyboard.press("4")  # advertising
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("#flash")).to_contain_text("2 Kommentare entschieden")
    expect(page.locator(".queue > .card")).to_have_count(1)

    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert {statuses[first], statuses[second]} == {"rejected"}
    assert [pk for pk in ids if statuses[pk] == "pending"] == [pk for pk in ids if pk not in (first, second)]
    for comment_id in (first, second):
        assert Decision.objects.get(comment_id=comment_id).reasons == ["advertising"]
