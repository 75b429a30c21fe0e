"""Every bad input in the contract's error list gets a clear JSON error, never a 500."""

import pytest

from freigabe.comments.models import Comment
from tests.conftest import comments_path

pytestmark = pytest.mark.django_db


def assert_error(response, status):
    assert response.status_code == status, response.content
    assert isinstance(response.json()["detail"], str)
    assert response.json()["detail"]


def test_unknown_site_is_404(api):
    response = api.post("/api/v1/sites/nope/articles/a-1/comments", {"body": "Hallo", "author_name": "A"})
    assert_error(response, 404)


def test_unknown_article_is_404(api, publisher):
    response = api.post(
        "/api/v1/sites/zeitung/articles/missing/comments", {"body": "Hallo", "author_name": "A"}
    )
    assert_error(response, 404)
    assert_error(api.get("/api/v1/sites/zeitung/articles/missing/comments"), 404)


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"body": "Ohne Namen"},
        {"author_name": "Ohne Text"},
        {"body": 42, "author_name": ["x"]},
        {"body": "   ", "author_name": "A"},
        {"body": "Text", "author_name": "   "},
        {"body": "Text", "author_name": "A", "author_email": "keine-adresse"},
        {"body": "Text", "author_name": "A", "parent_id": "abc"},
        {"body": "Text", "author_name": "A", "parent_id": 999999},
        {"body": "Text", "author_name": "N" * 81},
    ],
)
def test_invalid_bodies_are_422_and_store_nothing(api, article, payload):
    response = api.post(comments_path(article), payload)
    assert_error(response, 422)
    assert Comment.objects.count() == 0


def test_malformed_json_is_422(client, article):
    response = client.post(comments_path(article), "{not json", content_type="application/json")
    assert_error(response, 422)


def test_a_json_array_instead_of_an_object_is_422(client, article):
    response = client.post(comments_path(article), "[1, 2]", content_type="application/json")
    assert_error(response, 422)


def test_an_overlong_comment_is_413(api, article, settings):
    response = api.post(
        comments_path(article), {"body": "x" * (settings.FREIGABE_MAX_COMMENT_CHARS + 1), "author_name": "A"}
    )
    assert_error(response, 413)


def test_an_oversized_request_body_is_413(api, article):
    response = api.post(comments_path(article), {"body": "x" * 200_000, "author_name": "A"})
    assert_error(response, 413)


def test_comments_on_a_closed_article_are_refused(api, article):
    article.comments_open = False
    article.save()
    response = api.post(comments_path(article), {"body": "Zu spät", "author_name": "A"})
    assert_error(response, 409)
    assert Comment.objects.count() == 0


def test_too_many_comments_from_one_address_get_429_with_retry_after(api, article, settings):
    settings.FREIGABE_RATE_COMMENTS = "3/60"
    for number in range(3):
        assert (
            api.post(comments_path(article), {"body": f"Kommentar {number}", "author_name": "A"}).status_code
            == 202
        )
    response = api.post(comments_path(article), {"body": "Noch einer", "author_name": "A"})
    assert_error(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 61
    assert Comment.objects.count() == 3


def test_forwarded_for_is_ignored_from_untrusted_peers(api, article, settings):
    settings.FREIGABE_RATE_COMMENTS = "2/60"
    for number in range(2):
        api.post(
            comments_path(article),
            {"body": f"K {number}", "author_name": "A"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )
    response = api.post(
        comments_path(article), {"body": "K", "author_name": "A"}, HTTP_X_FORWARDED_FOR="10.0.0.99"
    )
    assert response.status_code == 429


def test_forwarded_for_is_honoured_from_a_trusted_proxy(api, article, settings):
    settings.FREIGABE_RATE_COMMENTS = "2/60"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for number in range(4):
        response = api.post(
            comments_path(article),
            {"body": f"K {number}", "author_name": "A"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        )
        assert response.status_code == 202


def test_too_many_comments_from_one_author_get_429(api, article, settings):
    settings.FREIGABE_RATE_COMMENTS_PER_AUTHOR = "2/60"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for number in range(2):
        api.post(
            comments_path(article),
            {"body": f"K {number}", "author_name": "A", "author_email": "a@example.org"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        )
    response = api.post(
        comments_path(article),
        {"body": "K", "author_name": "A", "author_email": "A@example.org"},
        HTTP_X_FORWARDED_FOR="203.0.113.50",
    )
    assert_error(response, 429)


def test_control_characters_are_stripped_but_text_is_kept_verbatim(api, article):
    body = "Robert'); DROP TABLE comments;-- <script>alert(1)</script>\x00\x07"
    response = api.post(comments_path(article), {"body": body, "author_name": "A\x1b"})
    assert response.status_code == 202
    comment = Comment.objects.get()
    assert comment.body == "Robert'); DROP TABLE comments;-- <script>alert(1)</script>"
    assert comment.author_name == "A"


def test_unknown_api_paths_answer_json_404(client):
    response = client.get("/api/v1/nothing/here")
    assert_error(response, 404)


def test_the_ip_address_is_kept_only_as_a_salted_hash(api, article):
    api.post(comments_path(article), {"body": "Text", "author_name": "A"}, REMOTE_ADDR="198.51.100.7")
    comment = Comment.objects.get()
    assert "198.51.100.7" not in comment.ip_hash
    assert len(comment.ip_hash) == 64


def test_the_same_comment_twice_from_one_reader_is_refused_as_a_duplicate(api, article):
    payload = {"body": "Die Lindenallee braucht Radwege.", "author_name": "A"}
    assert api.post(comments_path(article), payload).status_code == 202
    again = api.post(comments_path(article), payload)
    assert_error(again, 409)
    assert "already" in again.json()["detail"]
    assert Comment.objects.count() == 1
    other_reader = api.post(comments_path(article), payload, REMOTE_ADDR="198.51.100.9")
    assert other_reader.status_code == 202


def test_refusals_carry_a_stable_code_for_clients(api, article):
    payload = {"body": "Zweimal derselbe Text zur Lindenallee.", "author_name": "A"}
    api.post(comments_path(article), payload)
    assert api.post(comments_path(article), payload).json()["code"] == "duplicate"
    article.comments_open = False
    article.save()
    assert api.post(comments_path(article), payload).json()["code"] == "comments_closed"
