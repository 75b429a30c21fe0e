"""The documented fast embed: the page preloads the stylesheet and the first page of the thread.

On a slow phone network every request the widget makes after its script has arrived costs a
whole round trip; with the preload lines of docs/widget.md the browser fetches both while the
script is still on its way, and the widget must take exactly those answers instead of asking
again (a changed URL or request mode would silently fetch everything twice).
"""

import pytest

from tests.browser.conftest import ARTICLE_ID, SITE_SLUG, WidgetPage, released_comment
from tests.browser.embed_snippets import documented_fast_snippet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fast_page(server_url):
    return f"""<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Radwege</title></head><body><article><h1>Radwege</h1></article>
{documented_fast_snippet(server_url, SITE_SLUG, ARTICLE_ID)}</body></html>"""


def test_the_documented_preloads_are_used_and_nothing_is_fetched_twice(
    page, live_server, host_pages, news_article
):
    released_comment(news_article, "Die Lindenallee braucht den Radweg dringend.")
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(host_pages.news_origin + host_pages.add(fast_page(live_server.url)))
    widget = WidgetPage(page).wait_until_loaded()
    assert widget.thread.get_by_text("Die Lindenallee braucht den Radweg dringend.").is_visible()
    page.wait_for_timeout(300)
    thread_requests = [url for url in asked if "/comments?" in url]
    stylesheet_requests = [url for url in asked if url.endswith("/widget/widget.css")]
    assert len(thread_requests) == 1, thread_requests
    assert len(stylesheet_requests) == 1, stylesheet_requests
