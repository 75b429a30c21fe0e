"""The pending queue: triage order, filters, tabs with live counts, history search."""

from datetime import timedelta

import pytest
from django.utils import timezone

from freigabe.articles.services import upsert_article
from freigabe.comments.models import Comment
from freigabe.comments.services import rule_score_fields
from freigabe.moderation.decisions import decide

pytestmark = pytest.mark.django_db


def set_assessment(comment_id, suggestion, **scores):
    assessment = {
        "model_version": "t",
        "decision": suggestion,
        "rules": {code: {"score": score, "evidence": []} for code, score in scores.items()},
    }
    Comment.objects.filter(pk=comment_id).update(
        suggestion=suggestion,
        risk=max(scores.values(), default=0),
        assessment=assessment,
        **rule_score_fields(assessment),
    )


def shown_ids(html):
    import re

    return [int(found) for found in re.findall(r'<li class="card[^"]*" id="comment-(\d+)"', html)]


def test_the_queue_is_in_triage_order(make_client, editor, submit):
    doubtful, clean, bad = submit(), submit(), submit()
    set_assessment(doubtful["id"], "review", insult=0.6)
    set_assessment(clean["id"], "release", insult=0.01)
    set_assessment(bad["id"], "reject", insult=0.97)
    html = make_client(editor.user).get("/moderation/").content.decode()
    assert shown_ids(html) == [clean["id"], doubtful["id"], bad["id"]]


def test_the_workspace_page_and_the_ranked_queue_agree_on_triage_order(editor, submit):
    from freigabe.moderation.queue import QueueFilter, editor_queue_page, pending_comments

    ids = [submit()["id"] for _ in range(5)]
    for comment_id, suggestion in zip(ids, ["reject", "", "review", "release", "unknown"]):
        Comment.objects.filter(pk=comment_id).update(suggestion=suggestion)
    expected = [ids[3], ids[1], ids[2], ids[4], ids[0]]  # clean, the rest by age, rejects
    assert [c.pk for c in pending_comments("triage")] == expected
    assert [c.pk for c in editor_queue_page(editor.user, QueueFilter(), 10)] == expected


def test_it_filters_by_rule_and_minimum_score(make_client, editor, submit):
    insulting, advertising = submit(), submit()
    set_assessment(insulting["id"], "reject", insult=0.9, advertising=0.1)
    set_assessment(advertising["id"], "reject", insult=0.2, advertising=0.95)
    client = make_client(editor.user)
    html = client.get("/moderation/?rule=insult&min_score=50").content.decode()
    assert shown_ids(html) == [insulting["id"]]
    html = client.get("/moderation/?rule=advertising&min_score=90").content.decode()
    assert shown_ids(html) == [advertising["id"]]


def test_it_filters_by_article_and_age(make_client, editor, submit, publisher, api):
    here = submit()
    other_article, _ = upsert_article(
        publisher.site, "a-2", title="Hallenbad schließt", body="Das Hallenbad schließt im Mai."
    )
    response = api.post(
        "/api/v1/sites/zeitung/articles/a-2/comments", {"body": "Schade um das Bad.", "author_name": "Uwe"}
    )
    there = response.json()
    Comment.objects.filter(pk=here["id"]).update(created_at=timezone.now() - timedelta(hours=30))
    client = make_client(editor.user)
    assert shown_ids(client.get(f"/moderation/?article={other_article.pk}").content.decode()) == [there["id"]]
    assert shown_ids(client.get("/moderation/?age=gt24h").content.decode()) == [here["id"]]
    assert shown_ids(client.get("/moderation/?age=lt1h").content.decode()) == [there["id"]]


def test_bad_filter_values_are_ignored_not_errors(make_client, editor, submit):
    submit()
    response = make_client(editor.user).get(
        "/moderation/?rule=nope&min_score=abc&age=x&order=drop&article=1'"
    )
    assert response.status_code == 200
    assert len(shown_ids(response.content.decode())) == 1


def test_every_tab_shows_its_count_and_refreshes(make_client, editor, senior, submit):
    first, _ = submit(), submit()
    decide(first["id"], "release", actor=editor.user)
    html = make_client(senior).get("/moderation/counts/").content.decode()
    assert 'id="pending-count" class="count">1<' in html
    assert 'id="decided-count"' in html and 'id="reported-count"' in html
    assert 'id="appeals-count"' in html
    assert 'hx-trigger="every 10s"' in html


def test_plain_editors_do_not_see_the_appeals_tab(make_client, editor):
    html = make_client(editor.user).get("/moderation/").content.decode()
    assert 'id="tab-appeals"' not in html
    assert make_client(editor.user).get("/moderation/appeals/").status_code == 403


def test_the_history_searches_by_editor_and_number_and_filters_by_action(
    make_client, editor, colleague, submit
):
    first, second = submit("Lindenallee ja."), submit("Marktring nein.")
    decide(first["id"], "release", actor=editor.user)
    decide(second["id"], "reject", actor=colleague, reasons=["off_topic"])
    client = make_client(editor.user)
    by_editor = client.get("/moderation/history/?q=bernd").content.decode()
    assert "Marktring" in by_editor and "Lindenallee ja." not in by_editor
    by_number = client.get(f"/moderation/history/?q=%23{first['id']}").content.decode()
    assert "Lindenallee ja." in by_number and "Marktring" not in by_number
    rejected = client.get("/moderation/history/?action=reject").content.decode()
    assert "Marktring" in rejected and "Lindenallee ja." not in rejected


def test_the_reported_tab_lists_open_reports_and_resolves_them(make_client, editor, submit):
    from freigabe.compliance.reports import file_report

    accepted = submit("Ein freigegebener Kommentar.")
    decide(accepted["id"], "release", actor=editor.user)
    file_report(accepted["id"], reason="insult", explanation="Beleidigend", good_faith=True)
    client = make_client(editor.user)
    html = client.get("/moderation/reported/").content.decode()
    assert "Ein freigegebener Kommentar." in html
    notice_id = Comment.objects.get(pk=accepted["id"]).notices.get().pk
    client.post(f"/moderation/reported/{notice_id}/decide", {"action": "remove", "reasons": ["insult"]})
    assert Comment.objects.get(pk=accepted["id"]).status == "removed"


def test_the_workspace_speaks_english_on_request(make_client, senior, submit):
    submit()
    client = make_client(senior)
    html = client.get("/moderation/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for text in (
        "Pending comments",
        "Reported",
        "Appeals",
        "Keyboard shortcuts",
        "Reject …",
        "Release selection",
        "Undo last decision",
    ):
        assert text in html
    bans = client.get("/moderation/authors/bans/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Active bans" in bans
