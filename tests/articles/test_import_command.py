"""`freigabe import-article`: through call_command, and once as a real subprocess."""

import json
from datetime import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from freigabe.articles.models import Article
from tests.processes import Environment

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
HTML_PAGE = FIXTURES / "html" / "jsonld-newsarticle.html"
TEXT_PAGE = FIXTURES / "text" / "rundschau-numeric-date.txt"


def import_article(*args):
    out, err = StringIO(), StringIO()
    call_command("import_article", *args, stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


def test_it_imports_an_html_file_and_prints_the_record(publisher):
    result, progress = import_article(str(HTML_PAGE), "--site", "zeitung", "--json")
    assert result["article_id"] == "region-hochwasserschutz-deiche-40-millionen-100"
    assert result["created"] is True
    assert result["title"] == "Hochwasserschutz: Land gibt 40 Millionen für neue Deiche frei"
    assert result["agencies"] == ["dpa"]
    assert "Reading" in progress and "Created" in progress
    article = Article.objects.get(site=publisher.site, external_id=result["article_id"])
    assert article.body == result["body"]
    assert article.published_at == datetime.fromisoformat("2023-06-14T08:30:00+02:00")
    assert article.metadata["authors"] == ["Clara Weidmann", "Tobias Rehm"]
    assert article.metadata["image_credit"] == "Frank Lohr/dpa"


def test_a_text_dump_gets_an_id_from_date_and_title_and_a_second_import_updates(publisher):
    first, _ = import_article(str(TEXT_PAGE), "--site", "zeitung", "--json")
    assert first["article_id"] == ("2021-11-04-stadtrat-beschliesst-kostenlose-busse-an-adventssamstagen")
    again, progress = import_article(str(TEXT_PAGE), "--site", "zeitung", "--json")
    assert again["created"] is False and "Updated" in progress
    assert Article.objects.count() == 1
    published = timezone.localtime(Article.objects.get().published_at)  # site time zone
    assert (published.year, published.month, published.day, published.hour) == (2021, 11, 4, 13)


def test_an_explicit_id_is_used(publisher):
    result, _ = import_article(str(TEXT_PAGE), "--site", "zeitung", "--id", "cms-4711", "--json")
    assert result["article_id"] == "cms-4711"
    assert Article.objects.filter(external_id="cms-4711").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"Startseite\nPolitik\nSport\nImpressum\n", "No article found"),
    ],
)
def test_bad_input_fails_clearly_and_changes_nothing(publisher, tmp_path, content, message):
    page = tmp_path / "seite.html"
    page.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        import_article(str(page), "--site", "zeitung", "--json")
    assert Article.objects.count() == 0


def test_an_unknown_site_fails(publisher):
    with pytest.raises(CommandError, match="Unknown site 'nirgends'"):
        import_article(str(HTML_PAGE), "--site", "nirgends", "--json")


def test_the_console_script_reports_errors_on_stderr(tmp_path):
    cli = Environment(tmp_path)
    try:
        cli.run("migrate", "--verbosity", "0")
        cli.run("create-site", "zeitung", "--json")
        ok = cli.run_json("import-article", str(HTML_PAGE), "--site", "zeitung", "--json")
        assert ok["created"] is True and ok["publisher"] == "Mainzer Tagespost"
        empty = tmp_path / "leer.txt"
        empty.write_bytes(b"")
        failed = cli.run("import-article", str(empty), "--site", "zeitung", "--json", check=False)
        assert failed.returncode != 0
        assert "The file is empty." in failed.stderr
        assert failed.stdout == ""
        bad_scheme = cli.run("import-article", "ftp://example.org/a", "--site", "zeitung", check=False)
        assert bad_scheme.returncode != 0 and "Unsupported URL scheme" in bad_scheme.stderr
    finally:
        cli.close()
