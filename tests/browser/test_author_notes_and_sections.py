"""Notes on authors and queues per section in Debian chromium, in German and in English."""

import re

import pytest
from playwright.sync_api import expect

from freigabe.accounts.services import create_moderator
from freigabe.articles.services import upsert_article
from freigabe.comments.models import Comment
from freigabe.comments.services import submit_comment
from freigabe.moderation.models import AuthorNote, EditorSection, StoryGroup
from tests.browser.test_moderation_workspace import PASSWORD, log_in_by_keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the editor reads, per UI language.
WORDS = {
    "de-DE": {
        "notes": "Notizen der Redaktion",
        "new_note": "Neue Notiz",
        "save_note": "Notiz speichern",
        "section": "Ressort",
        "all": "alle Ressorts",
        "mine": "meine Ressorts (Sport)",
        "sections_of": "Ressorts von erika",
        "save": "Speichern",
        "create_group": "Gruppe anlegen",
        "groups": "Kritische Geschichten",
        "work_as_queue": "Als Warteschlange bearbeiten",
        "heading": "Wartende Kommentare",
        "last_rejections": "Letzte Ablehnungsgründe",
    },
    "en-US": {
        "notes": "Notes from the newsroom",
        "new_note": "New note",
        "save_note": "Save note",
        "section": "Section",
        "all": "all sections",
        "mine": "my sections (Sport)",
        "sections_of": "Sections of erika",
        "save": "Save",
        "create_group": "Create group",
        "groups": "Critical stories",
        "work_as_queue": "Work as a queue",
        "heading": "Pending comments",
        "last_rejections": "Last rejection reasons",
    },
}


@pytest.fixture
def plain_http_cookies(settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture(params=["de-DE", "en-US"])
def language(request):
    return request.param


@pytest.fixture
def new_page(browser, transactional_db, language):
    """Pages in a browser context of their own per editor, in the test's language."""
    contexts, errors = [], []

    def _page():
        context = browser.new_context(locale=language, timezone_id="Europe/Berlin")
        context.set_default_timeout(8000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(error))
        return page

    yield _page
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def current_card(page):
    card = page.locator(".queue > .card.current")
    expect(card).to_have_count(1)
    return card


def test_an_editor_notes_an_author_and_sees_it_beside_their_next_comment(
    new_page, live_server, news_article, plain_http_cookies, language
):
    words = WORDS[language]
    create_moderator("erika", password=PASSWORD)
    earlier = submit_comment(
        news_article,
        body="Die Radwege sind Geldverschwendung.",
        author_name="Kurt",
        author_email="kurt@example.org",
    ).comment
    from freigabe.moderation.decisions import decide

    decide(earlier.pk, "reject", reasons=["off_topic"])
    first = submit_comment(
        news_article,
        body="Schon wieder Radwege, typisch.",
        author_name="Kurt",
        author_email="kurt@example.org",
    ).comment
    page = new_page()
    log_in_by_keyboard(page, live_server, "erika")
    card = current_card(page)
    assert int(card.get_attribute("data-comment")) == first.pk
    notes = card.locator("[data-author-notes]")
    expect(notes.get_by_role("heading", name=words["notes"])).to_be_visible()
    expect(card.locator("[data-last-rejections]")).to_contain_text(words["last_rejections"])
    notes.get_by_label(words["new_note"]).fill("Kommentiert oft am Thema vorbei <b>!</b>")
    notes.get_by_role("button", name=words["save_note"]).click()
    expect(card.locator("[data-note]")).to_contain_text(
        "Kommentiert oft am Thema vorbei <b>!</b>"
    )  # shown as text, not markup
    assert AuthorNote.objects.get().value == "kurt@example.org"

    # The author's next comment shows the note beside it, dated, on its own page too.
    later = submit_comment(
        news_article, body="Und die Parkplätze erst!", author_name="Kurt", author_email="KURT@example.org"
    ).comment
    page.goto(f"{live_server.url}/moderation/comments/{later.pk}/")
    expect(page.locator("[data-note]")).to_contain_text("Kommentiert oft am Thema vorbei")
    expect(page.locator("[data-note] time")).to_have_attribute("datetime", re.compile(r"^\d{4}-"))


def test_sections_are_assigned_and_worked_as_queues_and_critical_stories_as_one(
    new_page, live_server, news_article, plain_http_cookies, language
):
    words = WORDS[language]
    create_moderator("erika", password=PASSWORD)
    create_moderator("chefin", password=PASSWORD, senior=True)
    site = news_article.site
    sport, _ = upsert_article(
        site, "sport-1", title="Derby endet unentschieden", body="Das Derby endete 1:1.", section="Sport"
    )
    politics, _ = upsert_article(
        site,
        "politik-1",
        title="Landtag debattiert Haushalt",
        body="Der Landtag debattierte.",
        section="Politik",
    )
    on_sport = submit_comment(sport, body="Starkes Spiel der Gäste.", author_name="A").comment
    on_politics = submit_comment(politics, body="Der Haushalt ist solide.", author_name="B").comment
    elsewhere = submit_comment(news_article, body="Gute Radwege.", author_name="C").comment
    Comment.objects.update(suggestion="review")

    senior = new_page()
    log_in_by_keyboard(senior, live_server, "chefin")
    senior.locator("#tab-sections").click()
    senior.get_by_label(words["sections_of"]).fill("Sport")
    senior.locator("[data-assign-sections=erika]").get_by_role("button", name=words["save"]).click()
    expect(senior.get_by_label(words["sections_of"])).to_have_value("Sport")
    assert list(EditorSection.objects.values_list("section", flat=True)) == ["Sport"]
    senior.locator("#new-group-name").fill("Wahlabend")
    senior.locator("#new-group-articles").select_option([str(politics.pk), str(news_article.pk)])
    senior.get_by_role("button", name=words["create_group"]).click()
    expect(senior.locator("[data-story-group=Wahlabend]")).to_be_visible()
    assert StoryGroup.objects.get().articles.count() == 2

    editor = new_page()
    log_in_by_keyboard(editor, live_server, "erika")
    cards = editor.locator(".queue > .card")
    expect(cards).to_have_count(1)  # her own section first
    expect(editor.locator(f"#comment-{on_sport.pk}")).to_be_visible()
    section_menu = editor.locator("select[data-section-filter]")
    expect(editor.locator("form.filters")).to_contain_text(words["section"])
    expect(section_menu.locator("option:checked")).to_have_text(words["mine"])
    expect(editor.locator("h1")).to_contain_text("(1)")

    section_menu.select_option(label=words["all"])
    editor.locator("form.filters button[type=submit]").click()
    expect(cards).to_have_count(3)
    expect(editor.locator("h1")).to_contain_text("(3)")

    # The critical stories as one queue: the group's two articles, whatever the section.
    expect(editor.locator("form.filters")).to_contain_text(words["groups"])
    editor.locator("select[data-group-filter]").select_option(label="Wahlabend (2)")
    editor.locator("form.filters button[type=submit]").click()
    expect(cards).to_have_count(2)
    shown = {int(card.get_attribute("data-comment")) for card in cards.all()}
    assert shown == {on_politics.pk, elsewhere.pk}
    expect(editor.locator("h1")).to_contain_text("(2)")
    expect(editor.locator("h1")).to_contain_text(words["heading"])
