"""Article URLs are links readers and editors follow: only http(s), everywhere they enter."""

import pytest

from freigabe.articles.imports import save_imported_article
from freigabe.articles.models import Article
from freigabe.articles.services import InvalidArticleUrl, is_web_url, upsert_article

pytestmark = pytest.mark.django_db

HOSTILE_URLS = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "//evil.example/x",
    "/relative/path",
    "https://",
    "ftp://files.example/a",
    "file:///etc/passwd",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_the_publisher_api_refuses_a_non_web_url_with_422(api, publisher, url):
    response = api.put(
        "/api/v1/sites/zeitung/articles/a-9", {"title": "Titel", "url": url, "body": "Text"}, **publisher.auth
    )
    assert response.status_code == 422, response.content
    assert "http" in response.json()["detail"]
    assert not Article.objects.filter(external_id="a-9").exists()


def test_the_publisher_api_accepts_http_and_https(api, publisher):
    for number, url in enumerate(["https://www.zeitung.example/a", "http://zeitung.example/b"]):
        response = api.put(
            f"/api/v1/sites/zeitung/articles/ok-{number}", {"title": "Titel", "url": url}, **publisher.auth
        )
        assert response.status_code == 201
        assert response.json()["url"] == url


def test_the_service_refuses_a_non_web_url_for_every_caller(publisher):
    with pytest.raises(InvalidArticleUrl):
        upsert_article(publisher.site, "x", title="T", url="javascript:alert(1)")
    assert not is_web_url("javascript:alert(1)") and is_web_url("https://a.example/b")


def test_an_import_keeps_no_canonical_link_that_is_not_a_web_url(publisher):
    from freigabe.articles.importers import ExtractedArticle

    record = ExtractedArticle(title="Ein Artikel", body="Text des Artikels.", url="javascript:alert(1)")
    article, _ = save_imported_article(publisher.site, record, article_id="imp-1")
    assert article.url == ""
