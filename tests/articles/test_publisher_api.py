"""The publisher's CMS registers articles with its API key."""

import pytest

from freigabe.articles.models import Article
from freigabe.articles.services import create_site

pytestmark = pytest.mark.django_db

ARTICLE = {
    "title": "Neue Radwege",
    "url": "https://www.zeitung.example/radwege",
    "body": "Der Stadtrat hat neue Radwege beschlossen.",
    "published_at": "2026-11-03T10:15:00+01:00",
}


def test_put_creates_then_updates_an_article(api, publisher):
    created = api.put("/api/v1/sites/zeitung/articles/a-7", ARTICLE, **publisher.auth)
    assert created.status_code == 201
    assert created.json()["id"] == "a-7"
    assert created.json()["comments_open"] is True
    updated = api.put(
        "/api/v1/sites/zeitung/articles/a-7",
        {**ARTICLE, "title": "Radwege: Stadtrat entscheidet", "comments_open": False},
        **publisher.auth,
    )
    assert updated.status_code == 200
    article = Article.objects.get(external_id="a-7")
    assert article.title == "Radwege: Stadtrat entscheidet"
    assert article.comments_open is False
    assert Article.objects.count() == 1


def test_put_without_a_key_is_401(api, publisher):
    response = api.put("/api/v1/sites/zeitung/articles/a-7", ARTICLE)
    assert response.status_code == 401
    assert Article.objects.count() == 0


def test_put_with_a_wrong_key_is_403(api, publisher):
    response = api.put("/api/v1/sites/zeitung/articles/a-7", ARTICLE, HTTP_AUTHORIZATION="Bearer fg_wrong")
    assert response.status_code == 403
    assert "detail" in response.json()


def test_another_sites_key_does_not_open_this_site(api, publisher):
    _, other_key = create_site("andere")
    response = api.put(
        "/api/v1/sites/zeitung/articles/a-7", ARTICLE, HTTP_AUTHORIZATION=f"Bearer {other_key}"
    )
    assert response.status_code == 403


def test_put_to_an_unknown_site_is_404(api, publisher):
    response = api.put("/api/v1/sites/unbekannt/articles/a-7", ARTICLE, **publisher.auth)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"title": ""},
        {"title": "T", "published_at": "gestern"},
        {"title": "T", "comments_open": "vielleicht"},
        {"title": "x" * 501},
    ],
)
def test_put_with_an_invalid_body_is_422(api, publisher, payload):
    response = api.put("/api/v1/sites/zeitung/articles/a-7", payload, **publisher.auth)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], str)
    assert Article.objects.count() == 0


def test_the_api_key_is_stored_only_as_a_hash(publisher):
    publisher.site.refresh_from_db()
    assert publisher.api_key not in publisher.site.api_key_hash
    assert publisher.site.key_matches(publisher.api_key)
    assert not publisher.site.key_matches(publisher.api_key + "x")


def test_the_site_information_is_public(api, publisher):
    data = api.get("/api/v1/sites/zeitung").json()
    assert data["name"] == "Tageszeitung"
    assert "prüfen" in data["guidelines"]
    assert {rule["code"] for rule in data["rules"]} >= {
        "insinuation",
        "insult",
        "aggression",
        "advertising",
        "off_topic",
    }


def test_the_openapi_schema_is_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert "/api/v1/sites/{site}/articles/{article_id}/comments" in paths
    assert "/api/v1/moderation/comments/{comment_id}/decision" in paths
    assert "/api/v1/comments/{comment_id}/status" in paths


def test_nul_characters_are_dropped_not_a_server_error(api, publisher):
    response = api.put(
        "/api/v1/sites/zeitung/articles/a-8",
        {"title": "Radwege\u0000", "body": "Text\u0000 mit NUL"},
        **publisher.auth,
    )
    assert response.status_code == 201
    assert response.json()["title"] == "Radwege"


def test_a_nul_character_in_an_article_id_is_a_clear_error(api, publisher):
    response = api.put("/api/v1/sites/zeitung/articles/a%00b", {"title": "T"}, **publisher.auth)
    assert response.status_code == 422
