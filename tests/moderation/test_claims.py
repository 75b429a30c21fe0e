"""Several editors at once: a focused comment is claimed and hidden from colleagues' queues."""

from datetime import timedelta

import pytest
from django.utils import timezone

from freigabe.comments.models import Comment
from freigabe.moderation.claims import CLAIM_DURATION, claim
from freigabe.moderation.models import Claim

pytestmark = pytest.mark.django_db


def test_opening_a_comment_claims_it_and_colleagues_queues_skip_it(make_client, editor, colleague, submit):
    first = submit("Erster Kommentar zur Lindenallee.")
    submit("Zweiter Kommentar zur Lindenallee.")
    erika, bernd = make_client(editor.user), make_client(colleague)
    response = erika.post(f"/moderation/comments/{first['id']}/claim")
    assert "Für Sie reserviert" in response.content.decode()
    assert Claim.objects.get(comment_id=first["id"]).editor == editor.user
    colleagues_queue = bernd.get("/moderation/").content.decode()
    assert "Erster Kommentar" not in colleagues_queue
    assert "Zweiter Kommentar" in colleagues_queue
    assert "Erster Kommentar" in erika.get("/moderation/").content.decode()


def test_a_colleague_opening_a_claimed_comment_is_told_who_has_it(make_client, editor, colleague, submit):
    accepted = submit()
    make_client(editor.user).post(f"/moderation/comments/{accepted['id']}/claim")
    html = make_client(colleague).get(f"/moderation/comments/{accepted['id']}/context").content
    assert "erika bearbeitet diesen Kommentar gerade" in html.decode()


def test_a_colleague_cannot_decide_a_claimed_comment(make_client, editor, colleague, submit):
    accepted = submit()
    make_client(editor.user).post(f"/moderation/comments/{accepted['id']}/claim")
    response = make_client(colleague).post(
        f"/moderation/comments/{accepted['id']}/decide", {"action": "release"}, HTTP_HX_REQUEST="true"
    )
    assert "erika bearbeitet diesen Kommentar gerade" in response.content.decode()
    assert Comment.objects.get(pk=accepted["id"]).status == "pending"


def test_a_claim_expires(editor, colleague, submit):
    accepted = submit()
    claim(accepted["id"], editor.user)
    assert not claim(accepted["id"], colleague).claimed
    later = timezone.now() + CLAIM_DURATION + timedelta(seconds=1)
    assert claim(accepted["id"], colleague, now=later).claimed


def test_an_editor_holds_one_claim_at_a_time(editor, submit):
    first, second = submit(), submit()
    claim(first["id"], editor.user)
    claim(second["id"], editor.user)
    assert list(Claim.objects.values_list("comment_id", flat=True)) == [second["id"]]


def test_a_decision_ends_the_claim(make_client, editor, submit):
    accepted = submit()
    client = make_client(editor.user)
    client.post(f"/moderation/comments/{accepted['id']}/claim")
    client.post(f"/moderation/comments/{accepted['id']}/decide", {"action": "release"})
    assert not Claim.objects.exists()


def test_the_polled_counts_carry_colleagues_claims(make_client, editor, colleague, submit):
    accepted = submit()
    make_client(editor.user).post(f"/moderation/comments/{accepted['id']}/claim")
    html = make_client(colleague).get("/moderation/counts/").content.decode()
    assert f'data-claimed="{accepted["id"]}"' in html


def test_a_colleague_deciding_a_comment_already_decided_is_told_and_changes_nothing(
    make_client, editor, colleague, submit
):
    accepted = submit()
    erika, bernd = make_client(editor.user), make_client(colleague)
    erika.post(f"/moderation/comments/{accepted['id']}/decide", {"action": "release"})
    response = bernd.post(
        f"/moderation/comments/{accepted['id']}/decide",
        {"action": "reject", "reasons": ["insult"]},
        HTTP_HX_REQUEST="true",
    )
    assert "ist bereits freigegeben" in response.content.decode()
    assert Comment.objects.get(pk=accepted["id"]).decisions.count() == 1
