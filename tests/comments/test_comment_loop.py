"""The pre-moderated loop from the outside: nothing is public before an editor releases it."""

import pytest

from freigabe.comments.models import Comment
from freigabe.moderation.decisions import decide
from tests.conftest import comments_path

pytestmark = pytest.mark.django_db


def public_ids(api, article):
    data = api.get(comments_path(article)).json()
    ids = []

    def walk(nodes):
        for node in nodes:
            ids.append(node["id"])
            walk(node["replies"])

    walk(data["comments"])
    return ids


def test_a_submitted_comment_is_held_as_pending(api, article, submit):
    accepted = submit()
    assert accepted["status"] == "pending"
    assert accepted["expected_wait_seconds"] >= 60
    assert len(accepted["author_token"]) >= 32
    assert Comment.objects.get(pk=accepted["id"]).status == "pending"


def test_a_pending_comment_is_not_public(api, article, submit):
    accepted = submit()
    data = api.get(comments_path(article)).json()
    assert data["count"] == 0
    assert accepted["id"] not in public_ids(api, article)


def test_a_released_comment_becomes_public(api, article, submit, release):
    accepted = submit("Gut, dass die Lindenallee endlich sicherer wird.")
    api.get(comments_path(article))  # warm the cache: the release must invalidate it
    release(accepted["id"])
    data = api.get(comments_path(article)).json()
    assert data["count"] == 1
    assert data["comments"][0]["body"] == "Gut, dass die Lindenallee endlich sicherer wird."
    assert data["comments"][0]["author_name"] == "Leserin"
    assert "author_email" not in data["comments"][0]


def test_a_rejected_comment_is_never_public(api, article, submit):
    accepted = submit()
    decide(accepted["id"], "reject", reasons=["insult"])
    assert accepted["id"] not in public_ids(api, article)


def test_replies_are_threaded_under_their_parent_oldest_first(api, article, submit, release):
    first = submit("Erster Kommentar zu den Radwegen.")
    second = submit("Zweiter Kommentar zu den Parkplätzen.")
    release(first["id"])
    release(second["id"])
    reply_a = submit("Antwort eins zur Lindenallee.", parent_id=first["id"])
    reply_b = submit("Antwort zwei zur Lindenallee.", parent_id=first["id"])
    release(reply_b["id"])
    release(reply_a["id"])
    data = api.get(comments_path(article)).json()
    assert [c["id"] for c in data["comments"]] == [first["id"], second["id"]]
    assert [r["id"] for r in data["comments"][0]["replies"]] == [reply_a["id"], reply_b["id"]]
    assert data["count"] == 4


def test_a_pending_reply_stays_hidden_under_a_public_parent(api, article, submit, release):
    parent = submit()
    release(parent["id"])
    reply = submit("Antwort, noch nicht geprüft.", parent_id=parent["id"])
    assert reply["id"] not in public_ids(api, article)


def test_replying_to_an_unreleased_comment_is_refused(api, article, submit):
    parent = submit()
    response = api.post(
        comments_path(article), {"body": "Antwort", "author_name": "X", "parent_id": parent["id"]}
    )
    assert response.status_code == 422
    assert "reply" in response.json()["detail"]


def test_the_list_has_an_etag_and_answers_304_when_unchanged(api, article, submit, release):
    first = api.get(comments_path(article))
    etag = first["ETag"]
    assert etag
    again = api.get(comments_path(article), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    release(submit()["id"])
    changed = api.get(comments_path(article), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_removed_comment_leaves_the_public_list(api, article, submit, release):
    accepted = submit()
    release(accepted["id"])
    assert accepted["id"] in public_ids(api, article)
    decide(accepted["id"], "remove", reasons=["other"], note="Nach Hinweis entfernt")
    assert accepted["id"] not in public_ids(api, article)


def test_the_author_sees_the_status_and_the_waiting_time(api, submit):
    accepted = submit()
    response = api.get(f"/api/v1/comments/{accepted['id']}/status?token={accepted['author_token']}")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "pending"
    assert body["expected_wait_seconds"] >= 60


def test_the_author_sees_the_statement_of_reasons_after_a_rejection(api, submit):
    accepted = submit()
    decide(accepted["id"], "reject", reasons=["insinuation", "insult"], note="Bitte sachlich.")
    body = api.get(f"/api/v1/comments/{accepted['id']}/status?token={accepted['author_token']}").json()
    assert body["status"] == "rejected"
    assert body["reasons"] == ["insinuation", "insult"]
    statement = body["statement_of_reasons"]
    assert [g["code"] for g in statement["grounds"]] == ["insinuation", "insult"]
    assert statement["grounds"][0]["label"]["de"] == "Unterstellungen"
    assert statement["note"] == "Bitte sachlich."
    assert statement["automated_decision"] is False
    assert "Beschwerde" in statement["redress"]["de"]


def test_a_wrong_token_does_not_reveal_the_status(api, submit):
    accepted = submit()
    response = api.get(f"/api/v1/comments/{accepted['id']}/status?token=wrong")
    assert response.status_code == 404  # as for an unknown id (tests/security/test_probing.py)
    assert "status" not in response.json()


def test_the_waiting_time_grows_with_the_queue(api, article, submit):
    first = submit()["expected_wait_seconds"]
    for _ in range(5):
        submit()
    later = submit()["expected_wait_seconds"]
    assert later > first


def test_the_waiting_time_follows_the_editors_recent_pace(api, article, submit, settings):
    settings.FREIGABE_DEFAULT_DECISIONS_PER_HOUR = 2  # slow default: 30 minutes a comment
    for _ in range(10):
        submit()
    slow = submit()["expected_wait_seconds"]
    for comment in Comment.objects.filter(status="pending")[:8]:
        decide(comment.pk, "release")  # 8 decisions in the recent window: a faster pace
    fast = submit()["expected_wait_seconds"]
    assert slow > fast


def test_an_editors_rejection_reaches_the_author_only_once_it_cannot_be_undone(api, submit, editor):
    from datetime import timedelta

    from django.utils import timezone

    from freigabe.moderation.decisions import undo
    from freigabe.moderation.models import Decision

    def author_view(comment):
        return api.get(f"/api/v1/comments/{comment['id']}/status?token={comment['author_token']}").json()

    slip, meant = submit(), submit()
    decide(slip["id"], "reject", actor=editor.user, reasons=["insult"])
    during = author_view(slip)
    assert during["status"] == "pending" and 1 <= during["expected_wait_seconds"] <= 10
    assert "statement_of_reasons" not in during
    undo(editor.user)
    assert author_view(slip)["status"] == "pending"  # and it never looked rejected

    decide(meant["id"], "reject", actor=editor.user, reasons=["insult"])
    Decision.objects.filter(comment_id=meant["id"]).update(created_at=timezone.now() - timedelta(seconds=11))
    after = author_view(meant)
    assert after["status"] == "rejected" and after["statement_of_reasons"]
