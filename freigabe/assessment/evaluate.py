"""Score the assessor on a labelled file.

    evaluate(path, "germeval2018", rule="insult")
    evaluate(path, "csv", text_column="text", label_column="advertising", positive="1", rule="advertising")

Formats:
- `germeval2018`: TSV `text<TAB>OFFENSE|OTHER<TAB>fine label`; OFFENSE is positive,
  `|LBR|` becomes a line break.
- `csv`: a header row; `label_column` equal to `positive` is positive, anything else
  negative. Optional context: a `parent` column (text of the comment replied to) and an
  `article_id` column resolved through `articles` ({id: text}, or a JSON file with
  `{id: {"title": .., "body": ..}}`); by default `articles.json` next to the CSV is used.

`rule` is a rule code or `any`. For one rule a comment is predicted positive when that
rule's score is >= `threshold` (0.5). For `any` it is predicted positive when the
suggested decision is not `release` (i.e. some rule reached its review threshold), and
the probability used for calibration is the highest rule score.

Ranking figures: `roc_auc` and `average_precision` of that probability, and `top20_share`,
the share of the rule-breaking comments among the first 20 % of the comments when they are
worked riskiest first (for `any`: suggested reject, then review, then release, each by the
highest score; for one rule: by its score), the order of the queue's "riskiest" view.

With `reference=DATA_DIR` the plain reference (reference.py) is trained on the same
training data as the shipped model and scored on the same rows: `report["reference"]`.
"""

import csv
import json
from pathlib import Path

import numpy as np

from freigabe.assessment.assessor import assess
from freigabe.assessment.metrics import binary_report, bootstrap_interval, calibration_summary, ranking_report
from freigabe.assessment.result import RULE_CODES

FORMATS = ("germeval2018", "csv")


class EvaluationError(ValueError):
    """The file or the options do not describe a labelled data set we can read."""


def evaluate(
    path,
    format="csv",
    rule="any",
    text_column="text",
    label_column="label",
    positive="1",
    threshold=0.5,
    articles=None,
    site_policy=None,
    limit=None,
    scorer=None,
    reference=None,
    progress=None,
):
    """Metrics dict: n, macro_f1, precision, recall, rule, per_class, confusion_matrix, calibration,
    roc_auc, average_precision, top20_share (and "reference" with `reference`).

    With `scorer` (a site's SiteScorer), each assessment is combined with that site model.
    reference: the datasets directory to train the plain reference from.
    """
    if rule != "any" and rule not in RULE_CODES:
        raise EvaluationError(f"unknown rule {rule!r}; use one of {', '.join(RULE_CODES)} or 'any'")
    if reference is not None and rule not in REFERENCE_RULES:
        raise EvaluationError(f"the reference is trained for {', '.join(REFERENCE_RULES)} only, not {rule!r}")
    path = Path(path)
    examples = list(_read(path, format, text_column, label_column, positive, articles))[:limit]
    if not examples:
        raise EvaluationError(f"no labelled rows in {path}")
    truths, predictions, probabilities, risks = [], [], [], []
    for text, label, article, parent in examples:
        assessment = assess(text, article=article, parent=parent, site_policy=site_policy)
        if scorer is not None:
            from freigabe.assessment.site_model import combine

            assessment = combine(assessment, scorer, text, site_policy)
        probability, predicted = _prediction(assessment, rule, threshold)
        truths.append(label)
        predictions.append(predicted)
        probabilities.append(probability)
        risks.append(probability + (_DECISION_RANK[assessment.decision] if rule == "any" else 0))
    report = _scores_report(truths, predictions, probabilities, risks)
    report.update(
        {
            "rule": rule,
            "format": format,
            "path": str(path),
            "threshold": threshold,
            "prediction": "decision != release" if rule == "any" else f"score({rule}) >= {threshold}",
        }
    )
    if scorer is not None:
        report["site_model"] = scorer.version
    if reference is not None:
        report["reference"] = reference_report(
            reference, rule, [text for text, *_ in examples], truths, threshold, progress
        )
    return report


REFERENCE_RULES = ("insult", "aggression", "any")
_DECISION_RANK = {"release": 0, "review": 1, "reject": 2}


def _scores_report(truths, predictions, probabilities, risks=None):
    report = binary_report(truths, predictions)
    report["macro_f1_ci95"] = list(bootstrap_interval(truths, predictions))
    report["positives"] = int(np.sum(truths))
    report["calibration"] = calibration_summary(truths, probabilities)
    report.update(ranking_report(truths, probabilities, risks))
    return report


def reference_report(data_dir, rule, texts, truths, threshold=0.5, progress=None):
    """The plain reference, trained on the shipped model's training data, scored on `texts`."""
    from freigabe.assessment.reference import fit_reference, reference_training_data

    train_texts, train_labels = reference_training_data(Path(data_dir), rule)
    if progress:
        progress(f"training the reference on {len(train_texts)} texts")
    probabilities = fit_reference(train_texts, train_labels).probabilities(texts)
    report = _scores_report(truths, (probabilities >= threshold).astype(int), probabilities)
    report.update(
        {
            "model": "reference: tf-idf char_wb 2-5 + word 1-2, LogisticRegression(C=1, balanced)",
            "n_train": len(train_texts),
            "threshold": threshold,
        }
    )
    return report


def _prediction(assessment, rule, threshold):
    if rule == "any":
        probability = max(assessment.rules[code].score for code in RULE_CODES)
        return probability, int(assessment.decision != "release")
    probability = assessment.rules[rule].score
    return probability, int(probability >= threshold)


def _read(path, format, text_column, label_column, positive, articles):
    if format == "germeval2018":
        return _read_germeval(path)
    if format == "csv":
        return _read_csv(path, text_column, label_column, str(positive), articles)
    raise EvaluationError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")


def _read_germeval(path):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[1] in ("OFFENSE", "OTHER"):
                yield parts[0].replace("|LBR|", "\n"), int(parts[1] == "OFFENSE"), None, None


def _read_csv(path, text_column, label_column, positive, articles):
    article_texts = _article_texts(path, articles)
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {text_column, label_column} - set(reader.fieldnames or [])
        if missing:
            raise EvaluationError(f"{path} has no column(s) {', '.join(sorted(missing))}")
        for row in reader:
            article = article_texts.get(row.get("article_id") or "")
            parent = row.get("parent") or None
            yield row[text_column], int(row[label_column].strip() == positive), article, parent


def _article_texts(path, articles):
    if articles is None:
        default = path.with_name("articles.json")
        articles = default if default.exists() else {}
    if isinstance(articles, (str, Path)):
        articles = json.loads(Path(articles).read_text(encoding="utf-8"))
    return {key: _article_text(value) for key, value in articles.items()}


def _article_text(value):
    if isinstance(value, dict):
        return f"{value.get('title', '')}\n\n{value.get('body', '')}".strip()
    return str(value)
