"""Bad ids anywhere an editor's URL takes one are a 4xx, never a 500.

The test walks every URL pattern of the moderator pages (and the compliance, appeals and
integrations pages beside them) and every operation of the moderation API, puts hostile
values into each id in the path and into the query parameters and form fields that carry
ids, and sends them as a logged-in superuser, so every request reaches the code behind the
permission checks. Huge numbers overflowed SQLite; "²", "①" and "٣" pass `str.isdigit()`
but not `int()` (or read as another number).
"""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from freigabe.accounts.services import create_moderator
from freigabe.http import MAX_ID, parse_id
from tests.security.test_access_control import API_PREFIX, api_operations, fill, walk_patterns

pytestmark = pytest.mark.django_db

HOSTILE = [
    str(10**25),
    "9223372036854775808",
    "-1",
    "0",
    "²",
    "①",
    "٣",
    "abc",
    "1.5",
    "1e3",
    " 7",
    "%00",
    "#1",
]
PAGE_PREFIXES = ("moderation/", "compliance/", "integrations/")
# Query parameters and form fields that carry ids (and the history's "#id" search).
ID_QUERIES = ("article", "q", "decision", "site", "page", "cursor", "min_score")
ID_FORM_FIELDS = ("ids", "decision", "comment", "parent_id")


@pytest.fixture
def superuser_client(db):
    user = get_user_model().objects.create_superuser("root", password="Root-Passwort-123")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def objects(publisher, article, submit):
    comment = submit()
    return {"pk": comment["id"], "slug": publisher.site.slug, "webhook_id": 1, "token": "not-a-real-token"}


def page_routes():
    return [(route, name) for route, name, _ in walk_patterns() if route.startswith(PAGE_PREFIXES)]


def test_the_walk_covers_the_moderator_pages_with_ids():
    routes = [route for route, _ in page_routes()]
    assert "moderation/comments/<id:pk>/decide" in routes
    assert "moderation/bulk" in routes and "moderation/history/" in routes
    assert any(route.startswith("compliance/") for route in routes)


def test_no_hostile_id_in_a_page_path_makes_a_server_error(superuser_client, objects):
    problems = {}
    for route, _name in page_routes():
        if not re.search(r"<(?:\w+:)?\w+>", route):
            continue
        for value in HOSTILE:
            url = "/" + fill(route, {**objects, "pk": value, "webhook_id": value, "token": value})
            for method in ("get", "post"):
                status = getattr(superuser_client, method)(url).status_code
                if status >= 500:
                    problems[f"{method.upper()} {url}"] = status
    assert problems == {}


def test_hostile_ids_in_path_give_404(superuser_client, objects):
    for value in (str(10**25), "9223372036854775808", "-1", "²", "①", "٣"):
        for suffix in ("", "context", "decide"):
            url = f"/moderation/comments/{value}/{suffix}"
            assert superuser_client.get(url).status_code == 404, url
        assert superuser_client.post(f"/moderation/authors/bans/{value}/lift").status_code == 404


def test_no_hostile_id_in_a_query_or_form_makes_a_server_error(superuser_client, objects):
    problems = {}
    for route, _name in page_routes():
        url = "/" + fill(route, objects)
        for value in HOSTILE:
            # One request per value with every id parameter: each view reads the ones it knows.
            status = superuser_client.get(url, {key: value for key in ID_QUERIES}).status_code
            if status >= 500:
                problems[f"GET {url}?…={value}"] = status
            form = {key: value for key in ID_FORM_FIELDS}
            status = superuser_client.post(url, {**form, "action": "release"}).status_code
            if status >= 500:
                problems[f"POST {url} {value}"] = status
    assert problems == {}


def test_bulk_decisions_ignore_ids_that_name_no_row(superuser_client, objects):
    response = superuser_client.post(
        "/moderation/bulk",
        {"action": "release", "ids": [str(10**25), "²", "٣", str(objects["pk"])]},
        follow=True,
    )
    assert response.status_code == 200
    shown = " ".join(str(message) for message in response.context["messages"])
    assert "1 Kommentare entschieden" in shown  # the one real id; the others are dropped


def test_the_history_search_by_hostile_number_is_a_text_search(superuser_client, objects):
    for value in ("99999999999999999999", "#9223372036854775808", "²", "①"):
        assert superuser_client.get("/moderation/history/", {"q": value}).status_code == 200


@pytest.fixture
def editor_token(db):
    _, _, token = create_moderator(
        "api-redakteurin", password="Sicheres-Passwort-9", senior=True, with_token=True
    )
    return {"HTTP_AUTHORIZATION": f"Token {token}"}


def test_no_hostile_id_in_the_moderation_api_makes_a_server_error(client, editor_token, objects):
    problems = {}
    operations = [(method, path) for method, path in api_operations() if path.startswith("/moderation/")]
    assert operations
    for method, path in operations:
        for value in HOSTILE:
            url = API_PREFIX + re.sub(r"\{\w+\}", value, path)
            body = json.dumps(
                {
                    "action": "release",
                    "pick": True,
                    "body": "Antwort",
                    "outcome": "uphold",
                    "parent_id": value,
                }
            )
            response = client.generic(method, url, body, content_type="application/json", **editor_token)
            if response.status_code >= 500:
                problems[f"{method} {url}"] = response.status_code
            elif "{" in path and value != " 7":  # " 7" is 7 with a space, fine
                assert response.status_code in (404, 422), (method, url, response.status_code)
            query = client.generic(
                method,
                API_PREFIX
                + fill(path, {"comment_id": objects["pk"], "group_id": 1, "appeal_id": 1})
                + "?limit="
                + value,
                body,
                content_type="application/json",
                **editor_token,
            )
            if query.status_code >= 500:
                problems[f"{method} {path}?limit={value}"] = query.status_code
    assert problems == {}


def test_the_public_api_refuses_hostile_ids_with_422(api, article, submit):
    for value in (str(10**25), "9223372036854775808", "-1", "²", "٣"):
        assert api.get(f"/api/v1/comments/{value}/status?token=x").status_code in (404, 422)
    reply = api.post(
        f"/api/v1/sites/{article.site.slug}/articles/{article.external_id}/comments",
        {"body": "Antwort", "author_name": "A", "parent_id": 10**25},
    )
    assert reply.status_code == 422
    assert "parent_id" in reply.json()["detail"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("42", 42),
        (" 42 ", 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("0", None),
        ("-3", None),
        ("²", None),
        ("①", None),
        ("٣", None),
        ("4²", None),
        ("", None),
        (None, None),
        ("1e3", None),
        ("0x10", None),
        ("9" * 400, None),
    ],
)
def test_parse_id_reads_only_ascii_row_ids(text, expected):
    assert parse_id(text) == expected
