"""The workspace as a new editor meets it (#18), in German and English, on desk and phone.

Claims are taken by starting work (the reason picker), not by the cursor; the heading and
the total follow decisions; evidence and reasons read in the editor's language; every
moderator page fits a 375 px phone without sideways scrolling, and axe-core finds no
serious or critical violation at 1280 px and 375 px.
"""

import itertools

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from freigabe.accounts.roles import SITE_ADMIN
from freigabe.accounts.services import create_moderator
from freigabe.articles.models import Site
from freigabe.moderation.decisions import decide
from freigabe.moderation.models import Claim
from tests.browser.axe import axe_script, serious_violations
from tests.browser.conftest import pending_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Sicheres-Passwort-1"
# A fresh user name per login: a name reused across tests may meet cached state of the last.
NUMBERS = itertools.count(1)
LOCALES = {"de": "de-DE", "en": "en-GB"}
DESK, PHONE, TABLET = (1280, 900), (375, 740), (768, 1024)


@pytest.fixture
def plain_http_cookies(settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def editor_page(browser, transactional_db, live_server, plain_http_cookies):
    """A logged-in editor's page in a language and at a width; staff CSP bypassed for axe."""
    contexts = []

    def _open(username, language="de", size=DESK, senior=False, groups=()):
        username = f"{username}{next(NUMBERS)}"
        user, _, _ = create_moderator(username, password=PASSWORD, senior=senior)
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        context = browser.new_context(
            locale=LOCALES[language],
            timezone_id="Europe/Berlin",
            viewport={"width": size[0], "height": size[1]},
            extra_http_headers={"Accept-Language": language},
            bypass_csp=True,
        )
        context.set_default_timeout(8000)
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(error))
        page.errors = errors
        page.goto(f"{live_server.url}/accounts/login/?next=/moderation/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.keyboard.press("Enter")
        # The login page's own address ends in next=/moderation/: wait for the queue itself.
        page.wait_for_url(f"{live_server.url}/moderation/")
        return page

    yield _open
    for context in contexts:
        context.close()


def current_id(page):
    card = page.locator(".queue > .card.current")
    expect(card).to_have_count(1)
    return int(card.get_attribute("data-comment"))


@pytest.mark.parametrize("language", ["de", "en"])
def test_moving_with_j_claims_nothing_opening_the_reasons_does(editor_page, news_article, language):
    for number in range(3):
        pending_comment(news_article, f"Kommentar Nummer {number} zu den Radwegen.")
    page = editor_page("erika", language)
    first = current_id(page)
    page.keyboard.press("j")
    page.keyboard.press("j")
    second_last = current_id(page)
    expect(page.locator(f"#context-{second_last} .context-inner")).to_be_visible()
    page.wait_for_timeout(300)
    assert not Claim.objects.exists()  # passing cards with j reserves none of them
    page.keyboard.press("r")
    reserved = "Für Sie reserviert bis" if language == "de" else "Reserved for you until"
    expect(page.locator(f"#claim-{second_last} .claimed")).to_contain_text(reserved)
    assert list(Claim.objects.values_list("comment_id", flat=True)) == [second_last]
    assert first != second_last
    assert not page.errors


def test_the_claim_time_comes_from_the_site(editor_page, news_article):
    Site.objects.filter(pk=news_article.site_id).update(assessor_settings={"claim_minutes": 9})
    comment = pending_comment(news_article, "Ein Kommentar zu den Radwegen in der Stadt.")
    page = editor_page("erika")
    assert current_id(page) == comment.pk
    page.keyboard.press("r")
    expect(page.locator(f"#claim-{comment.pk} .claimed")).to_be_visible()
    claim = Claim.objects.get()
    assert 8.5 * 60 < (claim.expires_at - claim.claimed_at).total_seconds() <= 9 * 60


@pytest.mark.parametrize(
    "language, heading_text, total_text",
    [
        ("de", "Wartende Kommentare", "warten insgesamt"),
        ("en", "Pending comments", "waiting in total"),
    ],
)
def test_heading_and_total_follow_decisions_and_load_more_only_when_more_wait(
    editor_page, news_article, language, heading_text, total_text
):
    ids = [pending_comment(news_article, f"Kommentar {n} über die Radwege.").pk for n in range(3)]
    page = editor_page("erika", language)
    heading = page.locator("h1 [data-pending-count]")
    expect(heading).to_have_text("3")
    expect(page.locator("[data-more]")).to_have_count(0)  # all three are shown
    assert current_id(page) == ids[0]
    page.keyboard.press("a")
    expect(page.locator(f"#comment-{ids[0]}.decided")).to_have_count(1)
    expect(heading).to_have_text("2")
    expect(page.locator("[data-pending-total]")).to_contain_text("2")
    page.keyboard.press("r")
    page.keyboard.press("2")
    page.keyboard.press("Enter")
    expect(heading).to_have_text("1")
    decided = page.locator(".card.decided").last
    label = "Beleidigungen und Schimpfwörter" if language == "de" else "Insults and swear words"
    expect(decided).to_contain_text(label)
    expect(decided).not_to_contain_text("(insult)")
    page.keyboard.press("u")
    expect(heading).to_have_text("2")
    assert heading_text in page.locator("h1").inner_text()
    assert not page.errors
    del total_text


@pytest.mark.parametrize("language", ["de", "en"])
def test_evidence_reads_in_the_editors_language(editor_page, news_article, language):
    pending_comment(news_article, "Alles gekauft, die Presse ist gleichgeschaltet und lügt!")
    page = editor_page("erika", language)
    scores = page.locator(".card .scores").first
    expect(scores).to_be_visible()
    text = scores.inner_text()
    if language == "en":
        for german in ("unterstellt", "Vorwurf", "Bezug zum Artikel", "Modell:"):
            assert german not in text, text
    assert "Modell: Wort spricht" not in text


def test_a_plain_editor_is_told_which_role_a_page_needs(editor_page, news_article, live_server):
    page = editor_page("erika", "en")
    response = page.goto(f"{live_server.url}/moderation/authors/bans/")
    assert response.status == 403
    expect(page.locator("[data-needed-roles]")).to_contain_text("Senior editor")


def moderator_pages(news_article):
    comment = pending_comment(news_article, "Die Radwege auf der Lindenallee sind gut.")
    decided = pending_comment(news_article, "Die Presse ist doch gekauft, die lügen alle")
    decide(decided.pk, "reject", reasons=["insinuation"])
    for number in range(3):
        pending_comment(news_article, f"Ein weiterer Kommentar Nummer {number} zu Radwegen.")
    return [
        "/moderation/",
        f"/moderation/comments/{comment.pk}/",
        "/moderation/history/",
        "/moderation/reported/",
        "/moderation/appeals/",
        "/moderation/authors/bans/",
        "/moderation/audit/",
        "/moderation/operations/",
        "/moderation/settings/",
    ]


@pytest.mark.parametrize("size", [PHONE, TABLET], ids=["phone", "tablet"])
def test_every_moderator_page_fits_without_sideways_scrolling(editor_page, news_article, live_server, size):
    paths = moderator_pages(news_article)
    page = editor_page("admina", "de", size, groups=[SITE_ADMIN])
    too_wide = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > size[0]:
            too_wide[path] = width
    assert not too_wide, too_wide
    page.goto(f"{live_server.url}/moderation/")
    logout = page.get_by_role("button", name="Abmelden")
    box = logout.bounding_box()
    assert box and box["x"] + box["width"] <= size[0]  # the top bar wraps, nothing off-screen
    assert not page.errors


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("size", [DESK, PHONE], ids=["1280", "375"])
def test_axe_finds_nothing_serious_on_any_moderator_page(
    editor_page, news_article, live_server, language, size
):
    script = axe_script()
    paths = moderator_pages(news_article)
    page = editor_page("admina", language, size, groups=[SITE_ADMIN])
    found = {}
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        if path == "/moderation/":
            expect(page.locator(".card.current .context-inner")).to_be_visible()
        violations = serious_violations(page, script, "html")
        if violations:
            found[path] = violations
    assert not found, found
    assert not page.errors
