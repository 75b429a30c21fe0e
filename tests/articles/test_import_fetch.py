"""Fetching pages: against a local HTTP server on 127.0.0.1, started here."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from freigabe.articles.importers import ArticleImportError, import_source
from freigabe.articles.importers.fetch import FetchError, fetch

SLOW_SERVER_SECONDS = 30

PAGE = (
    Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "html" / "jsonld-newsarticle.html"
).read_bytes()
BIG = b"<html><body>" + b"<p>Text</p>" * 200_000 + b"</body></html>"

ROUTES = {
    "/artikel.html": (200, "text/html; charset=utf-8", PAGE),
    "/dump.txt": (
        200,
        "text/plain; charset=utf-8",
        (
            Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "text" / "kirchenbote-epd.txt"
        ).read_bytes(),
    ),
    "/bild.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
    "/gross.html": (200, "text/html", BIG),
    "/fehlt": (404, "text/html", b"<h1>Nicht gefunden</h1>"),
    "/kaputt": (500, "text/html", b"<h1>Fehler</h1>"),
}


class ArticleServer(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/langsam":
            time.sleep(SLOW_SERVER_SECONDS)
        if self.path == "/weiter":
            self.send_response(302)
            self.send_header("Location", "/artikel.html")
            self.end_headers()
            return
        if self.path == "/nach-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/datei")
            self.end_headers()
            return
        status, content_type, body = ROUTES.get(self.path, (200, "text/html", PAGE))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on purpose (size limit)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), ArticleServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_it_fetches_and_imports_an_html_page(server):
    record = import_source(f"{server}/artikel.html")
    assert record.title == "Hochwasserschutz: Land gibt 40 Millionen für neue Deiche frei"
    assert record.agencies == ["dpa"]
    assert record.source_format == "html"


def test_it_imports_a_plain_text_page_by_its_content_type(server):
    record = import_source(f"{server}/dump.txt")
    assert record.source_format == "text"
    assert record.agencies == ["epd"]
    assert record.url == f"{server}/dump.txt"


def test_it_follows_redirects_and_keeps_the_final_url(server):
    page = fetch(f"{server}/weiter")
    assert page.url == f"{server}/artikel.html"
    assert page.content == PAGE


def test_it_rejects_a_redirect_to_another_scheme(server):
    with pytest.raises(FetchError, match="scheme 'ftp'"):
        fetch(f"{server}/nach-ftp")


def test_it_rejects_non_html_content_types(server):
    with pytest.raises(FetchError, match="image/png"):
        fetch(f"{server}/bild.png")


@pytest.mark.parametrize("path, status", [("/fehlt", "404"), ("/kaputt", "500")])
def test_it_reports_http_errors(server, path, status):
    with pytest.raises(FetchError, match=f"answered {status}"):
        fetch(f"{server}{path}")


def test_it_stops_at_the_size_limit(server):
    with pytest.raises(FetchError, match="larger than the limit"):
        fetch(f"{server}/gross.html", max_bytes=1024 * 1024)


def test_it_gives_up_after_the_timeout(server):
    # The server answers only after 30 s; giving up well before shows the timeout works,
    # with room for a slow, shared machine (no tight wall-clock bound).
    started = time.monotonic()
    with pytest.raises(FetchError, match="within 0.5 s"):
        fetch(f"{server}/langsam", timeout=0.5)
    assert time.monotonic() - started < SLOW_SERVER_SECONDS / 2


def test_it_reports_an_unreachable_host():
    # Port 9 on loopback: nothing listens there, the connection is refused at once.
    with pytest.raises(FetchError, match="Could not reach '127.0.0.1'"):
        fetch("http://127.0.0.1:9/artikel", timeout=2)


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/a.html", "file:///etc/passwd", "javascript:alert(1)//x", "gopher://example.org/"],
)
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(ArticleImportError, match="Unsupported URL scheme"):
        import_source(url)


def test_private_addresses_can_be_refused(server):
    with pytest.raises(FetchError, match="not a public address"):
        fetch(f"{server}/artikel.html", allow_private_hosts=False)
