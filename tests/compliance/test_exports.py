"""The DSA Transparency Database export: every statement Freigabe can produce is valid by
the database's own rules (freigabe.compliance.dsa_schema), and means what it says."""

import io
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from freigabe.articles.rules import REASON_CODES
from freigabe.compliance.dsa_schema import RULES, validate
from freigabe.compliance.legal import LEGAL_GROUNDS
from freigabe.moderation.bans import impose_ban
from freigabe.moderation.decisions import decide
from freigabe.moderation.models import Decision
from tests.compliance.conftest import report_payload, reports_path
from tests.processes import Environment

MAPPING_DOC = Path(__file__).parents[2] / "docs" / "dsa-transparency-mapping.md"
BERLIN = ZoneInfo("Europe/Berlin")


def today():
    """Today in the site's time zone, asked when a test runs: a module-level value taken at
    collection goes stale when the run crosses midnight."""
    return timezone.localdate().isoformat()


@pytest.fixture(autouse=True)
def _many_reports(settings):
    settings.FREIGABE_RATE_REPORTS = "1000/60"


def export(*args, since=None, until=None):
    since, until = since or today(), until or today()
    out, err = io.StringIO(), io.StringIO()
    call_command("export_statements", "--since", since, "--until", until, *args, stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def report_and_remove(
    api, editor, comment_id, *, reason="insult", legal_ground="", provision="", reasons=("insult",), note=""
):
    payload = report_payload(reason=reason, legal_ground=legal_ground, explanation="Bitte prüfen.")
    group = api.post(reports_path(comment_id), payload).json()["group_id"]
    answer = api.post(
        f"/api/v1/moderation/reports/{group}/decision",
        {
            "action": "remove",
            "reasons": list(reasons),
            "note": note,
            "legal_ground": legal_ground,
            "legal_provision": provision,
        },
        **editor.auth,
    )
    assert answer.status_code == 200, answer.content
    return answer.json()["decision_id"]


def by_puid(lines):
    return {line["puid"]: line for line in lines}


def test_every_field_we_send_is_documented():
    documented = MAPPING_DOC.read_text()
    sent = {
        "decision_visibility",
        "decision_provision",
        "decision_account",
        "account_type",
        "decision_ground",
        "illegal_content_legal_ground",
        "illegal_content_explanation",
        "incompatible_content_ground",
        "incompatible_content_explanation",
        "category",
        "category_addition",
        "category_specification",
        "content_type",
        "content_language",
        "content_date",
        "application_date",
        "end_date_service_restriction",
        "end_date_account_restriction",
        "territorial_scope",
        "decision_facts",
        "source_type",
        "automated_detection",
        "automated_decision",
        "puid",
    }
    assert sent <= set(RULES)
    assert [name for name in sorted(sent) if f"`{name}`" not in documented] == []


@pytest.mark.django_db
def test_every_statement_freigabe_can_produce_is_valid(api, submit, released, editor, senior):
    """All house rules, all legal grounds, notices and own-initiative removals,
    reinstatements and bans, each exported and checked by the database's rules."""
    for code in REASON_CODES:
        comment = submit()
        api.post(
            f"/api/v1/moderation/comments/{comment['id']}/decision",
            {"action": "reject", "reasons": [code], "note": "Siehe Regel."},
            **editor.auth,
        )
    everything = submit()
    decide(everything["id"], "reject", actor=editor.user, reasons=list(REASON_CODES))
    for ground in LEGAL_GROUNDS:
        report_and_remove(
            api,
            editor,
            released()["id"],
            reason="illegal",
            legal_ground=ground,
            provision="§ 201a StGB" if ground == "other" else "",
            reasons=("aggression",),
        )
    for code in REASON_CODES:  # notices that only allege a house-rule breach
        report_and_remove(api, editor, released()["id"], reason=code, reasons=(code,))
    own_initiative = released()
    decide(own_initiative["id"], "remove", actor=editor.user, reasons=["advertising"])
    automated = submit()
    decide(automated["id"], "reject", automated=True, reasons=["advertising"])
    appealed = submit()
    decide(appealed["id"], "reject", actor=editor.user, reasons=["insult"])
    appeal = api.post(
        f"/api/v1/comments/{appealed['id']}/appeal?token={appealed['author_token']}",
        {"explanation": "Bitte prüfen."},
    ).json()
    reversed_ = api.post(
        f"/api/v1/moderation/appeals/{appeal['id']}/decision",
        {"outcome": "reversed", "note": "Doch zulässig."},
        **senior.auth,
    )
    assert reversed_.json()["comment_status"] == "released"  # reinstated
    impose_ban("email", "wut@example.org", reason="Wiederholt beleidigend.", days=7, actor=senior.user)
    impose_ban("account", "reader-17", reason="Droht anderen.", actor=senior.user)
    impose_ban("ip", "a" * 64, reason="Spam-Welle.", days=1, actor=senior.user)

    lines = export()
    expected = len(REASON_CODES) + 1 + len(LEGAL_GROUNDS) + len(REASON_CODES) + 1 + 1 + 1 + 3
    assert len(lines) == expected
    assert {line["puid"]: validate(line) for line in lines if validate(line)} == {}
    assert len({line["puid"] for line in lines}) == expected
    # The reinstatement adds no statement: the restriction it ended stays reported.
    assert Decision.objects.filter(action="reinstate").count() == 1
    bans = [line for line in lines if "-ban-" in line["puid"]]
    assert sorted(line["decision_provision"] for line in bans) == [
        "DECISION_PROVISION_TOTAL_SUSPENSION",
        "DECISION_PROVISION_TOTAL_SUSPENSION",
        "DECISION_PROVISION_TOTAL_TERMINATION",
    ]
    account = next(line for line in bans if "decision_account" in line)
    assert account["decision_account"] == "DECISION_ACCOUNT_TERMINATED"
    suspension = next(
        line
        for line in bans
        if "end_date_service_restriction" in line
        and line["end_date_service_restriction"] > line["application_date"]
    )
    assert suspension["end_date_service_restriction"] > suspension["application_date"]


@pytest.mark.django_db
def test_categories_grounds_and_sources_follow_the_mapping(api, submit, released, editor):
    rejected = submit()
    api.post(
        f"/api/v1/moderation/comments/{rejected['id']}/decision",
        {"action": "reject", "reasons": ["off_topic"]},
        **editor.auth,
    )
    threat = report_and_remove(
        api, editor, released()["id"], reason="illegal", legal_ground="StGB §241", reasons=("aggression",)
    )
    house_rule_notice = report_and_remove(api, editor, released()["id"], reason="insult")
    other_law = report_and_remove(
        api,
        editor,
        released()["id"],
        reason="illegal",
        legal_ground="other",
        provision="§ 201a StGB",
        reasons=("other",),
    )
    advertising = submit()
    decide(advertising["id"], "reject", actor=editor.user, reasons=["advertising", "insult"])
    insinuation = submit()
    decide(insinuation["id"], "reject", actor=editor.user, reasons=["insinuation"])

    lines = by_puid(export())
    voluntary = next(
        line
        for line in lines.values()
        if line["source_type"] == "SOURCE_VOLUNTARY"
        and line.get("incompatible_content_ground", "").endswith("zum Artikel")
    )
    assert voluntary["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_DISABLED"]
    assert voluntary["decision_ground"] == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    assert voluntary["category"] == "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"
    assert "ohne konkreten Bezug" in voluntary["incompatible_content_explanation"]
    notice = lines[f"zeitung-decision-{threat}"]
    assert notice["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_REMOVED"]
    assert notice["decision_ground"] == "DECISION_GROUND_ILLEGAL_CONTENT"
    assert notice["illegal_content_legal_ground"] == "§ 241 StGB (Bedrohung)"
    assert notice["category"] == "STATEMENT_CATEGORY_VIOLENCE"
    assert notice["category_addition"] == ["STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"]
    assert notice["source_type"] == "SOURCE_ARTICLE_16"
    assert "incompatible_content_ground" not in notice
    alleged_house_rule = lines[f"zeitung-decision-{house_rule_notice}"]
    assert alleged_house_rule["source_type"] == "SOURCE_TYPE_OTHER_NOTIFICATION"
    assert alleged_house_rule["category"] == "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"
    assert lines[f"zeitung-decision-{other_law}"]["illegal_content_legal_ground"] == "§ 201a StGB"
    mixed = next(
        line
        for line in lines.values()
        if line.get("category_specification") == ["KEYWORD_HIDDEN_ADVERTISEMENT"]
    )
    assert mixed["category"] == "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"
    assert mixed["category_addition"] == ["STATEMENT_CATEGORY_CONSUMER_INFORMATION"]
    civic = next(
        line
        for line in lines.values()
        if line.get("incompatible_content_ground", "").endswith("Unterstellungen")
    )
    assert civic["category"] == "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS"


@pytest.mark.django_db
def test_other_legal_ground_needs_the_provision(api, released, editor):
    comment = released()
    group = api.post(
        reports_path(comment["id"]),
        report_payload(reason="illegal", legal_ground="other", explanation="Verboten."),
    ).json()["group_id"]
    answer = api.post(
        f"/api/v1/moderation/reports/{group}/decision",
        {"action": "remove", "reasons": ["other"], "legal_ground": "other"},
        **editor.auth,
    )
    assert answer.status_code == 422
    assert "legal_provision" in answer.json()["detail"]


def _assess(comment_id, suggestion, scores):
    from freigabe.comments.models import Comment

    Comment.objects.filter(pk=comment_id).update(
        suggestion=suggestion,
        assessment={
            "decision": suggestion,
            "rules": {code: {"score": score, "evidence": []} for code, score in scores.items()},
        },
    )


@pytest.mark.django_db
def test_automated_detection_and_decision_take_each_value(api, submit, released, editor):
    flagged, unflagged, plain, automated = submit(), submit(), submit(), submit()
    _assess(flagged["id"], "reject", {"insult": 0.93})
    _assess(unflagged["id"], "release", {"insult": 0.12})
    _assess(automated["id"], "reject", {"advertising": 0.99})
    from freigabe.comments.models import Comment

    Comment.objects.filter(pk=plain["id"]).update(assessment=None, suggestion="review")
    shown = decide(flagged["id"], "reject", actor=editor.user, reasons=["insult"])
    overruled = decide(unflagged["id"], "reject", actor=editor.user, reasons=["insult"])
    alone = decide(plain["id"], "reject", actor=editor.user, reasons=["insult"])
    machine = decide(automated["id"], "reject", automated=True, reasons=["advertising"])
    reported = released()
    _assess(reported["id"], "release", {"insult": 0.7})
    on_notice = report_and_remove(api, editor, reported["id"])

    lines = by_puid(export())
    fields = {
        pk: (
            lines[f"zeitung-decision-{pk}"]["automated_detection"],
            lines[f"zeitung-decision-{pk}"]["automated_decision"],
        )
        for pk in (shown.pk, overruled.pk, alone.pk, machine.pk, on_notice)
    }
    assert fields == {
        shown.pk: ("Yes", "AUTOMATED_DECISION_PARTIALLY"),
        overruled.pk: ("No", "AUTOMATED_DECISION_NOT_AUTOMATED"),
        alone.pk: ("No", "AUTOMATED_DECISION_NOT_AUTOMATED"),
        machine.pk: ("Yes", "AUTOMATED_DECISION_FULLY"),
        # The assessor flagged it on arrival, before the notice; the editor judged the
        # report in a view without the assessor's suggestion.
        on_notice: ("Yes", "AUTOMATED_DECISION_NOT_AUTOMATED"),
    }


@pytest.mark.django_db
def test_a_decision_at_half_past_midnight_belongs_to_that_berlin_day(submit, editor):
    comment = submit()
    decision = decide(comment["id"], "reject", actor=editor.user, reasons=["insult"])
    half_past = datetime(2026, 3, 10, 0, 30, tzinfo=BERLIN)  # 23:30 UTC on 9 March
    Decision.objects.filter(pk=decision.pk).update(created_at=half_past)
    from freigabe.comments.models import Comment

    Comment.objects.filter(pk=comment["id"]).update(created_at=datetime(2026, 3, 10, 0, 5, tzinfo=BERLIN))

    assert export(since="2026-03-09", until="2026-03-09") == []
    [line] = export(since="2026-03-10", until="2026-03-10")
    assert line["application_date"] == "2026-03-10"
    assert line["content_date"] == "2026-03-10"


@pytest.mark.django_db
def test_no_personal_data_leaves_in_the_free_text(api, submit, editor):
    editor.user.first_name, editor.user.last_name = "Erika", "Musterfrau"
    editor.user.save()
    comment = submit(author_name="Max Wütend", author_email="max.wuetend@example.org")
    note = (
        "Max Wütend (max.wuetend@example.org, Tel. +49 171 2345678 oder 030/1234567) "
        "wirbt für https://www.facebook.com/max.wuetend.42 und instagram.com/maxw; "
        "Rücksprache mit Erika Musterfrau und @erika_m, siehe auch Kollegin erika."
    )
    api.post(
        f"/api/v1/moderation/comments/{comment['id']}/decision",
        {"action": "reject", "reasons": ["advertising"], "note": note},
        **editor.auth,
    )

    [line] = export()
    sent = json.dumps(line, ensure_ascii=False)
    for personal in (
        "Max",
        "Wütend",
        "max.wuetend",
        "example.org",
        "2345678",
        "1234567",
        "facebook",
        "instagram",
        "Erika",
        "erika",
        "Musterfrau",
    ):
        assert personal not in sent, personal
    assert "[E-Mail]" in line["decision_facts"] and "[Link]" in line["decision_facts"]
    assert "[Telefonnummer]" in line["decision_facts"] and "[Name]" in line["decision_facts"]
    assert validate(line) == {}


@pytest.mark.django_db
def test_an_unknown_category_in_an_old_record_is_reported_not_exported(submit, editor, publisher):
    site = publisher.site
    site.house_rules = {
        **site.house_rules,
        "other": {**site.house_rules["other"], "dsa_category": "STATEMENT_CATEGORY_PORNOGRAPHY"},
    }
    site.save()
    bad, good = submit(), submit()
    decide(bad["id"], "reject", actor=editor.user, reasons=["other"])
    decide(good["id"], "reject", actor=editor.user, reasons=["insult"])
    out, err = io.StringIO(), io.StringIO()
    call_command("export_statements", "--since", today(), stdout=out, stderr=err)
    assert len(out.getvalue().splitlines()) == 1
    assert "STATEMENT_CATEGORY_PORNOGRAPHY" in err.getvalue()


@pytest.mark.django_db
def test_a_removed_category_in_an_old_record_is_translated(submit, editor, publisher):
    site = publisher.site
    site.house_rules = {
        **site.house_rules,
        "off_topic": {
            **site.house_rules["off_topic"],
            "dsa_category": "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE",
        },
    }
    site.save()
    decide(submit()["id"], "reject", actor=editor.user, reasons=["off_topic"])
    [line] = export()
    assert line["category"] == "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"


@pytest.mark.django_db
def test_the_period_bounds_the_export(api, submit, editor):
    comment = submit()
    api.post(
        f"/api/v1/moderation/comments/{comment['id']}/decision",
        {"action": "reject", "reasons": ["insult"]},
        **editor.auth,
    )
    assert len(export()) == 1
    assert export(since="2000-01-01", until="2000-12-31") == []


def test_the_command_exports_the_demo_decisions_to_a_file(tmp_path):
    cli = Environment(tmp_path)
    try:
        cli.run("migrate", "--verbosity", "0")
        cli.run("load_demo")
        output = tmp_path / "statements.jsonl"
        result = cli.run("export-statements", "--since", "2000-01-01", "--output", str(output))
        lines = [json.loads(line) for line in output.read_text().splitlines()]
        assert lines, "the demo has rejected and removed comments"
        assert all(validate(line) == {} for line in lines), [validate(x) for x in lines]
        assert f"Exported {len(lines)} statements" in result.stderr
        bad = cli.run("export-statements", "--since", "gestern", check=False)
        assert bad.returncode != 0 and "YYYY-MM-DD" in bad.stderr
    finally:
        cli.close()


@pytest.mark.django_db
def test_a_rejection_the_editor_undid_is_neither_exported_nor_counted(submit, editor):
    from freigabe.compliance.transparency import transparency_figures
    from freigabe.moderation.decisions import undo

    slip, meant = submit(), submit()
    decide(slip["id"], "reject", actor=editor.user, reasons=["insult"])
    undo(editor.user)
    kept = decide(meant["id"], "reject", actor=editor.user, reasons=["advertising"])

    lines = export()
    assert [line["puid"] for line in lines] == [f"zeitung-decision-{kept.pk}"]
    figures = transparency_figures(timezone.localdate().year)["decisions"]
    assert figures["restrictions"] == 1
    assert figures["restrictions_by_reason"] == {"advertising": 1}
