"""Shared fixtures: a publisher site with its key, an article, editors with tokens."""

import itertools
import json

import pytest
from django.core.cache import caches

from freigabe import ratelimit
from freigabe.accounts.services import create_moderator
from freigabe.articles.services import create_site, upsert_article
from freigabe.moderation.decisions import decide


@pytest.fixture(autouse=True)
def _empty_cache(request):
    # Rate-limit counters and cached threads must not leak from one test into the next.
    # The shared cache is a table in the test database: set that database up first, then
    # clear it outside the test's own transaction (which may not have started yet).
    uses_db = any(name in request.fixturenames for name in ("db", "transactional_db", "live_server"))
    uses_db = uses_db or request.node.get_closest_marker("django_db") is not None

    def clear():
        caches["default"].clear()
        if uses_db:
            request.getfixturevalue("django_db_setup")
            with request.getfixturevalue("django_db_blocker").unblock():
                ratelimit.reset()  # the shared cache and the database's rate counters

    clear()
    yield
    clear()


class Publisher:
    def __init__(self, site, api_key):
        self.site = site
        self.api_key = api_key

    @property
    def auth(self):
        return {"HTTP_AUTHORIZATION": f"Bearer {self.api_key}"}


@pytest.fixture
def publisher(db):
    site, api_key = create_site("zeitung", name="Tageszeitung", origins=["https://www.zeitung.example"])
    return Publisher(site, api_key)


@pytest.fixture
def article(publisher):
    article, _ = upsert_article(
        publisher.site,
        "a-1",
        title="Stadtrat beschließt neue Radwege",
        body="Der Stadtrat hat am Dienstag neue Radwege für die Innenstadt beschlossen. "
        "Auf der Lindenallee entfallen dafür 230 Parkplätze.",
        url="https://www.zeitung.example/radwege",
    )
    return article


class Editor:
    def __init__(self, user, token):
        self.user = user
        self.token = token

    @property
    def auth(self):
        return {"HTTP_AUTHORIZATION": f"Token {self.token}"}


@pytest.fixture
def editor(db):
    user, _, token = create_moderator("erika", password="Sicheres-Passwort-1", with_token=True)
    return Editor(user, token)


class Api:
    """A thin JSON wrapper around Django's test client."""

    def __init__(self, client):
        self.client = client

    def post(self, path, data, **headers):
        return self.client.post(path, json.dumps(data), content_type="application/json", **headers)

    def put(self, path, data, **headers):
        return self.client.put(path, json.dumps(data), content_type="application/json", **headers)

    def get(self, path, **headers):
        return self.client.get(path, **headers)


@pytest.fixture
def api(client):
    return Api(client)


def comments_path(article):
    return f"/api/v1/sites/{article.site.slug}/articles/{article.external_id}/comments"


@pytest.fixture
def submit(api, article, settings):
    """Submit a comment through the public API; returns the 202 JSON."""
    settings.FREIGABE_RATE_COMMENTS = "1000/60"  # tests that need the limit set their own

    numbers = itertools.count(1)

    def _submit(body=None, **fields):
        # Distinct default texts: the same text twice from one reader is refused as a duplicate.
        body = body or f"Die Radwege auf der Lindenallee sind eine gute Idee ({next(numbers)})."
        payload = {"body": body, "author_name": fields.pop("author_name", "Leserin")}
        payload.update(fields)
        response = api.post(comments_path(article), payload)
        assert response.status_code == 202, response.content
        return response.json()

    return _submit


@pytest.fixture
def release():
    def _release(comment_id):
        return decide(comment_id, "release")

    return _release
