"""Issue #16, the readers' side in the browser: recommendations, picks and the newsroom's
replies, reply mails, counts on teaser pages, live updates, closed sections, big threads,
both languages and accessibility."""

import html
import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from freigabe.articles.services import create_site, upsert_article
from freigabe.comments.cache import bump_thread_version
from freigabe.comments.models import AuthorRole, Comment, Recommendation, Status
from freigabe.compliance.models import ReplySubscription
from tests.browser.axe import axe_script, serious_violations
from tests.browser.conftest import ARTICLE_ID, SITE_SLUG, WidgetPage, released_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THREAD_REQUEST = re.compile(r"/articles/[^/]+/comments\?")


@pytest.fixture
def open_page(page, live_server, host_pages):
    """An article page; `spacer` pushes the widget below the first screen."""

    def _open(hash="", lang="de", spacer=False, wait=True, **data):
        attributes = {"site": SITE_SLUG, "article": ARTICLE_ID, **data}
        attrs = " ".join(
            f'data-{key.replace("_", "-")}="{html.escape(str(value))}"' for key, value in attributes.items()
        )
        filler = '<div style="height: 3000px">Artikeltext</div>' if spacer else ""
        path = host_pages.add(f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Lokalzeitung</title></head>
<body><main><h1>Ein Artikel</h1><p>Text.</p>{filler}
<script src="{live_server.url}/widget/embed.js" {attrs} async></script></main></body></html>""")
        page.goto(host_pages.news_origin + path + hash, wait_until="domcontentloaded")
        widget = WidgetPage(page)
        return widget.wait_until_loaded() if wait else widget

    return _open


def bulk_threads(article, count, replies_to=()):
    """`count` released top-level comments a minute apart (oldest first), quickly."""
    start = timezone.now() - timedelta(days=1)
    comments = Comment.objects.bulk_create(
        [
            Comment(
                article=article,
                body=f"Beitrag {n}.",
                author_name=f"Person {n}",
                status=Status.RELEASED,
                author_token_hash="0" * 64,
            )
            for n in range(1, count + 1)
        ]
    )
    for n, comment in enumerate(comments):
        comment.created_at = start + timedelta(minutes=n)
    Comment.objects.bulk_update(comments, ["created_at"])
    bump_thread_version(article.pk)
    return comments


def set_fields(comment, **fields):
    Comment.objects.filter(pk=comment.pk).update(**fields)
    bump_thread_version(comment.article_id)


def wait_until(page, condition, seconds=5):
    """Let the page run (events arrive while Playwright waits) until the condition holds."""
    for _ in range(int(seconds * 20)):
        if condition():
            return
        page.wait_for_timeout(50)
    assert condition()


def top_level_ids(widget):
    return [
        int(i)
        for i in widget.thread.locator(":scope > .fg-item").evaluate_all(
            "items => items.map((item) => item.dataset.commentId)"
        )
    ]


# --- 1. recommendations ------------------------------------------------------------------------


def test_a_reader_recommends_a_comment_and_takes_it_back(open_page, news_article, page):
    comment = released_comment(news_article, "Gute Idee mit den Radwegen.")
    widget = open_page()
    button = widget.thread_comment(comment.pk).get_by_role(
        "button", name=re.compile(r"^Empfehlen – Kommentar von Anna")
    )

    expect(button).to_have_attribute("aria-pressed", "false")
    expect(button).to_have_accessible_name("Empfehlen – Kommentar von Anna")
    expect(button).to_have_accessible_description("0 Empfehlungen")
    with page.expect_response(
        lambda r: r.url.endswith("/recommendations") and r.request.method == "POST"
    ) as answer:
        button.focus()
        page.keyboard.press("Space")
    assert answer.value.status == 200
    assert answer.value.request.headers["x-freigabe-reader"]

    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_accessible_description("1 Empfehlung")
    expect(button).to_be_focused()
    assert Recommendation.objects.filter(comment=comment).count() == 1

    # The same browser is the same reader after a reload: the button stays pressed and a
    # second click takes the recommendation back.
    widget.reload()
    button = widget.thread_comment(comment.pk).locator(".fg-recommend")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_accessible_description("1 Empfehlung")
    with page.expect_response(
        lambda r: r.url.endswith("/recommendations") and r.request.method == "DELETE"
    ) as answer:
        button.click()
    assert answer.value.status == 200
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(button).to_have_accessible_description("0 Empfehlungen")
    assert not Recommendation.objects.exists()
    assert Comment.objects.get(pk=comment.pk).recommendations == 0


def test_the_most_recommended_threads_come_first(open_page, news_article):
    first, second, third = bulk_threads(news_article, 3)
    set_fields(first, recommendations=7)
    set_fields(third, recommendations=2)
    widget = open_page()
    expect(widget.thread.locator(":scope > .fg-item")).to_have_count(3)
    assert top_level_ids(widget) == [third.pk, second.pk, first.pk]  # newest first

    with widget.page.expect_request(lambda r: "order=recommended" in r.url):
        widget.widget.get_by_label("Sortierung").select_option(label="Meistempfohlen")

    expect(widget.thread.locator(":scope > .fg-item").first).to_have_attribute(
        "data-comment-id", str(first.pk)
    )
    assert top_level_ids(widget) == [first.pk, third.pk, second.pk]
    expect(widget.thread_comment(first.pk).locator(".fg-recommend-count")).to_have_text("7 Empfehlungen")


# --- 2. editors' picks and the newsroom's replies ----------------------------------------------


def test_picks_are_marked_and_have_a_view_of_their_own_and_newsroom_replies_a_badge(open_page, news_article):
    plain, picked = bulk_threads(news_article, 2)
    set_fields(picked, editors_pick=True)
    answer = released_comment(
        news_article, "Danke, wir fragen bei der Stadt nach.", author_name="Maria", parent=plain
    )
    # Readers cannot take the newsroom\'s name; its own replies carry it.
    set_fields(answer, author_role=AuthorRole.NEWSROOM, author_name="Redaktion")
    widget = open_page()

    picked_item = widget.thread_comment(picked.pk)
    expect(picked_item.locator(":scope > .fg-comment .fg-pick-badge")).to_have_text("Redaktionsempfehlung")
    expect(picked_item).to_have_class(re.compile(r"\bfg-pick\b"))
    expect(widget.thread_comment(plain.pk).locator(":scope > .fg-comment .fg-pick-badge")).to_have_count(0)
    staff = widget.thread_comment(answer.pk)
    expect(staff.locator(".fg-staff-badge")).to_have_text("Redaktion")
    expect(widget.thread_comment(plain.pk).locator(":scope > .fg-comment .fg-staff-badge")).to_have_count(0)

    widget.widget.get_by_label("Sortierung").select_option(label="Redaktionsempfehlungen")
    expect(widget.thread.locator(":scope > .fg-item")).to_have_count(1)
    assert top_level_ids(widget) == [picked.pk]
    expect(widget.widget.locator(".fg-thread-message")).to_have_text("3 Kommentare")

    set_fields(picked, editors_pick=False)
    widget.widget.get_by_label("Sortierung").select_option(label="Neueste zuerst")
    expect(widget.thread.locator(":scope > .fg-item")).to_have_count(2)
    widget.widget.get_by_label("Sortierung").select_option(label="Redaktionsempfehlungen")
    expect(widget.widget.locator(".fg-thread-message")).to_have_text("Noch keine Redaktionsempfehlungen.")
    expect(widget.thread.locator(".fg-item")).to_have_count(0)


# --- 4. reply notifications ---------------------------------------------------------------------


def test_reply_mails_are_offered_only_with_an_email_address(open_page, news_article, page):
    widget = open_page()
    form = widget.main_form
    checkbox = form.get_by_label("Per E-Mail benachrichtigen, wenn jemand auf meinen Kommentar antwortet")
    expect(checkbox).to_be_hidden()

    form.get_by_label("E-Mail (freiwillig)").fill("leserin@example.org")
    expect(checkbox).to_be_visible()
    expect(checkbox).to_have_accessible_description(
        re.compile(r"zuerst eine E-Mail mit einem Bestätigungslink.*höchstens einmal pro Stunde")
    )
    checkbox.check()
    form.get_by_label("Ihr Kommentar").fill("Bitte sagen Sie mir, wenn jemand antwortet.")
    form.get_by_label("Name").fill("Leserin")
    with page.expect_request(lambda r: r.url.endswith("/comments") and r.method == "POST") as sent:
        form.locator(".fg-submit").click()
    body = json.loads(sent.value.post_data)
    assert body["notify_replies"] is True
    assert body["author_email"] == "leserin@example.org"
    widget.own.locator(".fg-own-item").first.wait_for()
    # The server keeps the wish and asks to confirm the address (the double opt-in).
    subscription = ReplySubscription.objects.get(comment__body__startswith="Bitte sagen Sie")
    assert subscription.language == "de"
    assert subscription.unsubscribed_at is None

    # Emptying the address hides the offer again, and nothing is asked for.
    form.get_by_label("E-Mail (freiwillig)").fill("")
    expect(checkbox).to_be_hidden()
    form.get_by_label("Ihr Kommentar").fill("Ohne Adresse.")
    with page.expect_request(lambda r: r.url.endswith("/comments") and r.method == "POST") as sent:
        form.locator(".fg-submit").click()
    assert json.loads(sent.value.post_data)["notify_replies"] is False
    widget.own.locator(".fg-own-item").filter(has_text="Ohne Adresse.").wait_for()
    assert ReplySubscription.objects.count() == 1


# --- 5. counts on teaser pages ------------------------------------------------------------------


def test_count_js_fills_every_teaser_with_one_request_per_site(
    page, live_server, host_pages, news_article, news_origin
):
    other, _ = create_site("sport", name="Sportblatt", origins=[news_origin])
    match, _ = upsert_article(other, "derby", title="Das Derby", body="Text.")
    released_comment(match, "Was für ein Spiel.")
    released_comment(news_article, "Erster.")
    released_comment(news_article, "Zweiter.")
    teasers = [("lokal", ARTICLE_ID)] * 2 + [("lokal", "gibt-es-nicht"), ("sport", "derby")]
    teasers += [("lokal", f"alt-{n}") for n in range(120)]  # more than one request holds
    spans = "".join(
        f'<p><span data-freigabe-count data-site="{site}" data-article="{article}">Kommentare</span></p>'
        for site, article in teasers
    )
    path = host_pages.add(f"""<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Startseite</title></head><body>{spans}
<span id="bare" data-freigabe-count data-format="number" data-site="lokal"
 data-article="{ARTICLE_ID}">?</span>
<script src="{live_server.url}/widget/count.js" async></script></body></html>""")
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "/counts?" in r.url else None)

    page.goto(news_origin + path)

    counted = page.locator("[data-freigabe-count]")
    expect(counted.nth(0)).to_have_text("2 Kommentare")
    expect(counted.nth(1)).to_have_text("2 Kommentare")
    expect(counted.nth(2)).to_have_text("0 Kommentare")
    expect(counted.nth(3)).to_have_text("1 Kommentar")
    expect(page.locator("#bare")).to_have_text("2")
    expect(counted.nth(4 + 119)).to_have_text("0 Kommentare")
    # 122 distinct ids on "lokal": two requests of at most 100; one for "sport".
    assert sorted(url.split("/sites/")[1].split("/")[0] for url in asked) == ["lokal", "lokal", "sport"]
    assert all(len(url.split("articles=")[1].split("%2C")) <= 100 for url in asked)


# --- 6. live updates ----------------------------------------------------------------------------


def test_new_comments_are_announced_while_the_section_is_seen_and_inserted_on_click(
    open_page, news_article, page
):
    page.clock.install()
    old = released_comment(news_article, "Schon länger da.")
    widget = open_page()
    polls = []
    page.on(
        "response",
        lambda r: (
            polls.append(r.status)
            if THREAD_REQUEST.search(r.url) and r.request.headers.get("if-none-match")
            else None
        ),
    )
    textarea = widget.main_form.get_by_label("Ihr Kommentar")
    textarea.fill("Ich schreibe gerade.")
    list_top = widget.thread.bounding_box()["y"]

    page.clock.fast_forward(21_000)
    wait_until(page, lambda: polls == [304])  # nothing new: the server says so in a 304
    fresh = released_comment(news_article, "Ganz neu freigegeben.", author_name="Clara")
    reply = released_comment(news_article, "Eine neue Antwort.", author_name="Dora", parent=old)
    page.clock.fast_forward(31_000)  # the quiet poll waited longer (backoff)

    button = widget.widget.get_by_role("button", name="2 neue Kommentare")
    expect(button).to_be_visible()
    expect(widget.widget.locator(".fg-sr[role=status]")).to_have_text("2 neue Kommentare")
    expect(textarea).to_be_focused()  # typing is not interrupted
    assert widget.thread.bounding_box()["y"] == list_top  # nothing moved
    assert polls[-1] == 200
    expect(widget.thread_comment(fresh.pk)).to_have_count(0)

    button.click()
    expect(widget.thread_comment(fresh.pk)).to_contain_text("Ganz neu freigegeben.")
    assert top_level_ids(widget)[0] == fresh.pk
    expect(
        widget.thread_comment(old.pk).locator(f'.fg-replies [data-comment-id="{reply.pk}"]')
    ).to_contain_text("Eine neue Antwort.")
    expect(widget.thread_comment(fresh.pk)).to_be_focused()
    expect(button).to_be_hidden()
    expect(widget.widget.locator(".fg-count")).to_have_text("(3)")


def test_no_polling_while_the_section_is_off_screen_or_the_tab_hidden(open_page, news_article, page):
    page.clock.install()
    released_comment(news_article, "Ein Kommentar.")
    widget = open_page(spacer=True)
    polls = []
    page.on(
        "request",
        lambda r: (
            polls.append(r.url) if THREAD_REQUEST.search(r.url) and r.headers.get("if-none-match") else None
        ),
    )

    page.clock.fast_forward(60_000)
    page.wait_for_timeout(300)
    assert polls == []  # below the first screen: nobody sees it

    widget.widget.locator(".fg-thread").scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    page.clock.fast_forward(21_000)
    wait_until(page, lambda: len(polls) == 1)

    page.evaluate("""() => {
        Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }""")
    page.clock.fast_forward(600_000)
    page.wait_for_timeout(300)
    assert len(polls) == 1  # a hidden tab asks nothing

    page.evaluate("""() => {
        Object.defineProperty(document, "visibilityState", {value: "visible", configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }""")
    page.clock.fast_forward(60_000)
    wait_until(page, lambda: len(polls) > 1)


# --- 7. closed sections -------------------------------------------------------------------------


def test_a_section_closed_by_the_newsroom_says_so(open_page, news_article):
    released_comment(news_article, "Ein früher Kommentar.")
    news_article.comments_open = False
    news_article.save()

    widget = open_page()

    expect(widget.widget.locator(".fg-closed")).to_have_text(
        "Die Kommentare zu diesem Artikel sind geschlossen."
    )
    expect(widget.widget.locator(".fg-closed-why")).to_have_text("Die Redaktion hat die Diskussion beendet.")
    expect(widget.widget.locator("form")).to_have_count(0)


def test_a_section_that_closed_by_itself_says_when_and_why(open_page, news_article, page):
    released_comment(news_article, "Kommentar aus der ersten Woche.")  # before it closed
    site = news_article.site
    site.close_comments_after_days = 3
    site.save()
    news_article.published_at = timezone.now() - timedelta(days=10)
    news_article.save()
    widget = open_page()

    expect(widget.widget.locator(".fg-closed")).to_have_text(
        "Die Kommentare zu diesem Artikel sind geschlossen."
    )
    expect(widget.widget.locator(".fg-closed-why")).to_contain_text(
        "Kommentieren ist nur eine Zeit lang nach Erscheinen eines Artikels möglich, bei diesem bis"
    )
    expect(widget.widget.locator(".fg-form")).to_have_count(0)
    expect(widget.widget.locator(".fg-reply-button")).to_have_count(0)
    expect(widget.thread).to_contain_text("Kommentar aus der ersten Woche.")


# --- 8. big threads -----------------------------------------------------------------------------


def test_pages_come_from_the_server_and_more_is_appended_not_rebuilt(open_page, news_article, page):
    comments = bulk_threads(news_article, 45)
    asked = []
    page.on("request", lambda r: asked.append(r.url) if THREAD_REQUEST.search(r.url) else None)
    widget = open_page()
    items = widget.thread.locator(":scope > .fg-item")

    expect(items).to_have_count(20)
    assert "limit=20" in asked[0] and "order=newest" in asked[0]
    assert top_level_ids(widget)[0] == comments[-1].pk
    widget.thread.evaluate("list => { list.firstElementChild.keptNode = true; }")
    more = widget.widget.get_by_role("button", name="Mehr laden (20 weitere)")
    more.click()

    expect(items).to_have_count(40)
    assert widget.thread.evaluate("list => list.firstElementChild.keptNode") is True
    expect(items.nth(20)).to_be_focused()
    assert any("cursor=" in url for url in asked)
    widget.widget.get_by_role("button", name="Mehr laden (5 weitere)").click()
    expect(items).to_have_count(45)
    expect(widget.widget.locator(".fg-more").first).to_be_hidden()
    assert top_level_ids(widget) == [c.pk for c in reversed(comments)]


def test_a_link_to_an_old_comment_loads_only_the_page_that_holds_it(open_page, news_article, page):
    comments = bulk_threads(news_article, 65)
    oldest = comments[0]  # on the fourth page when the newest come first
    asked = []
    page.on("request", lambda r: asked.append(r.url) if THREAD_REQUEST.search(r.url) else None)

    widget = open_page(hash=f"#freigabe-comment-{oldest.pk}")

    item = widget.thread_comment(oldest.pk)
    expect(item).to_have_class(re.compile(r"\bfg-highlight\b"))
    expect(item).to_be_in_viewport()
    expect(item).to_be_focused()
    assert any(f"around={oldest.pk}" in url for url in asked)
    assert not any("cursor=" in url for url in asked)  # no paging through the pages before
    expect(widget.thread.locator(":scope > .fg-item")).to_have_count(5)
    back = widget.widget.get_by_role("button", name="Von vorn lesen")
    back.click()
    expect(widget.thread.locator(":scope > .fg-item")).to_have_count(20)
    assert top_level_ids(widget)[0] == comments[-1].pk


# --- 9. English, keyboard, accessibility --------------------------------------------------------


def test_an_english_page_gets_all_the_new_parts_in_english(open_page, news_article, page):
    page.clock.install()
    plain, picked = bulk_threads(news_article, 2)
    set_fields(picked, editors_pick=True, recommendations=1)
    answer = released_comment(news_article, "We asked the city.", author_name="Maria", parent=plain)
    # Readers cannot take the newsroom\'s name; its own replies carry it.
    set_fields(answer, author_role=AuthorRole.NEWSROOM, author_name="Redaktion")
    widget = open_page(lang="en")

    recommend = widget.thread_comment(picked.pk).get_by_role(
        "button", name="Recommend – the comment by Person 2"
    )
    expect(recommend).to_have_accessible_description("1 recommendation")
    expect(widget.thread_comment(picked.pk).locator(".fg-pick-badge")).to_have_text("Editors' pick")
    expect(widget.thread_comment(answer.pk).locator(".fg-staff-badge")).to_have_text("Newsroom")
    options = widget.widget.get_by_label("Order").locator("option")
    expect(options).to_have_text(
        ["Newest first", "Oldest first", "Most replies", "Most recommended", "Editors' picks"]
    )
    widget.main_form.get_by_label("Email (optional)").fill("reader@example.org")
    expect(widget.main_form.get_by_label("Email me when someone replies to my comment")).to_be_visible()
    released_comment(news_article, "Brand new.", author_name="Eve")
    widget.widget.locator(".fg-thread").scroll_into_view_if_needed()
    page.clock.fast_forward(21_000)
    expect(widget.widget.get_by_role("button", name="1 new comment")).to_be_visible()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_new_parts_pass_axe_core_and_work_by_keyboard(open_page, news_article, page, width):
    script = axe_script()
    page.set_viewport_size({"width": width, "height": 900})
    page.clock.install()
    plain, picked = bulk_threads(news_article, 2)
    set_fields(picked, editors_pick=True, recommendations=3)
    answer = released_comment(
        news_article, "Wir haben bei der Stadt nachgefragt.", author_name="Maria", parent=plain
    )
    # Readers cannot take the newsroom\'s name; its own replies carry it.
    set_fields(answer, author_role=AuthorRole.NEWSROOM, author_name="Redaktion")
    widget = open_page()

    recommend = widget.thread_comment(picked.pk).locator(":scope > .fg-comment .fg-recommend")
    recommend.focus()
    page.keyboard.press("Enter")
    expect(recommend).to_have_attribute("aria-pressed", "true")
    widget.main_form.get_by_label("E-Mail (freiwillig)").fill("leser@example.org")
    released_comment(news_article, "Neu.", author_name="Eva")
    page.clock.fast_forward(21_000)
    new_button = widget.widget.get_by_role("button", name="1 neuer Kommentar")
    expect(new_button).to_be_visible()
    assert (
        widget.widget.evaluate(
            "host => host.shadowRoot.querySelector('.fg-new').getBoundingClientRect().right"
        )
        <= width
    )

    assert serious_violations(page, script) == []
    # The "Mehr laden"-free view of picks, and the keyboard way to the news button.
    new_button.focus()
    page.keyboard.press("Enter")
    expect(widget.thread.locator(":scope > .fg-item").first).to_be_focused()
    widget.widget.get_by_label("Sortierung").select_option("picks")
    expect(widget.thread.locator(":scope > .fg-item")).to_have_count(1)
    assert serious_violations(page, script) == []


def test_a_closed_section_passes_axe_core(open_page, news_article, page):
    script = axe_script()
    page.set_viewport_size({"width": 375, "height": 800})
    released_comment(news_article, "Ein früher Kommentar.")
    news_article.comments_open = False
    news_article.save()
    widget = open_page()
    expect(widget.widget.locator(".fg-closed-why")).to_be_visible()

    assert serious_violations(page, script) == []
