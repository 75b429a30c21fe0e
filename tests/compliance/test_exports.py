"""The DSA Transparency Database export: every line valid against the documented fields."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from freigabe.compliance.dsa import FIELDS, problems
from tests.compliance.conftest import report_payload, reports_path
from tests.processes import Environment

MAPPING_DOC = Path(__file__).parents[2] / "docs" / "dsa-transparency-mapping.md"
TODAY = timezone.localdate().isoformat()


def export(*args, since=TODAY):
    out, err = io.StringIO(), io.StringIO()
    call_command("export_statements", "--since", since, *args, stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_every_field_in_the_code_is_documented():
    documented = MAPPING_DOC.read_text()
    assert [name for name in FIELDS if f"`{name}`" not in documented] == []


def test_the_validator_catches_bad_records():
    assert "decision_ground is missing" in problems({})
    assert any("not an allowed value" in p for p in problems({"category": "SPAM"}))
    assert "unknown field author_email" in problems({"author_email": "x@example.org"})


@pytest.mark.django_db
def test_rejections_and_removals_are_exported_with_valid_fields(
        api, submit, released, editor, capsys):
    rejected = submit()
    api.post(f"/api/v1/moderation/comments/{rejected['id']}/decision",
             {"action": "reject", "reasons": ["advertising"]}, **editor.auth)
    reported = released()
    group = api.post(reports_path(reported["id"]), report_payload(
        reason="illegal", legal_ground="StGB §241", explanation="Drohung.")).json()["group_id"]
    api.post(f"/api/v1/moderation/reports/{group}/decision",
             {"action": "remove", "reasons": ["aggression"], "legal_ground": "StGB §241"},
             **editor.auth)
    released()  # releases are not statements of reasons

    lines = export("--until", TODAY)
    assert len(lines) == 2
    for line in lines:
        assert problems(line) == [], line
    voluntary, notice = lines
    assert voluntary["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_DISABLED"]
    assert voluntary["decision_ground"] == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    assert voluntary["category"] == "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE"
    assert voluntary["source_type"] == "SOURCE_VOLUNTARY"
    assert notice["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_REMOVED"]
    assert notice["decision_ground"] == "DECISION_GROUND_ILLEGAL_CONTENT"
    assert notice["illegal_content_legal_ground"] == "StGB §241 (Bedrohung)"
    assert notice["category"] == "STATEMENT_CATEGORY_VIOLENCE"
    assert notice["source_type"] == "SOURCE_ARTICLE_16"
    assert notice["automated_decision"] == "AUTOMATED_DECISION_NOT_AUTOMATED"
    assert len({line["puid"] for line in lines}) == 2
    assert "Leserin" not in json.dumps(lines)  # no personal data


@pytest.mark.django_db
def test_the_period_bounds_the_export(api, submit, editor):
    comment = submit()
    api.post(f"/api/v1/moderation/comments/{comment['id']}/decision",
             {"action": "reject", "reasons": ["insult"]}, **editor.auth)
    assert len(export("--until", TODAY)) == 1
    assert export("--until", "2000-12-31", since="2000-01-01") == []


def test_the_command_exports_the_demo_decisions_to_a_file(tmp_path):
    cli = Environment(tmp_path)
    try:
        cli.run("migrate", "--verbosity", "0")
        cli.run("load_demo")
        output = tmp_path / "statements.jsonl"
        result = cli.run("export-statements", "--since", "2000-01-01", "--output", str(output))
        lines = [json.loads(line) for line in output.read_text().splitlines()]
        assert lines, "the demo has rejected and removed comments"
        assert all(problems(line) == [] for line in lines), [problems(x) for x in lines]
        assert f"Exported {len(lines)} statements" in result.stderr
        bad = cli.run("export-statements", "--since", "gestern", check=False)
        assert bad.returncode != 0 and "YYYY-MM-DD" in bad.stderr
    finally:
        cli.close()


@pytest.mark.django_db
def test_a_rejection_the_editor_undid_is_neither_exported_nor_counted(submit, editor):
    from freigabe.compliance.transparency import transparency_figures
    from freigabe.moderation.decisions import decide, undo

    slip, meant = submit(), submit()
    decide(slip["id"], "reject", actor=editor.user, reasons=["insult"])
    undo(editor.user)
    kept = decide(meant["id"], "reject", actor=editor.user, reasons=["advertising"])

    lines = export("--until", TODAY)
    assert [line["puid"] for line in lines] == [f"zeitung-decision-{kept.pk}"]
    figures = transparency_figures(timezone.localdate().year)["decisions"]
    assert figures["restrictions"] == 1
    assert figures["restrictions_by_reason"] == {"advertising": 1}
