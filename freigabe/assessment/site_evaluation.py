"""`evaluate()` with a site's own model combined after the general assessor.

Reads the file and reports exactly like evaluate.py (its readers and figures are reused),
so numbers with and without `--site` compare directly. Plain Python, no Django.
"""

from pathlib import Path

import numpy as np

from freigabe.assessment import evaluate as general_evaluation
from freigabe.assessment.assessor import assess
from freigabe.assessment.metrics import binary_report, bootstrap_interval, calibration_summary
from freigabe.assessment.result import RULE_CODES
from freigabe.assessment.site_model import combine


def evaluate_with_site_model(path, scorer, format="csv", rule="any", text_column="text", label_column="label",
                             positive="1", threshold=0.5, articles=None, site_policy=None, limit=None):
    """The evaluate() metrics dict, each comment assessed and then combined with `scorer`."""
    if rule != "any" and rule not in RULE_CODES:
        raise general_evaluation.EvaluationError(f"unknown rule {rule!r}; use one of {', '.join(RULE_CODES)} or 'any'")
    path = Path(path)
    rows = general_evaluation._read(path, format, text_column, label_column, positive, articles)
    examples = list(rows)[:limit]
    if not examples:
        raise general_evaluation.EvaluationError(f"no labelled rows in {path}")
    truths, predictions, probabilities = [], [], []
    for text, label, article, parent in examples:
        assessment = combine(assess(text, article=article, parent=parent, site_policy=site_policy),
                             scorer, text, site_policy)
        probability, predicted = general_evaluation._prediction(assessment, rule, threshold)
        truths.append(label)
        predictions.append(predicted)
        probabilities.append(probability)
    report = binary_report(truths, predictions)
    report["macro_f1_ci95"] = list(bootstrap_interval(truths, predictions))
    report.update({
        "rule": rule, "format": format, "path": str(path), "threshold": threshold,
        "prediction": "decision != release" if rule == "any" else f"score({rule}) >= {threshold}",
        "positives": int(np.sum(truths)),
        "calibration": calibration_summary(truths, probabilities),
        "site_model": scorer.version,
    })
    return report
