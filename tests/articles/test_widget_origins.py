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
