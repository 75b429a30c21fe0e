"""`freigabe import-comments`: history from Disqus, WordPress, Isso, Remark42 and CSV."""

import pytest
from django.db import connection

from freigabe.comments.models import Comment
from freigabe.integrations.models import ImportedComment
from freigabe.moderation.models import Decision
from tests.integrations.conftest import FIXTURES, run_command, run_json

pytestmark = pytest.mark.django_db


def import_json(path, fmt, *extra):
    return run_json("import_comments", str(path), "--site", "zeitung", "--format", fmt, "--json", *extra)


def by_external_id(source):
    return {
        row.external_id: row.comment
        for row in ImportedComment.objects.filter(source=source).select_related("comment")
    }


def test_disqus_export_is_imported_with_threads_statuses_and_matched_articles(article):
    result = import_json(FIXTURES / "disqus.xml", "disqus")
    assert result["comments_imported"] == 5
    assert result["by_status"] == {"released": 3, "rejected": 2}
    # http://zeitung.example/radwege/?utm_source=... is the existing article.
    assert result["articles_matched"] == 1 and result["articles_created"] == 1
    problems = {problem["item"]: problem["why"] for problem in result["problems"]}
    assert "unknown thread 9999" in problems["post 7007"]
    assert "no dsq:id" in problems["post 1234"]
    assert result["comments_skipped"] == 2
    comments = by_external_id("disqus")
    assert comments["7002"].article_id == article.pk
    assert comments["7002"].body == "Endlich! Die Parkplätze braucht dort keiner.\n\nGut so & weiter so."
    # The reply came before its parent in the file and is linked all the same.
    assert comments["7003"].parent_id == comments["7002"].pk
    assert comments["7004"].status == "rejected" and comments["7005"].status == "rejected"
    assert comments["7002"].created_at.isoformat() == "2023-03-01T09:00:00+00:00"


def test_imported_decisions_are_marked_and_dated_and_have_no_statement(article, mailoutbox):
    import_json(FIXTURES / "disqus.xml", "disqus")
    decisions = Decision.objects.filter(comment__import_origin__source="disqus")
    assert decisions.count() == 5
    assert all(d.imported and d.actor_id is None and not d.automated for d in decisions)
    assert all(d.statement_of_reasons is None for d in decisions)
    spam = decisions.get(comment__import_origin__external_id="7004")
    assert spam.action == "reject" and spam.reasons == ["advertising"]
    assert spam.created_at.isoformat() == "2023-03-02T11:00:00+00:00"
    assert mailoutbox == []


def test_running_the_same_import_twice_imports_nothing_new(article):
    first = import_json(FIXTURES / "disqus.xml", "disqus")
    count = Comment.objects.count()
    second = import_json(FIXTURES / "disqus.xml", "disqus")
    assert second["comments_imported"] == 0
    assert second["comments_skipped"] == first["comments_imported"] + first["comments_skipped"]
    assert second["articles_created"] == 0
    assert Comment.objects.count() == count


def test_dry_run_counts_the_same_and_writes_nothing(article):
    tables = ("comments_comment", "moderation_decision", "articles_article", "integrations_importedcomment")

    def counts():
        with connection.cursor() as cursor:
            return {table: cursor.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in tables}

    before = counts()
    dry = import_json(FIXTURES / "wordpress.xml", "wordpress", "--dry-run")
    assert counts() == before
    real = import_json(FIXTURES / "wordpress.xml", "wordpress")
    assert dry == real
    assert counts() != before


def test_wordpress_wxr_maps_approval_and_skips_pingbacks(article):
    result = import_json(FIXTURES / "wordpress.xml", "wordpress")
    assert result["by_status"] == {"pending": 1, "rejected": 2, "released": 3}
    problems = {problem["item"]: problem["why"] for problem in result["problems"]}
    assert "pingback" in problems["comment 45"]
    assert "maybe" in problems["comment 54"]
    comments = by_external_id("wordpress")
    assert comments["52"].parent_id == comments["51"].pk
    assert comments["51"].article_id == article.pk  # https://www.zeitung.example/radwege
    assert comments["51"].body == "Radwege sind gut für alle."
    pending = comments["43"]
    assert pending.status == "pending" and pending.decisions.count() == 0
    # Pending history joins the queue with an assessment like any new comment.
    assert pending.assessment and pending.suggestion in ("release", "review", "reject")
    assert comments["41"].created_at.isoformat() == "2022-05-02T07:10:00+00:00"


def test_isso_database_modes_become_statuses(article, isso_db):
    # Isso keeps paths; the site's allowed origin (https://www.zeitung.example) completes them.
    result = import_json(isso_db, "isso")
    assert result["by_status"] == {"pending": 1, "rejected": 1, "released": 2}
    assert result["articles_matched"] == 1 and result["articles_created"] == 1
    assert any("mode 7" in problem["why"] for problem in result["problems"])
    comments = by_external_id("isso")
    assert comments["1"].article_id == article.pk
    assert comments["3"].parent_id == comments["2"].pk
    assert comments["2"].status == "rejected"


def test_remark42_backup_keeps_threads_and_reports_broken_lines(article):
    result = import_json(FIXTURES / "remark42.jsonl", "remark42")
    assert result["by_status"] == {"rejected": 1, "released": 3}
    problems = {problem["item"]: problem["why"] for problem in result["problems"]}
    assert "not JSON" in problems["line 6"]
    assert "locator.url" in problems["comment c1a7"]
    comments = by_external_id("remark42")
    assert comments["c1a4"].parent_id == comments["c1a3"].pk
    assert comments["c1a3"].parent_id == comments["c1a2"].pk
    assert comments["c1a2"].body == "Die Radwege sind **überfällig**."
    assert comments["c1a2"].article_id == article.pk


def test_csv_with_named_columns(article):
    result = import_json(FIXTURES / "comments.csv", "csv")
    assert result["by_status"] == {"pending": 1, "rejected": 1, "released": 2}
    assert result["articles_created"] == 1
    assert "vielleicht" in result["problems"][0]["why"]
    comments = by_external_id("csv")
    assert comments["a2"].parent_id == comments["a1"].pk
    assert comments["a3"].author_email == ""  # "kein-email" is no address


def test_unknown_site_and_wrong_format_fail_clearly(article, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="unknown site"):
        run_command("import_comments", str(FIXTURES / "disqus.xml"), "--site", "nope", "--format", "disqus")
    with pytest.raises(CommandError, match="not a remark42 export"):
        run_command(
            "import_comments", str(FIXTURES / "comments.csv"), "--site", "zeitung", "--format", "remark42"
        )


def test_xml_entities_are_not_expanded(article, tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE disqus [<!ENTITY a "AAAAAAAAAA">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        '<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">'
        '<thread dsq:id="1"><link>https://www.zeitung.example/radwege</link><title>t</title></thread>'
        '<post dsq:id="2"><message>x&c;&secret;y</message><createdAt>2023-01-01T00:00:00Z</createdAt>'
        "<isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>n</name></author>"
        '<thread dsq:id="1"/></post></disqus>',
        encoding="utf-8",
    )
    import_json(bomb, "disqus")
    body = by_external_id("disqus")["2"].body
    assert "AAAA" not in body and "root:" not in body


def test_progress_goes_to_stderr(article):
    out, err = run_command(
        "import_comments", str(FIXTURES / "disqus.xml"), "--site", "zeitung", "--format", "disqus", "--json"
    )
    assert "import-comments: done: 7 read, 5 imported" in err


def test_a_large_import_can_run_as_a_worker_job(article):
    from django_tasks_db.models import DBTaskResult

    from freigabe.jobs import run_pending

    queued = import_json(FIXTURES / "remark42.jsonl", "remark42", "--in-worker")
    assert queued["queued"] is True
    assert not ImportedComment.objects.exists()  # nothing happens until the worker runs it
    assert run_pending() == 1
    assert ImportedComment.objects.filter(source="remark42").count() == 4
    result = DBTaskResult.objects.get(id=queued["job"])
    assert result.return_value["comments_imported"] == 4
