"""Readers recommend released comments, once each; the thread shows the count."""

import time

import jwt
import pytest

from freigabe.articles.models import Site
from tests.conftest import comments_path

pytestmark = pytest.mark.django_db

GUEST = "guest-token-0123456789abcdef"


def recommend(api, comment_id, token=GUEST, method="post", **headers):
    path = f"/api/v1/comments/{comment_id}/recommendations"
    if method == "delete":
        return api.client.delete(path, HTTP_X_FREIGABE_READER=token, **headers)
    return api.post(path, {}, HTTP_X_FREIGABE_READER=token, **headers)


@pytest.fixture
def released(submit, release):
    accepted = submit()
    release(accepted["id"])
    return accepted["id"]


def test_a_recommendation_is_counted_once_per_reader(api, released):
    first = recommend(api, released)
    assert first.status_code == 200
    assert first.json() == {"id": released, "recommendations": 1}
    again = recommend(api, released)
    assert again.status_code == 200
    assert again.json()["recommendations"] == 1
    other = recommend(api, released, token="another-reader-token-98765")
    assert other.json()["recommendations"] == 2


def test_the_token_may_come_in_the_body(api, released):
    response = api.post(f"/api/v1/comments/{released}/recommendations", {"reader_token": GUEST})
    assert response.json()["recommendations"] == 1
    assert recommend(api, released).json()["recommendations"] == 1  # same reader, header


def test_taking_it_back_lowers_the_count_once(api, released):
    recommend(api, released)
    recommend(api, released, token="another-reader-token-98765")
    back = recommend(api, released, method="delete")
    assert back.status_code == 200
    assert back.json() == {"id": released, "recommendations": 1}
    assert recommend(api, released, method="delete").json()["recommendations"] == 1


def test_the_thread_carries_the_count_and_a_new_etag(api, article, released):
    before = api.get(comments_path(article))
    assert before.json()["comments"][0]["recommendations"] == 0
    recommend(api, released)
    after = api.get(comments_path(article), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["comments"][0]["recommendations"] == 1
    assert after["ETag"] != before["ETag"]


def test_a_pending_or_unknown_comment_answers_404(api, submit):
    pending = submit()
    assert recommend(api, pending["id"]).status_code == 404
    assert recommend(api, 999999).status_code == 404
    assert recommend(api, pending["id"], method="delete").status_code == 404


def test_a_rejected_comment_cannot_be_recommended(api, submit):
    from freigabe.moderation.decisions import decide

    rejected = submit()
    decide(rejected["id"], "reject", reasons=["insult"])
    assert recommend(api, rejected["id"]).status_code == 404


def test_without_a_reader_token_it_is_a_clear_422(api, released):
    response = api.post(f"/api/v1/comments/{released}/recommendations", {})
    assert response.status_code == 422
    assert "X-Freigabe-Reader" in response.json()["detail"]
    assert recommend(api, released, token="short").status_code == 422


def test_one_address_cannot_stuff_the_count_with_fresh_tokens(api, released):
    counts = [
        recommend(api, released, token=f"fresh-token-number-{n:04d}").json()["recommendations"]
        for n in range(6)
    ]
    assert counts == [1, 2, 3, 3, 3, 3]


def test_a_signed_in_reader_counts_once_whatever_token_the_widget_sends(api, released):
    site = Site.objects.get()
    site.sso_algorithm, site.sso_key = "HS256", "publisher-shared-secret-for-tests"
    site.save()
    token = jwt.encode(
        {"sub": "reader-42", "name": "Lea", "exp": int(time.time()) + 600, "aud": site.slug},
        site.sso_key,
        algorithm="HS256",
    )
    path = f"/api/v1/comments/{released}/recommendations"
    assert api.post(path, {"sso_token": token}).json()["recommendations"] == 1
    assert api.post(path, {"sso_token": token, "reader_token": "x" * 20}).json()["recommendations"] == 1
    assert api.post(path, {}, HTTP_X_FREIGABE_SSO=token).json()["recommendations"] == 1
    assert api.post(path, {"sso_token": "forged"}).status_code == 401


def test_recommending_is_rate_limited_with_retry_after(api, released, settings):
    settings.FREIGABE_RATE_RECOMMENDATIONS = "3/60"
    statuses = [recommend(api, released).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = recommend(api, released)
    assert int(limited["Retry-After"]) >= 1


def test_the_widget_may_send_delete_and_the_reader_header_cross_origin(api, released):
    preflight = api.client.options(
        f"/api/v1/comments/{released}/recommendations",
        HTTP_ORIGIN="https://www.zeitung.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="DELETE",
    )
    assert preflight.status_code == 204
    assert "DELETE" in preflight["Access-Control-Allow-Methods"]
    assert "X-Freigabe-Reader" in preflight["Access-Control-Allow-Headers"]


def test_guests_address_hashes_are_purged_with_the_others(api, released):
    from datetime import timedelta

    from django.utils import timezone

    from freigabe.comments.models import Recommendation
    from freigabe.compliance.privacy import purge_ip_hashes

    recommend(api, released)
    Recommendation.objects.update(created_at=timezone.now() - timedelta(days=8))
    purge_ip_hashes(7)
    assert Recommendation.objects.get().ip_hash == ""
    assert recommend(api, released).json()["recommendations"] == 1  # still the same reader
