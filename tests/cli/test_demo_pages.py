"""The demo's senior editor can use every moderator page; the site has a favicon."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import get_resolver

# Pages without a path parameter that an editor opens with GET (the others take POSTs).
PAGES = [
    "",
    "history/",
    "reported/",
    "appeals/",
    "authors/bans/",
    "audit/",
    "audit.csv",
    "operations/",
    "settings/",
    "settings/demo/",
    "counts/",
]


@pytest.fixture
def senior_client(client, db):
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    password = re.search(r"'chefredaktion'.*: (\S+)", output.getvalue()).group(1)
    assert client.login(username="chefredaktion", password=password)
    return client


def test_every_moderation_page_opens_for_the_demo_senior_editor(senior_client):
    listed = {str(pattern.pattern) for pattern in get_resolver().url_patterns}
    assert "moderation/" in listed
    for page in PAGES:
        response = senior_client.get("/moderation/" + page)
        assert response.status_code == 200, (page, response.status_code)


def test_the_demo_comment_page_opens_for_the_senior_editor(senior_client):
    from freigabe.comments.models import Comment

    comment = Comment.objects.order_by("pk").first()
    assert senior_client.get(f"/moderation/comments/{comment.pk}/").status_code == 200


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert "max-age=86400" in response["Cache-Control"]
