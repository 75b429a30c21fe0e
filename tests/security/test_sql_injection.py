"""Text that looks like SQL is data: stored verbatim and read back unchanged."""

import pytest

from freigabe.comments.models import Comment
from tests.conftest import comments_path

INJECTIONS = [
    "'; DROP TABLE comments_comment; --",
    "1' OR '1'='1' --",
    '" OR ""="',
    "Robert'); DROP TABLE articles_article;--",
    "%' UNION SELECT username, password FROM auth_user --",
    "x'; SELECT pg_sleep(5); --",
    "\\'; UPDATE comments_comment SET status='released'; --",
    "0x27 /* */ OR 1=1; ATTACH DATABASE '/tmp/x' AS x; --",
]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("injection", INJECTIONS)
def test_a_comment_body_and_name_are_stored_and_listed_verbatim(injection, api, article, submit, release):
    accepted = submit(body=f"Meine Meinung: {injection}", author_name=injection[:80])
    release(accepted["id"])

    thread = api.get(comments_path(article)).json()
    [comment] = thread["comments"]
    assert comment["body"] == f"Meine Meinung: {injection}"
    assert comment["author_name"] == injection[:80]


def test_injected_text_changes_no_other_row(article, submit):
    for injection in INJECTIONS:
        submit(body=f"Kommentar mit {injection}")
    assert Comment.objects.count() == len(INJECTIONS)
    assert set(Comment.objects.values_list("status", flat=True)) == {"pending"}


@pytest.mark.parametrize("injection", INJECTIONS)
def test_an_article_title_from_the_publisher_api_is_stored_verbatim(injection, api, publisher):
    path = f"/api/v1/sites/{publisher.site.slug}/articles/sql-probe"
    response = api.put(
        path,
        {"title": injection, "url": "https://www.zeitung.example/probe", "body": f"Text: {injection}"},
        **publisher.auth,
    )
    assert response.status_code in (200, 201), response.content

    stored = api.get(path, **publisher.auth).json()
    assert (stored["title"], stored["body"]) == (injection, f"Text: {injection}")


def test_the_moderation_queue_shows_injected_text_verbatim(api, editor, submit):
    for injection in INJECTIONS[:3]:
        submit(body=f"Warteschlange: {injection}")
    queue = api.get("/api/v1/moderation/queue?limit=50", **editor.auth).json()
    assert {item["body"] for item in queue["comments"]} == {
        f"Warteschlange: {injection}" for injection in INJECTIONS[:3]
    }
