"""`freigabe export-comments`: every comment with its status and decisions, streamed."""

import csv
import io
import json

import pytest

from freigabe.articles.services import create_site
from freigabe.comments.models import Comment
from freigabe.moderation.decisions import decide
from tests.integrations.conftest import FIXTURES, run_command, run_json

pytestmark = pytest.mark.django_db


def export(fmt, site="zeitung", *extra):
    return run_command("export_comments", "--site", site, "--format", fmt, *extra)[0]


def test_jsonl_has_every_comment_with_status_and_decisions(submit, editor):
    released, rejected, pending = submit()["id"], submit()["id"], submit()["id"]
    decide(released, "release", actor=editor.user)
    decide(rejected, "reject", actor=editor.user, reasons=["insult"], note="Schimpfwort")
    records = {record["id"]: record for record in map(json.loads, export("jsonl").splitlines())}
    assert set(records) == {released, rejected, pending}
    assert records[pending]["status"] == "pending" and records[pending]["decisions"] == []
    decision = records[rejected]["decisions"][0]
    assert records[rejected]["status"] == "rejected"
    assert (
        decision["action"],
        decision["reasons"],
        decision["note"],
        decision["actor"],
        decision["imported"],
    ) == ("reject", ["insult"], "Schimpfwort", "erika", False)
    assert records[released]["article_url"] == "https://www.zeitung.example/radwege"


def test_output_file_and_many_comments_in_chunks(article, tmp_path):
    Comment.objects.bulk_create(
        [
            Comment(article=article, author_name="L", body=f"Text {n}", author_token_hash="")
            for n in range(4500)
        ]
    )
    path = tmp_path / "out.csv"
    _, err = run_command("export_comments", "--site", "zeitung", "--format", "csv", "--output", str(path))
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 4500 and "4500 comments" in err
    assert rows[-1]["body"] == "Text 4499"


def test_a_csv_export_imports_back_with_statuses_threads_and_articles(article, tmp_path):
    run_json(
        "import_comments", str(FIXTURES / "disqus.xml"), "--site", "zeitung", "--format", "disqus", "--json"
    )
    original = export("csv")
    (tmp_path / "export.csv").write_text(original, encoding="utf-8")
    create_site("neu", name="Neue Zeitung")
    result = run_json(
        "import_comments", str(tmp_path / "export.csv"), "--site", "neu", "--format", "csv", "--json"
    )
    assert result["problems"] == []
    assert result["comments_imported"] == 5 and result["by_status"] == {"released": 3, "rejected": 2}
    assert result["articles_created"] == 2

    def shape(site):
        rows = list(csv.DictReader(io.StringIO(export("csv", site))))
        by_id = {row["id"]: row for row in rows}
        return sorted(
            (
                row["article_id"],
                row["body"],
                row["status"],
                row["created_at"],
                by_id[row["parent_id"]]["body"] if row["parent_id"] else "",
            )
            for row in rows
        )

    assert shape("neu") == shape("zeitung")
    again = run_json(
        "import_comments", str(tmp_path / "export.csv"), "--site", "neu", "--format", "csv", "--json"
    )
    assert again["comments_imported"] == 0


@pytest.mark.django_db(transaction=False)
def test_the_freigabe_command_imports_and_exports_in_its_own_process(tmp_path):
    """The console script end to end, with its own database, as an operator runs it."""
    from tests.processes import Environment

    environment = Environment(tmp_path)
    try:
        environment.run("migrate", "--verbosity", "0")
        environment.run("create-site", "zeitung", "--json")
        imported = environment.run(
            "import-comments",
            str(FIXTURES / "wordpress.xml"),
            "--site",
            "zeitung",
            "--format",
            "wordpress",
            "--json",
        )
        result = json.loads(imported.stdout)
        assert result["comments_imported"] == 6 and result["articles_created"] == 2
        assert "import-comments: done:" in imported.stderr
        exported = environment.run("export-comments", "--site", "zeitung", "--format", "jsonl")
        records = [json.loads(line) for line in exported.stdout.splitlines()]
        assert len(records) == 6
        assert all(d["imported"] for record in records for d in record["decisions"])
    finally:
        environment.close()
