"""POST /api/v1/sites/{site}/articles:import, from the outside."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from freigabe.articles.models import Article

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
HTML_PAGE = FIXTURES / "html" / "opengraph-only.html"
TEXT_PAGE = FIXTURES / "text" / "tagesblick-stand.txt"
IMPORT = "/api/v1/sites/zeitung/articles:import"


def upload(client, publisher, name, content, **fields):
    page = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(IMPORT, {"file": page, **fields}, **publisher.auth)


def test_an_uploaded_page_creates_then_updates_the_article(client, publisher):
    created = upload(client, publisher, "artikel.html", HTML_PAGE.read_bytes())
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["article_id"] == "wirtschaft-baeckerhandwerk-nachwuchs"
    assert data["publisher"] == "Allgäuer Rundblick" and data["agencies"] == ["afp"]
    updated = upload(client, publisher, "artikel.html", HTML_PAGE.read_bytes())
    assert updated.status_code == 200
    assert Article.objects.count() == 1
    assert Article.objects.get().title == data["title"]


def test_a_text_dump_upload_with_an_article_id(client, publisher):
    response = upload(client, publisher, "seite.txt", TEXT_PAGE.read_bytes(), article_id="wald-42")
    assert response.status_code == 201
    article = Article.objects.get(external_id="wald-42")
    assert article.title == "Forstämter melden trockensten Herbst seit Beginn der Messungen"
    assert article.metadata["subheadings"] == [
        "Wie entsteht die Trockenheit?",
        "Was Waldbesitzer jetzt tun können",
    ]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("leer.html", b"", "empty"),
        ("bild.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
        ("binär.txt", b"\x00\x01\x02\x03" * 200, "binary file"),
        ("menue.html", b"<html><body><nav>Start</nav><p>Kurz.</p></body></html>", "No article"),
    ],
)
def test_bad_uploads_are_422_and_change_nothing(client, publisher, name, content, message):
    response = upload(client, publisher, name, content)
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert Article.objects.count() == 0


def test_neither_file_nor_url_is_422(client, publisher):
    response = client.post(IMPORT, {"article_id": "x"}, **publisher.auth)
    assert response.status_code == 422
    assert "'file'" in response.json()["detail"]


def test_it_needs_the_sites_key(client, publisher):
    page = SimpleUploadedFile("a.html", HTML_PAGE.read_bytes())
    assert client.post(IMPORT, {"file": page}).status_code == 401
    page.seek(0)
    wrong = client.post(IMPORT, {"file": page}, HTTP_AUTHORIZATION="Bearer fg_falsch")
    assert wrong.status_code == 403
    assert Article.objects.count() == 0


def test_an_unknown_site_is_404(client, publisher):
    page = SimpleUploadedFile("a.html", HTML_PAGE.read_bytes())
    response = client.post("/api/v1/sites/nirgends/articles:import", {"file": page}, **publisher.auth)
    assert response.status_code == 404


class OnePage(BaseHTTPRequestHandler):
    def do_GET(self):
        body = HTML_PAGE.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def page_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), OnePage)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_url_is_fetched_when_private_addresses_are_allowed(api, publisher, page_server, settings):
    settings.FREIGABE_IMPORT_ALLOW_PRIVATE_URLS = True
    response = api.post(
        IMPORT, {"url": f"{page_server}/wirtschaft/baecker.html", "article_id": "baecker"}, **publisher.auth
    )
    assert response.status_code == 201, response.content
    assert response.json()["article_id"] == "baecker"
    assert Article.objects.get().metadata["publisher"] == "Allgäuer Rundblick"


def test_by_default_the_api_refuses_to_fetch_from_private_addresses(api, publisher, page_server):
    response = api.post(IMPORT, {"url": f"{page_server}/a.html"}, **publisher.auth)
    assert response.status_code == 422
    assert "not a public address" in response.json()["detail"]
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    "url, message",
    [
        ("ftp://example.org/a.html", "Unsupported URL scheme"),
        ("file:///etc/passwd", "Unsupported URL scheme"),
    ],
)
def test_unsupported_urls_are_422(api, publisher, url, message):
    response = api.post(IMPORT, {"url": url}, **publisher.auth)
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_invalid_json_is_422(client, publisher):
    response = client.post(IMPORT, "{nope", content_type="application/json", **publisher.auth)
    assert response.status_code == 422


def test_the_route_is_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/sites/{site}/articles:import" in schema["paths"]
