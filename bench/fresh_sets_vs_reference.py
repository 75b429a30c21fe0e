"""The whole assessor against the plain reference on comments no model or detector saw.

    .venv/bin/python bench/fresh_sets_vs_reference.py [--data-dir ../shared/datasets]

Sets (freigabe/assessment/data/, written in December 2026 by writers who read neither the
code nor the training data):
- talkshow_fresh.csv: 320 comments as under a political talk show's or a news programme's
  Facebook posts, 144 breaking a house rule (insult, aggression, insinuation) and 176 that
  break none (sharp criticism, disagreement, questions, frustration). Another domain than
  every training source; no text of it was read while the assessor was changed.
- identity_fresh.csv: 300 comments about minorities: 200 publishable (facts, praise, people
  saying who they are, rejected prejudice, counter-speech, questions) and 100 hate. The
  odd ids' failures were read while the negation handling was improved; the even ids were
  not read ("even" below is the held-out half).

Prediction "any": the suggested decision is not release, as `evaluate-assessor --rule any`.
The reference is trained on the shared data sets' rows (positive: a rule broken), as in
bench/assessor_vs_reference.py, and predicts at 0.5. Intervals: bootstrap for macro-F1,
Wilson for shares.
"""

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from freigabe.assessment import assess  # noqa: E402
from freigabe.assessment.functional import wilson_interval  # noqa: E402
from freigabe.assessment.metrics import binary_report, bootstrap_interval, ranking_report  # noqa: E402
from freigabe.assessment.reference import fit_reference, reference_training_data  # noqa: E402
from freigabe.assessment.result import RULE_CODES  # noqa: E402

DATA = REPO / "freigabe" / "assessment" / "data"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "datasets")
    args = parser.parse_args()
    print("training the reference on the shared data sets ...", file=sys.stderr, flush=True)
    reference = reference_for_any(args.data_dir)
    rows = read("talkshow_fresh.csv")
    truth = np.array([int(row["expected"] == "break") for row in rows])
    texts = [row["text"] for row in rows]
    ours, ours_scores = assessor_predictions(texts)
    theirs_scores = reference.probabilities(texts)
    print(f"talkshow_fresh.csv (n={len(rows)}, {truth.sum()} breaking a rule), prediction 'any':")
    print("  " + summary("ours (whole assessor)", truth, ours, ours_scores))
    print("  " + summary("reference", truth, (theirs_scores >= 0.5).astype(int), theirs_scores))
    rows = read("identity_fresh.csv")
    predicted, _ = assessor_predictions([row["text"] for row in rows])
    theirs = (reference.probabilities([row["text"] for row in rows]) >= 0.5).astype(int)
    print(f"identity_fresh.csv (n={len(rows)}): share right, ours | reference")
    for half in ("odd", "even", "all"):
        for expected, label in (("none", "released"), ("break", "held")):
            chosen = [
                i
                for i, row in enumerate(rows)
                if row["expected"] == expected and (half == "all" or _half(row["id"]) == half)
            ]
            want = int(expected == "break")
            print(
                f"  {half:>4} {label:>8} (n={len(chosen)}): "
                f"{share([predicted[i] == want for i in chosen])} | {share([theirs[i] == want for i in chosen])}"
            )


def reference_for_any(data_dir):
    return fit_reference(*reference_training_data(data_dir, "any", own_sentences=False))


def assessor_predictions(texts):
    results = [assess(text) for text in texts]
    predicted = np.array([int(result.decision != "release") for result in results])
    scores = np.array([max(result.rules[code].score for code in RULE_CODES) for result in results])
    return predicted, scores


def read(name):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _half(identifier):
    return "odd" if int(identifier[2:]) % 2 else "even"


def summary(name, truth, predicted, scores):
    report = binary_report(truth, predicted)
    low, high = bootstrap_interval(truth, predicted)
    auc = ranking_report(truth, scores)["roc_auc"]
    return (
        f"{name:<22} macro-F1 {report['macro_f1']:.3f} ({low:.3f}–{high:.3f}), precision "
        f"{report['precision']:.3f}, recall {report['recall']:.3f}, ROC AUC {auc:.3f}"
    )


def share(outcomes):
    k, n = sum(outcomes), len(outcomes)
    low, high = wilson_interval(k, n)
    return f"{k / n:.3f} ({low:.3f}–{high:.3f})"


if __name__ == "__main__":
    main()
