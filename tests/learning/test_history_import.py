"""Importing a newsroom's moderated history: bad rows are reported, bad files refused."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from freigabe.articles.site_models import SiteModel
from tests.learning.newsroom import newsroom_comments, write_csv

pytestmark = pytest.mark.django_db


def learn_with_import(path, *args):
    out, err = StringIO(), StringIO()
    call_command(
        "learn_from_decisions",
        "--site",
        "zeitung",
        "--import",
        str(path),
        "--jobs",
        "1",
        "--json",
        *args,
        stdout=out,
        stderr=err,
    )
    return json.loads(out.getvalue()), err.getvalue()


def test_it_skips_bad_rows_and_says_which_and_why(publisher, tmp_path):
    good = write_csv(tmp_path / "good.csv", newsroom_comments(200), time_from=datetime(2025, 1, 1))
    lines = good.read_text(encoding="utf-8").splitlines()
    lines[2] = ",1,2025-01-01T00:01:00"  # data row 2: no text
    lines[5] = "Ein Kommentar,vielleicht,2025-01-01T00:04:00"  # data row 5: unknown label
    lines[7] = "Noch ein Kommentar,0,gestern"  # data row 7: bad time
    good.write_text("\n".join(lines) + "\n", encoding="utf-8")

    summary, err = learn_with_import(good, "--time-column", "decided_at")

    assert summary["skipped"] == [
        {"row": 2, "reason": "missing text in column 'text'"},
        {"row": 5, "reason": "unknown label value 'vielleicht'"},
        {"row": 7, "reason": "bad time 'gestern'"},
    ]
    assert summary["imported"] == 197 and summary["n_train"] + summary["n_test"] == 197
    assert "import row 5 skipped: unknown label value 'vielleicht'" in err


def test_reason_codes_in_the_label_column_count_as_rejections(publisher, tmp_path):
    rows = [(text, "other" if rejected else "0") for text, rejected in newsroom_comments(200)]
    path = tmp_path / "codes.csv"
    path.write_text("text,label\n" + "".join(f'"{text}",{label}\n' for text, label in rows), encoding="utf-8")

    summary, _ = learn_with_import(path)

    assert summary["skipped"] == [] and "other" in summary["labels"]


def test_the_most_recent_rows_by_time_are_held_back(publisher, tmp_path):
    rows = newsroom_comments(200)
    path = write_csv(tmp_path / "timed.csv", rows, time_from=datetime(2025, 1, 1, tzinfo=UTC))
    # The file lists the rows newest first; the time column, not the file order, decides.
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n", encoding="utf-8")

    summary, _ = learn_with_import(path, "--time-column", "decided_at")

    newest = SiteModel.objects.get(version=summary["version"])
    assert newest.n_test == 40
    assert newest.metrics["new"]["per_class"]["positive"]["support"] == sum(r for _, r in rows[-40:])


def test_a_file_that_is_not_a_csv_is_refused_and_nothing_changes(publisher, tmp_path):
    binary = tmp_path / "export.xlsx"
    binary.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\xff\xfe\x00\x00\x9c\x80")

    with pytest.raises(CommandError, match="not a readable UTF-8 CSV"):
        learn_with_import(binary)
    assert not SiteModel.objects.exists()


def test_a_csv_without_the_column_is_refused_and_nothing_changes(publisher, tmp_path):
    path = write_csv(tmp_path / "history.csv", newsroom_comments(100), header=("kommentar", "label"))

    with pytest.raises(CommandError, match="column.*text"):
        learn_with_import(path)
    assert not SiteModel.objects.exists()
