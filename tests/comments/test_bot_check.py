"""The honeypot and the proof of work, verified by the server."""

import time

import pytest

from freigabe.comments import botcheck
from freigabe.comments.models import Comment
from tests.conftest import comments_path

pytestmark = pytest.mark.django_db
BODY = "Die Radwege auf der Lindenallee kommen spät, aber gut."


def post(api, article, **extra):
    return api.post(comments_path(article), {"body": BODY, "author_name": "A", **extra})


def require_proof(article):
    article.site.assessor_settings = {"bot_check": "require"}
    article.site.save()


def test_a_filled_honeypot_is_refused_and_nothing_is_stored(api, article):
    response = post(api, article, website="http://spam.example")
    assert response.status_code == 422
    assert Comment.objects.count() == 0


def test_a_valid_proof_is_recorded(api, article):
    proof = botcheck.solve("zeitung", "a-1", BODY)
    assert post(api, article, proof=proof).status_code == 202
    assert Comment.objects.get().bot_check_passed is True


def test_without_a_proof_the_comment_is_accepted_but_marked_by_default(api, article):
    assert post(api, article).status_code == 202
    assert Comment.objects.get().bot_check_passed is False


def test_a_site_can_require_the_proof(api, article):
    require_proof(article)
    response = post(api, article)
    assert response.status_code == 422
    assert Comment.objects.count() == 0


def test_a_proof_for_another_text_does_not_count(api, article):
    require_proof(article)
    proof = botcheck.solve("zeitung", "a-1", "ein anderer Text")
    assert post(api, article, proof=proof).status_code == 422


def test_a_stale_proof_does_not_count(api, article):
    require_proof(article)
    proof = botcheck.solve("zeitung", "a-1", BODY, timestamp=int(time.time()) - 3600)
    assert post(api, article, proof=proof).status_code == 422


def test_a_garbled_proof_is_a_clear_422(api, article):
    require_proof(article)
    response = post(api, article, proof={"timestamp": "gestern", "nonce": [1]})
    assert response.status_code == 422
    assert "check" in response.json()["detail"]
