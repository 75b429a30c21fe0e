"""Notice and action (DSA Art. 16): readers report published comments, editors resolve them."""

from unittest import mock

import pytest

from freigabe.comments.models import Comment
from freigabe.compliance.models import Notice, Report
from freigabe.compliance.reports import decide_report_group
from freigabe.moderation.models import Decision
from tests.compliance.conftest import report_payload, reports_path

pytestmark = pytest.mark.django_db


def group_decision_path(group_id):
    return f"/api/v1/moderation/reports/{group_id}/decision"


def test_a_reader_reports_a_released_comment_and_gets_a_receipt(api, released):
    comment = released()
    response = api.post(reports_path(comment["id"]), report_payload())
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "received"
    assert body["comment_id"] == comment["id"] and body["id"] > 0


def test_reports_of_one_comment_are_grouped_while_open(api, released):
    comment = released()
    first = api.post(reports_path(comment["id"]), report_payload()).json()
    second = api.post(
        reports_path(comment["id"]),
        report_payload(reason="illegal", legal_ground="StGB §185", explanation="Das ist eine Beleidigung."),
    ).json()
    assert first["group_id"] == second["group_id"]
    notice = Notice.objects.get()
    assert notice.report_count == 2 and notice.alleges_illegality


@pytest.mark.parametrize(
    "payload",
    [
        report_payload(good_faith=False),
        {k: v for k, v in report_payload().items() if k != "good_faith"},
        report_payload(reason="langweilig"),
        report_payload(reason="illegal"),
        report_payload(reason="illegal", legal_ground="BGB §823"),
        report_payload(explanation=""),
        report_payload(explanation="x" * 2001),
        report_payload(reporter_email="keine-adresse"),
    ],
)
def test_incomplete_or_invalid_reports_are_422(api, released, payload):
    comment = released()
    response = api.post(reports_path(comment["id"]), payload)
    assert response.status_code == 422, response.content
    assert "detail" in response.json()
    assert not Notice.objects.exists()


def test_pending_and_rejected_comments_cannot_be_reported(api, submit, editor):
    pending = submit()
    assert api.post(reports_path(pending["id"]), report_payload()).status_code == 404
    rejected = submit()
    api.post(
        f"/api/v1/moderation/comments/{rejected['id']}/decision",
        {"action": "reject", "reasons": ["insult"]},
        **editor.auth,
    )
    assert api.post(reports_path(rejected["id"]), report_payload()).status_code == 404
    assert api.post(reports_path(999999), report_payload()).status_code == 404


def test_a_removed_comment_cannot_be_reported_again(api, released, editor):
    comment = released()
    group = api.post(reports_path(comment["id"]), report_payload()).json()["group_id"]
    api.post(group_decision_path(group), {"action": "remove", "reasons": ["insult"]}, **editor.auth)
    assert api.post(reports_path(comment["id"]), report_payload()).status_code == 409


def test_reports_are_rate_limited_per_client_address(api, released, settings):
    settings.FREIGABE_RATE_REPORTS = "2/600"
    comment = released()
    for _ in range(2):
        assert api.post(reports_path(comment["id"]), report_payload()).status_code == 202
    refused = api.post(reports_path(comment["id"]), report_payload())
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0


def test_editors_see_open_report_groups_with_illegality_first(api, released, editor):
    house_rules, illegal = released(), released()
    api.post(reports_path(house_rules["id"]), report_payload())
    api.post(reports_path(house_rules["id"]), report_payload())
    api.post(
        reports_path(illegal["id"]),
        report_payload(reason="illegal", legal_ground="StGB §241", explanation="Droht mit Gewalt."),
    )
    response = api.get("/api/v1/moderation/reports", **editor.auth)
    assert response.status_code == 200
    groups = response.json()["groups"]
    assert [g["comment"]["id"] for g in groups] == [illegal["id"], house_rules["id"]]
    assert groups[1]["report_count"] == 2
    assert groups[0]["reports"][0]["legal_ground"] == "StGB §241"


def test_the_report_queue_needs_an_editor(api):
    assert api.get("/api/v1/moderation/reports").status_code == 401
    assert api.post(group_decision_path(1), {"action": "keep"}).status_code == 401


def test_removing_on_an_illegal_content_report_states_the_legal_ground(api, released, editor):
    comment = released()
    group = api.post(
        reports_path(comment["id"]),
        report_payload(reason="illegal", legal_ground="StGB §185", explanation="Beleidigung."),
    ).json()["group_id"]
    response = api.post(
        group_decision_path(group),
        {"action": "remove", "reasons": ["insult"], "legal_ground": "StGB §185", "note": "Schmähkritik"},
        **editor.auth,
    )
    assert response.status_code == 200, response.content
    assert response.json()["outcome"] == "removed"
    assert Comment.objects.get(pk=comment["id"]).status == "removed"
    decision = Decision.objects.get(action="remove")
    assert decision.actor == editor.user
    statement = decision.statement_of_reasons
    assert statement["ground"] == "illegal_content"
    assert statement["legal_ground"]["code"] == "StGB §185"
    assert statement["source"] == "notice"


def test_keeping_a_reported_comment_leaves_it_public(api, released, editor):
    comment = released()
    group = api.post(reports_path(comment["id"]), report_payload()).json()["group_id"]
    response = api.post(group_decision_path(group), {"action": "keep", "note": "Zulässig"}, **editor.auth)
    assert response.json()["outcome"] == "kept"
    assert Comment.objects.get(pk=comment["id"]).status == "released"
    assert api.get("/api/v1/moderation/reports", **editor.auth).json()["count"] == 0
    again = api.post(group_decision_path(group), {"action": "keep"}, **editor.auth)
    assert again.status_code == 409
    # A new report after that opens a new group.
    new_group = api.post(reports_path(comment["id"]), report_payload()).json()["group_id"]
    assert new_group != group


def resolved_right_after_lookup(group_id, action, editor):
    """Let the editor resolve the group between a new report's look-up and its write.

    That is the race of a report with the resolution of its group, played in order.
    """
    look_up = Notice.objects.get_or_create

    def get_or_create(**fields):
        notice, created = look_up(**fields)
        if notice.pk == group_id and notice.state == "open":
            decide_report_group(group_id, action, actor=editor.user, reasons=["insult"])
        return notice, created

    return mock.patch.object(Notice.objects, "get_or_create", get_or_create)


def second_report_racing_resolution(api, released, editor, action):
    """(the first report's group, the answer to a second report that races its resolution)."""
    comment = released()
    group = api.post(reports_path(comment["id"]), report_payload()).json()["group_id"]
    with resolved_right_after_lookup(group, action, editor):
        return group, api.post(reports_path(comment["id"]), report_payload())


def test_a_report_arriving_as_its_group_is_kept_opens_a_new_group(api, released, editor):
    group, response = second_report_racing_resolution(api, released, editor, "keep")
    assert response.status_code == 202
    resolved = Notice.objects.get(pk=group)
    assert (resolved.state, resolved.report_count, resolved.reports.count()) == ("resolved", 1, 1)
    new_group = Notice.objects.get(pk=response.json()["group_id"])
    assert (new_group.state, new_group.report_count) == ("open", 1)
    assert list(new_group.reports.values_list("pk", flat=True)) == [response.json()["id"]]
    queue = api.get("/api/v1/moderation/reports", **editor.auth).json()
    assert [g["id"] for g in queue["groups"]] == [new_group.pk]


def test_a_report_arriving_as_its_comment_is_removed_is_refused(api, released, editor):
    group, response = second_report_racing_resolution(api, released, editor, "remove")
    assert response.status_code == 409
    assert Notice.objects.get(pk=group).report_count == 1
    assert Report.objects.count() == 1 and Notice.objects.count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"action": "remove"},  # a removal needs a reason
        {"action": "delete", "reasons": ["insult"]},
        {"action": "remove", "reasons": ["insult"], "legal_ground": "StGB §999"},
    ],
)
def test_invalid_report_decisions_are_422_and_change_nothing(api, released, editor, payload):
    comment = released()
    group = api.post(reports_path(comment["id"]), report_payload()).json()["group_id"]
    response = api.post(group_decision_path(group), payload, **editor.auth)
    assert response.status_code == 422, response.content
    assert Comment.objects.get(pk=comment["id"]).status == "released"
    assert Notice.objects.get().state == "open"


def test_deciding_an_unknown_report_group_is_404(api, editor):
    response = api.post(group_decision_path(4242), {"action": "keep"}, **editor.auth)
    assert response.status_code == 404


def test_reporters_with_an_email_hear_of_receipt_and_outcome(
    api, released, editor, mailoutbox, django_capture_on_commit_callbacks
):
    comment = released()
    with django_capture_on_commit_callbacks(execute=True):
        group = api.post(
            reports_path(comment["id"]), report_payload(reporter_email="melder@example.org", language="en")
        ).json()["group_id"]
        api.post(reports_path(comment["id"]), report_payload())  # anonymous: no mail
    assert [m.to for m in mailoutbox] == [["melder@example.org"]]
    assert "received your report" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        api.post(group_decision_path(group), {"action": "remove", "reasons": ["insult"]}, **editor.auth)
    assert len(mailoutbox) == 2
    assert mailoutbox[1].subject == "Outcome of your report"
    assert "removed the comment" in mailoutbox[1].body


def test_the_author_sees_the_statement_of_a_removal_after_a_report(api, released, editor):
    comment = released()
    group = api.post(
        reports_path(comment["id"]),
        report_payload(reason="illegal", legal_ground="StGB §186", explanation="Falsche Tatsachen."),
    ).json()
    api.post(
        group_decision_path(group["group_id"]),
        {"action": "remove", "reasons": ["insinuation"], "legal_ground": "StGB §186"},
        **editor.auth,
    )
    status = api.get(f"/api/v1/comments/{comment['id']}/status?token={comment['author_token']}")
    body = status.json()
    assert body["status"] == "removed"
    statement = body["statement_of_reasons"]
    assert statement["legal_ground"]["label"]["de"] == "Üble Nachrede"
    assert statement["source"] == "notice"
    assert statement["automated_detection"] in (True, False)
    assert statement["automated_decision"] is False
    assert body["appeal_path"] == f"/api/v1/comments/{comment['id']}/appeal"
