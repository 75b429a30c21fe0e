import pytest

from freigabe.assessment.evaluate import EvaluationError, evaluate
from freigabe.assessment.model_card import DATA_DIR


def test_it_scores_a_germeval_file(tmp_path):
    path = tmp_path / "sample.txt"
    path.write_text(
        "Du bist ein dummer Vollidiot und Hurensohn\tOFFENSE\tINSULT\n"
        "Halt die Fresse, du Arschloch|LBR|verpiss dich\tOFFENSE\tINSULT\n"
        "Schönes Wetter heute in Hamburg\tOTHER\tOTHER\n"
        "Die Sitzung beginnt um zehn Uhr\tOTHER\tOTHER\n",
        encoding="utf-8",
    )
    report = evaluate(path, "germeval2018", rule="insult")
    assert report["n"] == 4 and report["rule"] == "insult"
    assert report["macro_f1"] == 1.0
    assert report["confusion_matrix"] == {"tp": 2, "fp": 0, "fn": 0, "tn": 2}
    assert 0 <= report["calibration"]["brier"] < 0.25
    assert {"precision", "recall", "per_class", "calibration"} <= set(report)


def test_any_means_the_decision_is_not_release(tmp_path):
    path = tmp_path / "sample.csv"
    path.write_text("text,bad\nDu Vollidiot!,yes\nGuter Artikel.,no\n", encoding="utf-8")
    report = evaluate(path, "csv", rule="any", label_column="bad", positive="yes")
    assert report["prediction"] == "decision != release"
    assert report["confusion_matrix"]["tp"] == 1 and report["confusion_matrix"]["tn"] == 1


def test_the_house_rules_test_set_uses_its_articles():
    report = evaluate(
        DATA_DIR / "house_rules_testset.csv",
        "csv",
        rule="advertising",
        label_column="advertising",
        positive="1",
    )
    assert report["n"] >= 150
    assert report["macro_f1"] > 0.8


def test_bad_options_raise_a_clear_error(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("text,label\nHallo,0\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="column"):
        evaluate(path, "csv", label_column="missing")
    with pytest.raises(EvaluationError, match="rule"):
        evaluate(path, "csv", rule="nonsense")
    with pytest.raises(EvaluationError, match="format"):
        evaluate(path, "xml")


def test_ranking_figures_match_their_definitions():
    from freigabe.assessment.metrics import average_precision, roc_auc, top_share

    truths = [1, 0, 1, 0, 0, 0, 0, 0, 1, 0]
    scores = [0.9, 0.8, 0.7, 0.1, 0.2, 0.3, 0.1, 0.2, 0.05, 0.4]
    # positives at ranks 1, 3 and 10 of 10: 7+6+0 of 21 pairs ordered right
    assert roc_auc(truths, scores) == pytest.approx(13 / 21)
    assert average_precision(truths, scores) == pytest.approx((1 / 1 + 2 / 3 + 3 / 10) / 3)
    # the riskiest 20 % (two comments) hold one of the three rule-breakers
    assert top_share(truths, scores) == pytest.approx(1 / 3)
    assert roc_auc([1, 1], [0.2, 0.3]) is None


def test_evaluate_reports_ranking_figures(tmp_path):
    path = tmp_path / "sample.csv"
    path.write_text(
        "text,bad\nDu Vollidiot!,1\nGuter Artikel.,0\nDanke für den Bericht.,0\n"
        '"Halt die Fresse, du Arschloch.",1\nDie Sitzung beginnt um zehn.,0\n',
        encoding="utf-8",
    )
    report = evaluate(path, "csv", rule="insult", label_column="bad")
    assert report["roc_auc"] == 1.0 and report["average_precision"] == 1.0
    assert report["top20_share"] == 0.5  # the first of five comments is one of the two insults
    assert "reference" not in report


def test_the_reference_is_only_offered_for_trained_rules(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("text,label\nHallo,0\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="reference"):
        evaluate(path, "csv", rule="advertising", reference=tmp_path)
