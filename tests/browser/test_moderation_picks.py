"""Editors' picks by keyboard (key p) and a newsroom reply, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from freigabe.accounts.services import create_moderator
from freigabe.comments.models import Comment
from tests.browser.conftest import pending_comment, released_comment
from tests.browser.test_moderation_workspace import (
    PASSWORD,
    current_id,
    log_in_by_keyboard,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plain_http_cookies(settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def test_p_picks_the_comment_just_released_and_on_its_own_page(
    page, live_server, news_article, plain_http_cookies
):
    create_moderator("erika", password=PASSWORD)
    pending_comment(news_article, "Ein guter Gedanke zu den Radwegen.")
    log_in_by_keyboard(page, live_server, "erika")
    released = current_id(page)
    page.keyboard.press("a")
    button = page.locator(f"#comment-{released}.decided [data-pick]")
    expect(button).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("p")
    expect(page.locator(f"#comment-{released} [data-pick]")).to_have_attribute("aria-pressed", "true")
    assert Comment.objects.get(pk=released).editors_pick is True

    other = released_comment(news_article, "Noch ein Kommentar zu den Parkplätzen.")
    page.goto(f"{live_server.url}/moderation/comments/{other.pk}/")
    page.keyboard.press("p")
    expect(page.locator("[data-pick]")).to_have_attribute("aria-pressed", "true")
    assert Comment.objects.get(pk=other.pk).editors_pick is True


def test_an_editor_answers_as_the_newsroom_from_the_comment_page(
    page, live_server, news_article, plain_http_cookies
):
    create_moderator("erika", password=PASSWORD)
    comment = released_comment(news_article, "Warum fallen so viele Parkplätze weg?")
    log_in_by_keyboard(page, live_server, "erika")
    page.wait_for_url(re.compile(r"^[^?]*/moderation/$"))  # past the login page
    page.goto(f"{live_server.url}/moderation/comments/{comment.pk}/")
    page.get_by_label("Als „Lokalzeitung“ antworten").fill("Die Stadt schafft Ersatz am Markt.")
    page.get_by_role("button", name="Antwort veröffentlichen").click()
    page.wait_for_url(re.compile(r"/moderation/comments/\d+/$"))
    reply = Comment.objects.get(parent=comment)
    assert (reply.status, reply.author_role, reply.author_name) == ("released", "newsroom", "Lokalzeitung")
