"""What an outsider learns from the API: 401 JSON without credentials, nothing about ids.

The client enforces CSRF checks as a real server does (Django's test client skips them by
default): without a session there is no CSRF check to fail, so a request without or with a
wrong token is simply unauthenticated.
"""

import json

import pytest
from django.test import Client

from tests.security.test_access_control import API_PREFIX, api_operations, fill, valid_body

pytestmark = pytest.mark.django_db

AUTH_REQUIRED = {"detail": "Authentication required: send 'Authorization: Token <token>' or log in."}


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def moderation_operations():
    return [(method, path) for method, path in api_operations() if path.startswith("/moderation/")]


@pytest.mark.parametrize("authorization", [None, "Token wrong-token", "Bearer wrong", "Token"])
def test_moderation_api_without_valid_credentials_is_401_json(strict_client, submit, authorization):
    comment_id = submit()["id"]
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    operations = moderation_operations()
    assert any(method == "POST" for method, _ in operations)
    for method, path in operations:
        url = API_PREFIX + fill(path, {"comment_id": comment_id, "group_id": 1, "appeal_id": 1})
        response = strict_client.generic(
            method, url, json.dumps(valid_body(method, path)), content_type="application/json", **headers
        )
        assert response.status_code == 401, (method, url, response.content)
        assert response["Content-Type"].startswith("application/json")
        assert response.json() == AUTH_REQUIRED


def test_a_logged_in_editors_post_still_needs_the_csrf_token(strict_client, editor, submit):
    comment_id = submit()["id"]
    strict_client.force_login(editor.user)
    url = f"{API_PREFIX}/moderation/comments/{comment_id}/decision"
    refused = strict_client.post(url, json.dumps({"action": "release"}), content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]

    strict_client.get("/moderation/")  # the page sets the CSRF cookie, as in the browser
    token = strict_client.cookies["csrftoken"].value
    accepted = strict_client.post(
        url, json.dumps({"action": "release"}), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "released"


def test_a_token_works_without_csrf(strict_client, editor, submit):
    comment_id = submit()["id"]
    response = strict_client.post(
        f"{API_PREFIX}/moderation/comments/{comment_id}/decision",
        json.dumps({"action": "release"}),
        content_type="application/json",
        **editor.auth,
    )
    assert response.status_code == 200


def test_the_status_answers_alike_for_an_unknown_id_and_a_wrong_token(api, submit):
    accepted = submit()
    wrong_token = api.get(f"/api/v1/comments/{accepted['id']}/status?token=geraten")
    unknown_id = api.get(f"/api/v1/comments/{accepted['id'] + 1000}/status?token=geraten")
    no_token = api.get(f"/api/v1/comments/{accepted['id']}/status")
    for response in (wrong_token, unknown_id, no_token):
        assert response.status_code == 404
        assert response.json() == {"detail": "No comment with this id and token."}
    own = api.get(f"/api/v1/comments/{accepted['id']}/status?token={accepted['author_token']}")
    assert own.status_code == 200 and own.json()["status"] == "pending"
