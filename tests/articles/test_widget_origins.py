"""The public API answers the widget only on the site's allowed origins (CORS); pages
register unknown articles only with the token their CMS signed."""

import time

import pytest

from freigabe.articles.registration import article_token, signing_key
from tests.conftest import comments_path

pytestmark = pytest.mark.django_db

ALLOWED = "https://www.zeitung.example"


def test_an_allowed_origin_gets_cors_headers(api, article):
    response = api.get(comments_path(article), HTTP_ORIGIN=ALLOWED)
    assert response["Access-Control-Allow-Origin"] == ALLOWED


def test_a_preflight_from_an_allowed_origin_is_answered(client, article):
    response = client.options(
        comments_path(article), HTTP_ORIGIN=ALLOWED, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in response["Access-Control-Allow-Methods"]


def test_a_foreign_origin_gets_no_cors_headers(api, article):
    response = api.get(comments_path(article), HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in response


def test_a_foreign_origin_cannot_post(api, article):
    response = api.post(
        comments_path(article), {"body": "Hallo", "author_name": "A"}, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert article.comments.count() == 0


def test_an_allowed_origin_can_post(api, article):
    response = api.post(
        comments_path(article), {"body": "Hallo Radwege", "author_name": "A"}, HTTP_ORIGIN=ALLOWED
    )
    assert response.status_code == 202
    assert response["Access-Control-Allow-Origin"] == ALLOWED


def register(api, publisher, article_id="neu-1", url=ALLOWED + "/neu-1", token=None, **headers):
    if token is None:  # what the site's CMS puts into data-article-token
        token = article_token(signing_key(publisher.api_key), "zeitung", article_id)
    return api.post(
        f"/api/v1/sites/zeitung/articles/{article_id}/register",
        {"title": "Neuer Artikel", "url": url, "token": token},
        **headers,
    )


def test_the_widget_registers_an_unknown_article_with_its_text_missing(api, publisher):
    response = register(api, publisher)
    assert response.status_code == 201
    assert response.json()["text_missing"] is True
    comments = api.get("/api/v1/sites/zeitung/articles/neu-1/comments").json()
    assert comments["count"] == 0


def test_registering_never_changes_an_existing_article(api, article, publisher):
    response = register(api, publisher, article_id="a-1", url=ALLOWED + "/anders")
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title == "Stadtrat beschließt neue Radwege"
    assert article.body


def test_registering_needs_the_cms_token_not_an_origin_header(api, publisher):
    # A forged Origin header alone, as any script can send it, registers nothing.
    assert register(api, publisher, token="", HTTP_ORIGIN=ALLOWED).status_code == 403
    other_key = article_token(signing_key("fg_another_sites_key"), "zeitung", "neu-1")
    assert register(api, publisher, token=other_key).status_code == 403
    for_another_article = article_token(signing_key(publisher.api_key), "zeitung", "neu-2")
    assert register(api, publisher, token=for_another_article).status_code == 403
    expired = article_token(signing_key(publisher.api_key), "zeitung", "neu-1", expires=time.time() - 1)
    answer = register(api, publisher, token=expired)
    assert answer.status_code == 403 and "data-article-token" in answer.json()["detail"]
    assert publisher.site.articles.count() == 0


def test_registering_needs_a_url_on_the_sites_own_origins(api, publisher):
    assert register(api, publisher, url="https://evil.example/neu-1").status_code == 422
    assert register(api, publisher, url="javascript:alert(1)//www.zeitung.example/neu-1").status_code == 422
    assert publisher.site.articles.count() == 0


def test_the_site_information_answers_the_widget_cross_origin(api, publisher):
    response = api.get("/api/v1/sites/zeitung", HTTP_ORIGIN=ALLOWED)
    assert response["Access-Control-Allow-Origin"] == ALLOWED
