import json
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

REPO = Path(__file__).resolve().parents[2]
CLI = REPO / ".venv" / "bin" / "freigabe"


def test_assess_prints_the_contract_json(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Radwege in der Innenstadt\n\nDer Stadtrat beschließt neue Radwege.", encoding="utf-8")
    out = StringIO()
    call_command("assess", "Die Radwege sind gut.", "--article", str(article), "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["decision"] == "release"
    assert {"insult", "aggression", "advertising", "insinuation", "off_topic"} <= set(result["rules"])


def test_assess_without_json_prints_a_summary():
    out = StringIO()
    call_command("assess", "Du Vollidiot", "--parent", "Was meint ihr?", stdout=out)
    assert "insult" in out.getvalue() and "Vorschlag" in out.getvalue()


def test_evaluate_assessor_prints_metrics(tmp_path, db):
    path = tmp_path / "labelled.csv"
    path.write_text(
        "comment,spam\nJetzt kaufen: www.billig-shop.de 50 % Rabatt,1\nGuter Artikel.,0\n", encoding="utf-8"
    )
    out = StringIO()
    call_command(
        "evaluate_assessor",
        str(path),
        "--format",
        "csv",
        "--text-column",
        "comment",
        "--label-column",
        "spam",
        "--positive",
        "1",
        "--rule",
        "advertising",
        "--site",
        "demo",
        "--json",
        stdout=out,
    )
    report = json.loads(out.getvalue())
    assert report["n"] == 2 and report["macro_f1"] == 1.0 and report["rule"] == "advertising"


def test_evaluate_assessor_says_when_the_site_is_unknown(tmp_path, db):
    path = tmp_path / "labelled.csv"
    path.write_text("text,label\nGuter Artikel.,0\n", encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("evaluate_assessor", str(path), "--site", "gibt-es-nicht", "--json", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["n"] == 1
    assert "No site with the slug 'gibt-es-nicht'" in err.getvalue()


@pytest.mark.skipif(not CLI.exists(), reason="console script not installed")
def test_the_console_script_assesses_a_comment():
    completed = subprocess.run(
        [str(CLI), "assess", "Du bist ein Vollidiot!", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["rules"]["insult"]["score"] > 0.5


def test_evaluate_assessor_puts_the_reference_beside_the_assessor(tmp_path, db):
    from tests.assessment.tiny_datasets import write_tiny_datasets

    data_dir = write_tiny_datasets(tmp_path / "datasets")
    path = tmp_path / "labelled.txt"
    path.write_text(
        "Du dummer Idiot, halt die Klappe\tOFFENSE\tINSULT\n"
        "Schönes Wetter heute in Hamburg\tOTHER\tOTHER\n"
        "Was für ein Vollpfosten du bist\tOFFENSE\tINSULT\n"
        "Die Sitzung beginnt um zehn Uhr\tOTHER\tOTHER\n",
        encoding="utf-8",
    )
    out, err = StringIO(), StringIO()
    call_command(
        "evaluate_assessor",
        str(path),
        "--format",
        "germeval2018",
        "--rule",
        "insult",
        "--reference",
        "--data-dir",
        str(data_dir),
        "--json",
        stdout=out,
        stderr=err,
    )
    report = json.loads(out.getvalue())
    reference = report["reference"]
    assert reference["n"] == report["n"] == 4
    for figures in (report, reference):
        assert {"macro_f1", "macro_f1_ci95", "roc_auc", "average_precision", "top20_share"} <= set(figures)
    assert reference["n_train"] > 20 and "training the reference" in err.getvalue()
    # The tiny reference learnt the insult words of its training tweets.
    assert reference["roc_auc"] > 0.5
