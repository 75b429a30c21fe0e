"""Bulk actions: release or reject the selected comments, each decided once and recorded."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from freigabe.comments.models import Comment
from freigabe.moderation.claims import claim
from freigabe.moderation.decisions import decide

pytestmark = pytest.mark.django_db


def test_bulk_release(make_client, editor, submit):
    ids = [submit()["id"] for _ in range(3)]
    response = make_client(editor.user).post("/moderation/bulk", {"action": "release", "ids": ids[:2]})
    assert response.status_code == 302
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert [statuses[i] for i in ids] == ["released", "released", "pending"]


def test_bulk_reject_needs_reasons_and_records_them(make_client, editor, submit):
    ids = [submit()["id"] for _ in range(2)]
    client = make_client(editor.user)
    client.post("/moderation/bulk", {"action": "reject", "ids": ids})
    assert set(Comment.objects.values_list("status", flat=True)) == {"pending"}
    client.post("/moderation/bulk", {"action": "reject", "ids": ids, "reasons": ["advertising"]})
    for comment in Comment.objects.all():
        assert comment.status == "rejected"
        assert comment.decisions.get().reasons == ["advertising"]


def test_bulk_skips_decided_and_claimed_comments_and_says_so(make_client, editor, colleague, submit):
    decided, claimed, free = submit()["id"], submit()["id"], submit()["id"]
    decide(decided, "reject", actor=colleague, reasons=["insult"])
    claim(claimed, colleague)
    response = make_client(editor.user).post(
        "/moderation/bulk", {"action": "release", "ids": [decided, claimed, free]}, follow=True
    )
    html = response.content.decode()
    assert "1 Kommentare entschieden" in html
    assert "ist bereits abgelehnt" in html  # the domain error in the editor's language
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert (statuses[decided], statuses[claimed], statuses[free]) == ("rejected", "pending", "released")


def test_bulk_keeps_the_filter_but_nothing_foreign_in_the_redirect(make_client, editor, submit):
    accepted = submit()
    response = make_client(editor.user).post(
        "/moderation/bulk",
        {"action": "release", "ids": [accepted["id"]], "query": "rule=insult&next=https://evil.example"},
    )
    assert response["Location"] == "/moderation/?rule=insult"


def test_bulk_looks_up_colleagues_claims_once_for_the_whole_batch(
    make_client, editor, colleague, senior, submit
):
    ids = [submit()["id"] for _ in range(4)]
    claim(ids[1], colleague)
    claim(ids[3], senior)  # each editor holds one claim at a time
    client = make_client(editor.user)
    with CaptureQueriesContext(connection) as queries:
        client.post("/moderation/bulk", {"action": "release", "ids": ids})
    claim_reads = [
        q["sql"] for q in queries if q["sql"].startswith("SELECT") and '"moderation_claim"' in q["sql"]
    ]
    assert len(claim_reads) == 1, claim_reads
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert [statuses[i] for i in ids] == ["released", "pending", "released", "pending"]
