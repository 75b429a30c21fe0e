"""The operations page: queue length, time to decision, decisions per editor, overrides."""

from datetime import timedelta

import pytest
from django.utils import timezone

from freigabe.comments.models import Comment
from freigabe.moderation import metrics
from freigabe.moderation.decisions import decide
from freigabe.moderation.models import Decision

pytestmark = pytest.mark.django_db


def test_percentile():
    assert metrics.percentile([], 0.5) is None
    assert metrics.percentile([10, 20, 30, 40], 0.5) == 25
    assert metrics.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == pytest.approx(9.1)


def test_it_measures_time_to_decision_per_period(editor, submit):
    now = timezone.now()
    for minutes_waited, decided_ago in (
        (2, timedelta(minutes=5)),
        (10, timedelta(hours=3)),
        (30, timedelta(days=3)),
    ):
        accepted = submit()
        decision = decide(accepted["id"], "release", actor=editor.user)
        decided_at = now - decided_ago
        Decision.objects.filter(pk=decision.pk).update(created_at=decided_at)
        Comment.objects.filter(pk=accepted["id"]).update(
            created_at=decided_at - timedelta(minutes=minutes_waited)
        )
    waits = metrics.time_to_decision(now)
    assert waits["hour"] == {"n": 1, "median": 120, "p90": 120}
    assert waits["day"]["n"] == 2 and waits["day"]["median"] == 360
    assert waits["week"]["n"] == 3 and waits["week"]["median"] == 600


def test_it_counts_overridden_suggestions_per_rule(editor, submit):
    for suggestion, action in (("reject", "release"), ("reject", "reject"), ("release", "release")):
        accepted = submit()
        Comment.objects.filter(pk=accepted["id"]).update(
            suggestion=suggestion,
            assessment={
                "decision": suggestion,
                "rules": {"insult": {"score": 0.8}, "advertising": {"score": 0.1}},
            },
        )
        decide(accepted["id"], action, actor=editor.user, reasons=["insult"] if action == "reject" else [])
    tally = metrics.overrides_per_rule()
    assert tally["insult"]["n"] == 3 and tally["insult"]["overridden"] == 1
    assert tally["insult"]["share"] == pytest.approx(1 / 3)
    assert tally["advertising"]["n"] == 0


def test_the_page_draws_its_charts_as_svg(make_client, senior, editor, submit):
    decide(submit()["id"], "release", actor=editor.user)
    submit()
    html = make_client(senior).get("/moderation/operations/").content.decode()
    assert 'id="queue-length">1<' in html
    assert html.count("<svg") >= 3
    assert "<figcaption>erika</figcaption>" in html
    assert "<script" not in html.split("</head>")[1]


def test_waiting_times_read_as_people_say_them():
    from freigabe.moderation.charts import duration

    assert [duration(s) for s in (None, 45, 720, 12600)] == ["–", "45 s", "12 min", "3.5 h"]
