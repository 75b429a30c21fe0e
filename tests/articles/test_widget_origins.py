"""The public API answers the widget only on the site's allowed origins (CORS)."""

import pytest

from tests.conftest import comments_path

pytestmark = pytest.mark.django_db

ALLOWED = "https://www.zeitung.example"


def test_an_allowed_origin_gets_cors_headers(api, article):
    response = api.get(comments_path(article), HTTP_ORIGIN=ALLOWED)
    assert response["Access-Control-Allow-Origin"] == ALLOWED


def test_a_preflight_from_an_allowed_origin_is_answered(client, article):
    response = client.options(comments_path(article), HTTP_ORIGIN=ALLOWED,
                              HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in response["Access-Control-Allow-Methods"]


def test_a_foreign_origin_gets_no_cors_headers(api, article):
    response = api.get(comments_path(article), HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in response


def test_a_foreign_origin_cannot_post(api, article):
    response = api.post(comments_path(article), {"body": "Hallo", "author_name": "A"},
                        HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert article.comments.count() == 0


def test_an_allowed_origin_can_post(api, article):
    response = api.post(comments_path(article), {"body": "Hallo Radwege", "author_name": "A"},
                        HTTP_ORIGIN=ALLOWED)
    assert response.status_code == 202
    assert response["Access-Control-Allow-Origin"] == ALLOWED


def register(api, origin=ALLOWED, article_id="neu-1", url=ALLOWED + "/neu-1"):
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    return api.post(f"/api/v1/sites/zeitung/articles/{article_id}/register",
                    {"title": "Neuer Artikel", "url": url}, **headers)


def test_the_widget_registers_an_unknown_article_with_its_text_missing(api, publisher):
    response = register(api)
    assert response.status_code == 201
    assert response.json()["text_missing"] is True
    comments = api.get("/api/v1/sites/zeitung/articles/neu-1/comments").json()
    assert comments["count"] == 0


def test_registering_never_changes_an_existing_article(api, article):
    response = register(api, article_id="a-1", url=ALLOWED + "/anders")
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title == "Stadtrat beschließt neue Radwege"
    assert article.body


def test_registering_needs_an_allowed_origin_and_a_url_on_it(api, publisher):
    assert register(api, origin=None).status_code == 403
    assert register(api, origin="https://evil.example").status_code == 403
    assert register(api, url="https://evil.example/neu-1").status_code == 422
    assert publisher.site.articles.count() == 0


def test_the_site_information_answers_the_widget_cross_origin(api, publisher):
    response = api.get("/api/v1/sites/zeitung", HTTP_ORIGIN=ALLOWED)
    assert response["Access-Control-Allow-Origin"] == ALLOWED
