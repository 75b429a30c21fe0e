"""The yearly transparency report: HTML with drawn SVG charts, CSV and JSON."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.compliance.conftest import report_payload, reports_path
from tests.processes import Environment

YEAR = str(timezone.localdate().year)


def write(tmp_path):
    call_command("transparency_report", "--period", YEAR, "--out", str(tmp_path), stdout=io.StringIO())
    return (
        json.loads((tmp_path / "report.json").read_text()),
        (tmp_path / "report.html").read_text(),
        list(csv.DictReader(open(tmp_path / "report.csv", encoding="utf-8"))),
    )


@pytest.mark.django_db
def test_the_report_counts_notices_decisions_and_appeals(api, submit, released, editor, senior, tmp_path):
    rejected = submit(body="Günstige Kredite auf example.com")
    api.post(
        f"/api/v1/moderation/comments/{rejected['id']}/decision",
        {"action": "reject", "reasons": ["advertising"]},
        **editor.auth,
    )
    appeal = api.post(
        f"/api/v1/comments/{rejected['id']}/appeal?token={rejected['author_token']}",
        {"explanation": "Keine Werbung."},
    ).json()
    api.post(
        f"/api/v1/moderation/appeals/{appeal['id']}/decision",
        {"outcome": "upheld", "note": "Werbung."},
        **senior.auth,
    )
    reported = released()
    api.post(reports_path(reported["id"]), report_payload())
    group = api.post(
        reports_path(reported["id"]),
        report_payload(reason="illegal", legal_ground="StGB §130", explanation="Hetze."),
    ).json()["group_id"]
    api.post(
        f"/api/v1/moderation/reports/{group}/decision",
        {"action": "remove", "reasons": ["aggression"], "legal_ground": "StGB §130"},
        **editor.auth,
    )

    figures, html, rows = write(tmp_path)
    notices, decisions, appeals = figures["notices"], figures["decisions"], figures["appeals"]
    assert notices["reports_received"] == 2 and notices["report_groups_opened"] == 1
    assert notices["reports_by_category"] == {"insult": 1, "illegal: § 130 StGB (Volksverhetzung)": 1}
    assert notices["groups_resolved_by_outcome"] == {"removed": 1}
    assert notices["median_hours_notice_to_resolution"] >= 0
    assert decisions["restrictions"] == 2
    assert decisions["restrictions_by_reason"] == {"advertising": 1, "aggression": 1}
    assert sum(decisions["restrictions_by_detection"].values()) == 2
    assert sum(decisions["restrictions_by_assessor_suggestion"].values()) == 2
    assert decisions["restrictions_following_notices"] == 1
    assert decisions["median_hours_submission_to_decision"] >= 0
    assert appeals == {
        "filed": 1,
        "by_outcome": {"upheld": 1},
        "median_hours_to_decision": appeals["median_hours_to_decision"],
    }

    assert html.count("<svg") == 5 and "<rect" in html and "<script" not in html
    assert "§ 130 StGB" in html
    assert {"section": "appeals", "figure": "by_outcome", "key": "upheld", "value": "1"} in rows


@pytest.mark.django_db
def test_an_empty_year_still_gives_a_report(tmp_path):
    figures, html, _ = write(tmp_path)
    assert figures["decisions"]["restrictions"] == 0
    assert figures["decisions"]["median_hours_submission_to_decision"] is None
    assert "Keine Daten" in html


def test_the_command_writes_three_files_from_the_console(tmp_path):
    cli = Environment(tmp_path)
    try:
        cli.run("migrate", "--verbosity", "0")
        cli.run("load_demo")
        out = tmp_path / "bericht"
        result = cli.run("transparency-report", "--period", YEAR, "--out", str(out))
        assert sorted(p.name for p in out.iterdir()) == [
            "eu-template-automated-means.csv",
            "eu-template-complaints.csv",
            "eu-template-median-times.csv",
            "eu-template-notices.csv",
            "eu-template-own-initiative.csv",
            "report.csv",
            "report.html",
            "report.json",
        ]
        assert "report.html" in result.stdout
        assert json.loads((out / "report.json").read_text())["decisions"]["restrictions"] >= 1
        bad = cli.run("transparency-report", "--period", "letztes-jahr", check=False)
        assert bad.returncode != 0 and "YYYY" in bad.stderr
    finally:
        cli.close()


def template(tmp_path, stem):
    return list(csv.DictReader(open(tmp_path / f"eu-template-{stem}.csv", encoding="utf-8")))


@pytest.mark.django_db
def test_the_eu_template_sections(api, submit, released, editor, senior, tmp_path):
    from freigabe.moderation.bans import impose_ban

    rejected = submit()
    api.post(
        f"/api/v1/moderation/comments/{rejected['id']}/decision",
        {"action": "reject", "reasons": ["insinuation"]},
        **editor.auth,
    )
    appeal = api.post(
        f"/api/v1/comments/{rejected['id']}/appeal?token={rejected['author_token']}",
        {"explanation": "Keine Unterstellung."},
    )
    api.post(
        f"/api/v1/moderation/appeals/{appeal.json()['id']}/decision",
        {"outcome": "reversed", "note": "Belegt."},
        **senior.auth,
    )
    illegal = released()
    group = api.post(
        reports_path(illegal["id"]),
        report_payload(reason="illegal", legal_ground="StGB §241", explanation="Drohung."),
    ).json()["group_id"]
    api.post(
        f"/api/v1/moderation/reports/{group}/decision",
        {"action": "remove", "reasons": ["aggression"], "legal_ground": "StGB §241"},
        **editor.auth,
    )
    house_rule = released()
    group = api.post(reports_path(house_rule["id"]), report_payload()).json()["group_id"]
    api.post(f"/api/v1/moderation/reports/{group}/decision", {"action": "keep"}, **editor.auth)
    impose_ban("email", "wut@example.org", reason="Spam.", days=7, actor=senior.user)
    write(tmp_path)

    notices = template(tmp_path, "notices")
    assert [(row["category"], row["alleged_illegality"], row["removed"], row["kept"]) for row in notices] == [
        ("STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH", "no", "0", "1"),
        ("STATEMENT_CATEGORY_VIOLENCE", "yes", "1", "0"),
    ]
    own = template(tmp_path, "own-initiative")
    assert {(row["category"], row["restriction"], row["actions"]) for row in own} == {
        (
            "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS",
            "DECISION_VISIBILITY_CONTENT_DISABLED",
            "1",
        ),
        ("STATEMENT_CATEGORY_OTHER_VIOLATION_TC", "DECISION_PROVISION_TOTAL_SUSPENSION", "1"),
    }
    means = template(tmp_path, "automated-means")
    from freigabe.assessment.model_store import MODELS_DIR

    metrics = json.loads((MODELS_DIR / "metrics.json").read_text())
    insult = next(row for row in means if row["rule"] == "insult" and row["evaluation"] == "cross-validation")
    assert float(insult["precision"]) == round(metrics["rules"]["insult"]["precision"], 4)
    matrix = metrics["rules"]["insult"]["confusion_matrix"]
    assert int(insult["false_positives"]) == matrix["fp"]
    assert float(insult["error_rate"]) == round(
        (matrix["fp"] + matrix["fn"]) / metrics["rules"]["insult"]["n"], 4
    )
    assert {row["rule"] for row in means if row["evaluation"] == "house-rules test set"} >= {
        "insinuation",
        "advertising",
    }
    complaints = template(tmp_path, "complaints")
    assert [(row["basis"], row["outcome"], row["complaints"]) for row in complaints] == [
        ("restriction of content (rejection or removal)", "reversed", "1")
    ]
    times = {row["measure"]: row for row in template(tmp_path, "median-times")}
    assert times["notice to action (Art. 16)"]["n"] == "2"
    assert times["complaint to decision (Art. 20)"]["n"] == "1"
