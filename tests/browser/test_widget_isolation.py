"""The widget on someone else's page: hostile text, hostile CSS, strict CSP, foreign origins."""

import json

import pytest
from playwright.sync_api import expect

from freigabe.comments.models import Comment
from tests.browser.conftest import released_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMG_PAYLOAD = "<img src=x onerror=\"window.__xss = 'img'\">"
SCRIPT_PAYLOAD = "<script>window.__xss = 'script'</script>"


def test_markup_in_comments_is_shown_as_text_and_never_runs(open_article, news_article, page):
    released = released_comment(
        news_article, f"Schaut mal: {IMG_PAYLOAD} {SCRIPT_PAYLOAD}", author_name=f"Mallory {IMG_PAYLOAD}"
    )
    widget = open_article()

    own_id = widget.post(f"Noch einer {SCRIPT_PAYLOAD} {IMG_PAYLOAD}", name=f"Eve {SCRIPT_PAYLOAD}")

    expect(widget.thread_comment(released.pk).locator(".fg-body")).to_contain_text(IMG_PAYLOAD)
    expect(widget.thread_comment(released.pk).locator(".fg-author")).to_have_text(f"Mallory {IMG_PAYLOAD}")
    expect(widget.own_comment(own_id).locator(".fg-author")).to_have_text(f"Eve {SCRIPT_PAYLOAD}")
    expect(widget.own_comment(own_id).locator(".fg-body")).to_contain_text(SCRIPT_PAYLOAD)
    expect(widget.widget.locator("img, script")).to_have_count(0)
    widget.reload()  # the payloads now also come back out of localStorage
    expect(widget.own_comment(own_id).locator(".fg-body")).to_contain_text(SCRIPT_PAYLOAD)
    expect(widget.widget.locator("img, script")).to_have_count(0)
    assert page.evaluate("window.__xss") is None


HOSTILE_CSS = """<style>
  html { font-size: 0 !important; }
  * { color: transparent !important; font-size: 0 !important; line-height: 0 !important; }
  div, p, button, section, form, input, textarea, label, ol, li
    { display: none !important; visibility: hidden !important; }
  freigabe-comments { display: none; opacity: 0; }
  .fg, .fg-body, .fg-submit { display: none !important; }
</style>"""


def test_hostile_page_css_neither_hides_nor_breaks_the_widget(open_article, news_article):
    released = released_comment(news_article, "Ich bin trotz des CSS lesbar.")

    widget = open_article(head=HOSTILE_CSS)

    body = widget.thread_comment(released.pk).locator(".fg-body p")
    expect(body).to_be_visible()
    style = body.evaluate("p => { const s = getComputedStyle(p); return [s.color, parseFloat(s.fontSize)]; }")
    assert style[0] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert style[1] >= 14
    expect(widget.main_form.locator(".fg-submit")).to_be_visible()
    assert widget.main_form.locator(".fg-submit").bounding_box()["height"] >= 24
    comment_id = widget.post("Absenden geht auch.")
    expect(widget.own_comment(comment_id)).to_contain_text("wartet auf Prüfung")


def test_the_widget_styles_do_not_leak_into_the_page(open_article, news_article, page):
    open_article()

    # The page has its own <p class="fg-body">; the widget's `.fg-body p` rules must not reach it.
    white_space = page.locator("article > p.fg-body").evaluate("p => getComputedStyle(p).whiteSpace")
    assert white_space == "normal"


def test_it_works_under_a_strict_content_security_policy(open_article, news_article, live_server):
    released = released_comment(news_article, "Auch mit CSP sichtbar.")
    server = live_server.url
    policy = f"default-src 'none'; script-src {server}; style-src {server}; connect-src {server}"

    widget = open_article(head=f'<meta http-equiv="Content-Security-Policy" content="{policy}">')

    expect(widget.thread_comment(released.pk)).to_contain_text("Auch mit CSP sichtbar.")
    submit = widget.main_form.locator(".fg-submit")
    assert submit.evaluate("b => getComputedStyle(b).backgroundColor") != "rgba(0, 0, 0, 0)"
    comment_id = widget.post("Absenden unter CSP.")
    expect(widget.own_comment(comment_id)).to_contain_text("wartet auf Prüfung")


def test_it_talks_only_to_its_server_and_sends_no_cookies(
    open_article, news_article, page, context, live_server, news_origin
):
    context.add_cookies([{"name": "session", "value": "geheim", "url": live_server.url}])
    requests = []
    page.on("request", lambda request: requests.append(request))
    widget = open_article()

    widget.post("Ohne Cookies.")

    api_requests = [r for r in requests if "/api/" in r.url]
    assert {r.method for r in api_requests} >= {"GET", "POST"}
    assert all(r.url.startswith((live_server.url, news_origin)) for r in requests)
    assert not [r.url for r in api_requests if "cookie" in r.all_headers()]


def test_a_page_on_an_unlisted_origin_cannot_post(open_article, news_article, host_pages, live_server, page):
    released_comment(news_article, "Nur auf der eigenen Seite lesbar.")

    widget = open_article(origin=host_pages.unlisted_origin)

    expect(widget.widget.locator(".fg-thread-message")).to_contain_text(
        "Die Kommentare konnten nicht geladen werden."
    )
    expect(widget.widget.locator("form")).to_have_count(0)
    expect(widget.widget).not_to_contain_text("Nur auf der eigenen Seite lesbar.")
    # Try the two ways a foreign page could still send a comment: a normal CORS request,
    # and an opaque "simple" request that skips the preflight.
    url = f"{live_server.url}/api/v1/sites/{news_article.site.slug}/articles/{news_article.external_id}/comments"
    payload = json.dumps({"body": "Von fremder Seite.", "author_name": "Fremd"})
    outcome = page.evaluate(
        """async ([url, payload]) => {
        let cors;
        try {
            await fetch(url, {method: "POST", headers: {"Content-Type": "application/json"}, body: payload});
            cors = "sent";
        } catch (error) { cors = "blocked"; }
        await fetch(url, {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"},
                          body: payload});
        return cors;
    }""",
        [url, payload],
    )

    assert outcome == "blocked"
    assert not Comment.objects.filter(body="Von fremder Seite.").exists()
