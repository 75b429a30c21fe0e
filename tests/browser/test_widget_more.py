"""Issue #8, the readers' side: SSO, reporting, appeals, ordering, links, registration, a11y."""

import html
import re
import time

import jwt
import pytest
from playwright.sync_api import expect

from freigabe.articles.models import Article
from freigabe.articles.registration import article_token
from freigabe.comments.models import Comment
from freigabe.compliance.models import Appeal, Report
from freigabe.moderation.decisions import decide
from tests.browser.axe import axe_script as installed_axe_script
from tests.browser.axe import serious_violations
from tests.browser.conftest import ARTICLE_ID, SITE_SLUG, WidgetPage, released_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SSO_SECRET = "geheimnis-der-lokalzeitung-0123456789"


def sso_token(name="Jürgen Leser", sub="leser-42", secret=SSO_SECRET, audience=SITE_SLUG):
    now = int(time.time())
    return jwt.encode(
        {
            "sub": sub,
            "name": name,
            "email": "juergen@example.org",
            "iat": now,
            "exp": now + 3600,
            "aud": audience,
        },
        secret,
        algorithm="HS256",
    )


@pytest.fixture
def open_page(page, live_server, host_pages):
    """Open an article page whose script tag carries extra data-* attributes."""

    def _open(hash="", wait=True, lang="de", **data):
        attributes = {"site": SITE_SLUG, "article": ARTICLE_ID, **data}
        attrs = " ".join(
            f'data-{key.replace("_", "-")}="{html.escape(str(value))}"' for key, value in attributes.items()
        )
        path = host_pages.add(f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Lokalzeitung</title></head>
<body><article><h1>Ein Artikel</h1><p>Text.</p></article>
<script src="{live_server.url}/widget/embed.js" {attrs} async></script></body></html>""")
        # The widget is awaited below; the page's load event adds nothing but waiting.
        page.goto(host_pages.news_origin + path + hash, wait_until="domcontentloaded")
        widget = WidgetPage(page)
        return widget.wait_until_loaded() if wait else widget

    return _open


def use_sso(article):
    site = article.site
    site.sso_algorithm = "HS256"
    site.sso_key = SSO_SECRET
    site.save()


# --- single sign-on --------------------------------------------------------------------------


def test_a_signed_in_reader_posts_under_the_name_in_the_token(open_page, news_article):
    use_sso(news_article)
    widget = open_page(sso_token=sso_token())
    form = widget.main_form

    expect(form.locator(".fg-signed-in")).to_have_text("Angemeldet als Jürgen Leser")
    expect(form.get_by_label("Name")).to_be_hidden()
    expect(form.get_by_label("E-Mail (freiwillig)")).to_be_hidden()
    form.get_by_label("Ihr Kommentar").fill("Angemeldet kommentiert.")
    form.locator(".fg-submit").click()

    item = widget.own.locator(".fg-own-item").filter(has_text="Angemeldet kommentiert.")
    expect(item.locator(".fg-author")).to_have_text("Jürgen Leser")
    stored = Comment.objects.get(body="Angemeldet kommentiert.")
    assert (stored.author_name, stored.author_external_id) == ("Jürgen Leser", "leser-42")
    assert stored.author_email == "juergen@example.org"


def test_a_token_set_at_runtime_that_the_server_rejects_shows_an_error(open_page, news_article, page):
    use_sso(news_article)
    widget = open_page()
    form = widget.main_form
    expect(form.get_by_label("Name")).to_be_visible()

    page.evaluate(
        "token => document.dispatchEvent(new CustomEvent('freigabe:sso', {detail: {token}}))",
        sso_token(name="Mallory", secret="ein-ganz-anderer-schluessel-0123456789"),
    )
    expect(form.locator(".fg-signed-in")).to_have_text("Angemeldet als Mallory")
    form.get_by_label("Ihr Kommentar").fill("Mit gefälschtem Token.")
    form.locator(".fg-submit").click()

    expect(form.locator(".fg-form-error")).to_have_text(
        "Ihre Anmeldung ist ungültig oder abgelaufen. Bitte laden Sie die Seite neu."
    )
    assert not Comment.objects.filter(body="Mit gefälschtem Token.").exists()
    # Signing out again brings the guest fields back.
    page.evaluate("window.FreigabeWidget.setSsoToken('')")
    expect(form.get_by_label("Name")).to_be_visible()
    expect(form.locator(".fg-signed-in")).to_be_hidden()


def test_a_token_left_by_the_page_before_the_script_loads_is_used(open_page, news_article, page):
    use_sso(news_article)
    page.add_init_script(f"window.FreigabeWidget = {{ssoToken: '{sso_token(name='Frühe Leserin')}'}};")

    widget = open_page()

    expect(widget.main_form.locator(".fg-signed-in")).to_have_text("Angemeldet als Frühe Leserin")
    assert page.evaluate("typeof window.FreigabeWidget.setSsoToken") == "function"


# --- reports and appeals -----------------------------------------------------------------------


def test_a_reader_reports_a_comment_as_illegal(open_page, news_article, page):
    comment = released_comment(news_article, "Der Bürgermeister ist ein Verbrecher.")
    widget = open_page()
    item = widget.thread_comment(comment.pk)

    item.get_by_role("button", name="Kommentar von Anna melden").click()
    form = item.locator(".fg-report-form")
    expect(form.get_by_label("Grund der Meldung")).to_be_focused()
    expect(form.get_by_label("Grund der Meldung").locator("option")).to_contain_text(
        ["Bitte wählen", "Beleidigungen und Schimpfwörter", "Strafbarer Inhalt"]
    )
    form.get_by_label("Grund der Meldung").select_option("illegal")
    form.get_by_label("Welche Vorschrift").select_option("StGB §185")
    form.get_by_label("Begründung").fill("Das ist eine Beleidigung.")
    form.get_by_label("Ihre E-Mail (freiwillig)").fill("melder@example.org")
    form.get_by_label("Ich versichere").check()
    with page.expect_response(lambda r: r.url.endswith("/reports") and r.request.method == "POST") as answer:
        form.get_by_role("button", name="Meldung absenden").click()

    assert answer.value.status == 202
    expect(item.locator(".fg-confirm")).to_have_text(
        "Danke für Ihre Meldung. Die Redaktion prüft den Kommentar."
    )
    expect(item.locator(".fg-confirm")).to_be_focused()
    report = Report.objects.get()
    assert (report.reason, report.legal_ground, report.notice.comment_id) == (
        "illegal",
        "StGB §185",
        comment.pk,
    )
    assert report.reporter_email == "melder@example.org"


def test_a_report_without_the_good_faith_confirmation_is_not_sent(open_page, news_article, page):
    comment = released_comment(news_article, "Ein ganz normaler Kommentar.")
    widget = open_page()
    item = widget.thread_comment(comment.pk)
    item.get_by_role("button", name="Kommentar von Anna melden").click()
    form = item.locator(".fg-report-form")
    form.get_by_label("Grund der Meldung").select_option("off_topic")
    expect(form.get_by_label("Welche Vorschrift")).to_be_hidden()
    form.get_by_label("Begründung").fill("Hat nichts mit dem Artikel zu tun.")

    form.get_by_role("button", name="Meldung absenden").click()  # the browser stops it

    assert form.get_by_label("Ich versichere").evaluate("box => box.validity.valueMissing")
    page.keyboard.press("Escape")
    expect(item.locator(".fg-report-form")).to_have_count(0)
    expect(item.get_by_role("button", name="Kommentar von Anna melden")).to_be_focused()
    assert not Report.objects.exists()


def test_the_author_appeals_against_a_rejection_and_sees_its_status(open_page, news_article, page):
    widget = open_page()
    comment_id = widget.post("Die im Rathaus sind alle unfähig.")
    decide(comment_id, "reject", reasons=["insult"])
    widget.reload()
    notice = widget.own_comment(comment_id)

    appeal_button = notice.get_by_role("button", name="Beschwerde einlegen")
    appeal_button.click()
    expect(notice.get_by_label("Warum sollte")).to_be_focused()
    page.keyboard.press("Escape")  # closes the form again, back on its button
    expect(notice.locator(".fg-appeal-form")).to_have_count(0)
    expect(appeal_button).to_be_focused()
    expect(appeal_button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    notice.get_by_label("Warum sollte die Entscheidung überprüft werden?").fill(
        "Das ist Kritik an der Verwaltung, keine Beleidigung."
    )
    with page.expect_response(lambda r: "/appeal?token=" in r.url) as answer:
        notice.get_by_role("button", name="Beschwerde absenden").click()

    assert answer.value.status in (201, 202)
    expect(widget.widget.locator(".fg-live")).to_have_text(
        "Ihre Beschwerde ist eingegangen. Die Redaktion prüft die Entscheidung erneut."
    )
    expect(notice.locator(".fg-appeal-status")).to_contain_text("wird geprüft")
    expect(notice.get_by_role("button", name="Beschwerde einlegen")).to_have_count(0)
    appeal = Appeal.objects.get()
    assert appeal.comment_id == comment_id
    assert appeal.explanation.startswith("Das ist Kritik")

    Appeal.objects.update(state="decided", outcome="upheld")
    widget.simulate_return_to_tab()
    expect(notice.locator(".fg-appeal-status")).to_have_text("Geprüft: Die Entscheidung bleibt bestehen.")
    widget.reload()
    expect(notice.locator(".fg-appeal-status")).to_have_text("Geprüft: Die Entscheidung bleibt bestehen.")


# --- reading: order, load more, links -------------------------------------------------------------


def many_comments(article, count):
    comments = [
        released_comment(article, f"Kommentar Nummer {n}.", author_name=f"Person {n}")
        for n in range(1, count + 1)
    ]
    released_comment(article, "Antwort eins.", parent=comments[4])
    released_comment(article, "Antwort zwei.", parent=comments[4])
    return comments


def top_level_bodies(widget):
    return widget.thread.locator(":scope > .fg-item > .fg-comment .fg-body")


def test_threads_can_be_ordered_and_loaded_in_pages_of_twenty(open_page, news_article, page):
    comments = many_comments(news_article, 23)
    widget = open_page()
    items = widget.thread.locator(":scope > .fg-item")

    expect(items).to_have_count(20)
    expect(top_level_bodies(widget).first).to_have_text("Kommentar Nummer 23.")  # newest first
    more = widget.widget.get_by_role("button", name="Mehr laden (3 weitere)")
    more.click()
    expect(items).to_have_count(23)
    expect(more).to_be_hidden()
    expect(items.nth(20)).to_be_focused()

    widget.widget.get_by_label("Sortierung").select_option(label="Älteste zuerst")
    expect(top_level_bodies(widget).first).to_have_text("Kommentar Nummer 1.")
    widget.widget.get_by_label("Sortierung").select_option(label="Meiste Antworten")
    expect(items.first).to_have_attribute("data-comment-id", str(comments[4].pk))
    expect(items.first.locator(".fg-replies .fg-item")).to_have_count(2)


def test_a_link_to_a_comment_scrolls_to_it_and_highlights_it(open_page, news_article, page):
    comments = many_comments(news_article, 22)
    oldest = comments[0]  # on the second page when the newest come first

    widget = open_page(hash=f"#freigabe-comment-{oldest.pk}")

    item = widget.thread_comment(oldest.pk)
    expect(item).to_have_class(re.compile(r"\bfg-highlight\b"))
    expect(item).to_be_in_viewport()
    expect(item).to_be_focused()
    expect(widget.widget.locator(".fg-highlight")).to_have_count(1)
    # Each comment's "Link" points at its own anchor on the host page, and following it
    # highlights that comment instead (one on the same page: only that page was loaded).
    other = widget.thread_comment(comments[1].pk)
    link = other.get_by_role("link", name="Link zum Kommentar von Person 2")
    assert link.get_attribute("href").endswith(f"#freigabe-comment-{comments[1].pk}")
    link.click()
    expect(other).to_have_class(re.compile(r"\bfg-highlight\b"))
    expect(widget.widget.locator(".fg-highlight")).to_have_count(1)
    assert page.evaluate("location.hash") == f"#freigabe-comment-{comments[1].pk}"


def test_a_linked_comment_is_scrolled_to_even_when_the_stylesheet_arrives_late(open_page, news_article, page):
    # The section stays hidden until its stylesheet is in; here the thread arrives first.
    held = []
    page.route("**/widget/widget.css", lambda route: held.append(route))
    oldest = many_comments(news_article, 22)[0]

    widget = open_page(hash=f"#freigabe-comment-{oldest.pk}", wait=False)
    widget.thread.locator(".fg-item").first.wait_for(state="attached")
    expect(widget.widget.locator("section.fg")).to_be_hidden()
    for route in held:
        route.continue_()

    item = widget.thread_comment(oldest.pk)
    expect(item).to_have_class(re.compile(r"\bfg-highlight\b"))
    expect(item).to_be_in_viewport()


# --- embedding: registering an unknown article -------------------------------------------------


def test_an_unknown_article_with_data_title_is_registered_silently(open_page, news_article, page):
    # The token the site's CMS would put into the snippet (docs/widget.md).
    token = article_token(news_article.site.api_key_hash, SITE_SLUG, "neu-2024-11")
    widget = open_page(article="neu-2024-11", title="Neue Brücke über den Fluss", article_token=token)

    expect(widget.widget.locator(".fg-thread-message")).to_have_text("Noch keine Kommentare.")
    expect(widget.widget).not_to_contain_text("Artikeltext")
    article = Article.objects.get(site=news_article.site, external_id="neu-2024-11")
    assert article.title == "Neue Brücke über den Fluss"
    assert article.url == page.url
    assert article.body == ""
    comment_id = widget.post("Erster Kommentar zur Brücke.")
    assert Comment.objects.get(pk=comment_id).article == article


def test_an_unknown_article_without_a_valid_token_stays_unknown(open_page, news_article):
    forged = article_token("not-the-site-key", SITE_SLUG, "gefaelscht")
    widget = open_page(article="gefaelscht", title="Gefälscht", article_token=forged)

    expect(widget.widget.locator(".fg-thread-message")).to_contain_text(
        "Dieser Artikel ist für Kommentare nicht eingerichtet."
    )
    assert not Article.objects.filter(external_id="gefaelscht").exists()


def test_an_unknown_article_without_data_title_stays_unknown(open_page, news_article):
    widget = open_page(article="ohne-titel")

    expect(widget.widget.locator(".fg-thread-message")).to_contain_text(
        "Dieser Artikel ist für Kommentare nicht eingerichtet."
    )
    assert not Article.objects.filter(external_id="ohne-titel").exists()


# --- accessibility -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_script():
    """axe-core from the npm registry (scripts/ensure-axe.sh); the test fails without it."""
    return installed_axe_script()


OWN_CHECKS = """host => {
  const root = host.shadowRoot;
  const problems = [];
  const visible = (node) => node.getClientRects().length > 0
    && getComputedStyle(node).visibility !== "hidden" && !node.closest(".fg-trap");
  const describe = (node) => `${node.tagName.toLowerCase()}.${node.className}`;
  const text = (node) => (node.textContent || "").trim();
  for (const field of root.querySelectorAll("input, select, textarea")) {
    if (field.closest(".fg-trap")) continue;
    const label = field.id && root.querySelector(`label[for="${field.id}"]`);
    const named = (label && text(label)) || field.getAttribute("aria-label")
      || field.closest("label");
    if (!named) problems.push(`no accessible name: ${describe(field)}`);
  }
  for (const button of root.querySelectorAll("button, a[href]")) {
    if (visible(button) && !text(button) && !button.getAttribute("aria-label"))
      problems.push(`no text: ${describe(button)}`);
  }
  const rgba = (value) => {
    const parts = value.match(/[\\d.]+/g).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const luminance = ([r, g, b]) => {
    const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const backgroundOf = (node) => {
    for (let at = node; at; at = at.parentElement || (at.getRootNode().host || null)) {
      const color = rgba(getComputedStyle(at).backgroundColor);
      if (color[3] > 0) return color;
    }
    return [255, 255, 255, 1];
  };
  let checked = 0;
  for (const node of root.querySelectorAll("*")) {
    const ownText = [...node.childNodes].some((c) => c.nodeType === 3 && c.data.trim());
    if (!ownText || !visible(node) || node.closest("option")) continue;
    const style = getComputedStyle(node);
    const fg = luminance(rgba(style.color));
    const bg = luminance(backgroundOf(node));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    checked += 1;
    if (ratio < (large ? 3 : 4.5))
      problems.push(`contrast ${ratio.toFixed(2)}: ${describe(node)} "${text(node).slice(0, 30)}"`);
  }
  return {problems, checked};
}"""


def test_the_widget_passes_accessibility_checks(open_page, news_article, page, axe_script):
    commented = released_comment(news_article, "Bitte mehr Fahrradständer.")
    released_comment(news_article, "Und mehr Bäume.", author_name="Bernd")
    widget = open_page()
    widget.post("Mein eigener Kommentar wartet.")
    item = widget.thread_comment(commented.pk)
    item.get_by_role("button", name="Antwort an Anna").click()
    item.get_by_role("button", name="Kommentar von Anna melden").click()
    item.locator(".fg-report-form").get_by_label("Grund der Meldung").select_option("illegal")
    page.locator("freigabe-comments").evaluate("host => host.scrollIntoView()")

    own = page.locator("freigabe-comments").evaluate(OWN_CHECKS)
    assert own["checked"] > 20
    assert own["problems"] == []

    assert serious_violations(page, axe_script) == []
