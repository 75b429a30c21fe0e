"""Browser fixtures: Debian chromium driven by Playwright, and a publisher's article page.

The article page is served by a small HTTP server of its own on 127.0.0.1 (another port
than Django's live server), so every API call the widget makes is a genuine cross-origin
request that exercises CORS. Both stay on loopback: Chromium's Private Network Access rules
would block a page on a made-up public host from calling a server on 127.0.0.1.
"""

import itertools
import os
import re
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in this thread; the ORM calls the tests
# make in between are still plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from freigabe.articles.services import create_site, upsert_article  # noqa: E402
from freigabe.comments.services import submit_comment  # noqa: E402
from freigabe.moderation.decisions import decide  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ENSURE_CHROMIUM = Path(__file__).resolve().parents[2] / "scripts" / "ensure-chromium.sh"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SITE_SLUG = "lokal"
ARTICLE_ID = "radwege-2024"


def ensure_chromium():
    """Install chromium once if it is missing; fail loudly rather than skip if we cannot."""
    if CHROMIUM.exists():
        return
    result = subprocess.run(["bash", str(ENSURE_CHROMIUM)], capture_output=True, text=True)
    if result.returncode != 0 or not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing and {ENSURE_CHROMIUM.name} could not install it:\n"
            f"{result.stdout}\n{result.stderr}",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    # An in-memory SQLite test database is ONE connection that the live server's threads
    # share, so two concurrent requests would interleave their transactions. A file gives
    # every thread its own connection, as in production.
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "browser.sqlite3")


@pytest.fixture(scope="session")
def browser():
    ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, transactional_db):
    # Set up after the database, so torn down before it: the pages (which poll the live
    # server) are closed before the database is flushed, never during the flush.
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    context.set_default_timeout(8000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    # Shown by pytest when a test fails: what the browser complained about.
    page.on("console", lambda message: print(f"console.{message.type}: {message.text}"))
    page.on("requestfailed", lambda request: print(f"request failed: {request.url} {request.failure}"))
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"


class HostPages:
    """Serves publishers' article pages; each page gets a path of its own."""

    def __init__(self):
        self.pages = {}
        self.numbers = itertools.count(1)
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                html = pages.get(self.path)
                self.send_response(200 if html else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write((html or "not found").encode())

            def log_message(self, *args):
                pass  # keep test output quiet

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        # One server, two origins: the page's host name decides which one the browser sees.
        self.news_origin = f"http://127.0.0.1:{self.port}"
        self.unlisted_origin = f"http://localhost:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add(self, html):
        path = f"/lokales/artikel-{next(self.numbers)}"
        self.pages[path] = html
        return path

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def host_pages():
    pages = HostPages()
    yield pages
    pages.close()


@pytest.fixture
def news_origin(host_pages):
    return host_pages.news_origin


@pytest.fixture
def news_article(transactional_db, news_origin):
    site, _ = create_site(SITE_SLUG, name="Lokalzeitung", origins=[news_origin])
    article, _ = upsert_article(
        site,
        ARTICLE_ID,
        title="Stadtrat beschließt neue Radwege für die Innenstadt",
        body="Der Stadtrat hat am Dienstag neue Radwege beschlossen.\n\n"
        "Auf der Lindenallee entfallen dafür 230 Parkplätze.",
        url=f"{news_origin}/lokales/radwege",
    )
    # Strictest bot check: every comment the browser posts must carry a valid proof of work.
    site.assessor_settings = {**site.assessor_settings, "bot_check": "require"}
    site.save(update_fields=["assessor_settings"])
    return article


def host_page(script_src, *, lang="de", head="", site=SITE_SLUG, article=ARTICLE_ID):
    """A publisher's article page with the embed snippet, as a publisher would write it."""
    return f"""<!doctype html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>Radwege – Lokalzeitung</title>{head}</head>
<body>
  <article>
    <h1>Stadtrat beschließt neue Radwege für die Innenstadt</h1>
    <p class="fg-body">Der Stadtrat hat am Dienstag neue Radwege beschlossen.</p>
  </article>
  <script src="{script_src}" data-site="{site}" data-article="{article}" async></script>
</body>
</html>"""


class WidgetPage:
    """The article page in the browser, with the questions the tests ask of the widget."""

    def __init__(self, page):
        self.page = page
        self.widget = page.locator("freigabe-comments")  # Playwright's CSS pierces open shadow roots

    @property
    def thread(self):
        return self.widget.locator(".fg-thread")

    @property
    def own(self):
        return self.widget.locator(".fg-own")

    @property
    def main_form(self):
        return self.widget.locator(".fg-form-slot > .fg-form")

    def wait_until_loaded(self):
        self.widget.locator(".fg-thread-message").filter(has_text=re.compile(r"\S")).wait_for()
        self.widget.locator("section.fg").wait_for(state="visible")
        return self

    def reload(self):
        self.page.reload()
        return self.wait_until_loaded()

    def thread_comment(self, comment_id):
        return self.thread.locator(f'[data-comment-id="{comment_id}"]')

    def own_comment(self, comment_id):
        return self.own.locator(f'[data-own-id="{comment_id}"]')

    def post(self, body, name="Leserin", email="", form=None):
        """Fill a form by its labels and submit it; return the new comment's id."""
        form = form or self.main_form
        form.get_by_label("Ihr Kommentar").fill(body)
        form.get_by_label("Name").fill(name)
        if email:
            form.get_by_label("E-Mail").fill(email)
        form.locator(".fg-submit").click()
        item = self.own.locator(".fg-own-item").filter(has_text=body).first
        item.wait_for()
        return int(item.get_attribute("data-own-id"))

    def simulate_return_to_tab(self):
        self.page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")


@pytest.fixture
def open_article(page, live_server, host_pages):
    """Open an article page on `origin` (default: the site's allowed origin)."""

    def _open(origin=None, wait=True, **page_options):
        path = host_pages.add(host_page(f"{live_server.url}/widget/embed.js", **page_options))
        page.goto((origin or host_pages.news_origin) + path)
        widget_page = WidgetPage(page)
        return widget_page.wait_until_loaded() if wait else widget_page

    return _open


def released_comment(article, body, author_name="Anna", parent=None):
    submission = submit_comment(
        article, body=body, author_name=author_name, parent_id=parent.pk if parent else None
    )
    decide(submission.comment.pk, "release")
    return submission.comment


def pending_comment(article, body, author_name="Bernd"):
    return submit_comment(article, body=body, author_name=author_name).comment
