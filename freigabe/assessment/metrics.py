"""Classification and calibration figures used by training and evaluation.

Plain numpy so that `evaluate` and the model card report the same numbers the same way.
"""

import numpy as np


def binary_report(y_true, y_pred):
    """Precision, recall and F1 per class, macro-F1 and the confusion matrix."""
    y_true = np.asarray(y_true, dtype=int)
    y_pred = np.asarray(y_pred, dtype=int)
    tp = int(np.sum((y_true == 1) & (y_pred == 1)))
    fp = int(np.sum((y_true == 0) & (y_pred == 1)))
    fn = int(np.sum((y_true == 1) & (y_pred == 0)))
    tn = int(np.sum((y_true == 0) & (y_pred == 0)))
    positive = _prf(tp, fp, fn)
    negative = _prf(tn, fn, fp)
    return {
        "n": int(len(y_true)),
        "macro_f1": (positive["f1"] + negative["f1"]) / 2,
        "precision": positive["precision"],
        "recall": positive["recall"],
        "f1": positive["f1"],
        "accuracy": (tp + tn) / len(y_true) if len(y_true) else 0.0,
        "per_class": {"positive": positive, "negative": negative},
        "confusion_matrix": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
    }


def macro_f1(y_true, y_pred):
    return binary_report(y_true, y_pred)["macro_f1"]


def bootstrap_interval(y_true, y_pred, statistic=macro_f1, resamples=1000, seed=0, level=0.95):
    """Percentile bootstrap confidence interval of `statistic` over the rows."""
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(resamples):
        rows = rng.integers(0, len(y_true), len(y_true))
        values.append(statistic(y_true[rows], y_pred[rows]))
    tail = (1 - level) / 2
    return float(np.quantile(values, tail)), float(np.quantile(values, 1 - tail))


def paired_difference_interval(y_true, first, second, statistic=macro_f1, resamples=1000, seed=0, level=0.95):
    """Percentile bootstrap interval of statistic(first) - statistic(second), both
    predictions resampled on the same rows: whether one is better than the other."""
    y_true, first, second = np.asarray(y_true), np.asarray(first), np.asarray(second)
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(resamples):
        rows = rng.integers(0, len(y_true), len(y_true))
        values.append(statistic(y_true[rows], first[rows]) - statistic(y_true[rows], second[rows]))
    tail = (1 - level) / 2
    return float(np.quantile(values, tail)), float(np.quantile(values, 1 - tail))


def calibration_summary(y_true, probabilities, bins=10):
    """Brier score, expected calibration error and reliability bins (equal width)."""
    y_true = np.asarray(y_true, dtype=float)
    probabilities = np.clip(np.asarray(probabilities, dtype=float), 0, 1)
    edges = np.linspace(0, 1, bins + 1)
    which = np.minimum(np.digitize(probabilities, edges[1:-1]), bins - 1)
    reliability, ece = [], 0.0
    for b in range(bins):
        members = which == b
        count = int(members.sum())
        if count == 0:
            continue
        mean_predicted = float(probabilities[members].mean())
        observed = float(y_true[members].mean())
        ece += count / len(y_true) * abs(mean_predicted - observed)
        reliability.append(
            {
                "bin": [round(float(edges[b]), 2), round(float(edges[b + 1]), 2)],
                "n": count,
                "mean_predicted": round(mean_predicted, 4),
                "observed_rate": round(observed, 4),
            }
        )
    return {
        "brier": float(np.mean((probabilities - y_true) ** 2)) if len(y_true) else 0.0,
        "ece": float(ece),
        "reliability": reliability,
    }


def _prf(tp, fp, fn):
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}


def roc_auc(y_true, scores):
    """Area under the ROC curve (the Mann-Whitney statistic, ties counted half)."""
    y_true = np.asarray(y_true, dtype=int)
    scores = np.asarray(scores, dtype=float)
    positives, negatives = int(y_true.sum()), int(len(y_true) - y_true.sum())
    if not positives or not negatives:
        return None
    ranks = _average_ranks(scores)
    return float((ranks[y_true == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def average_precision(y_true, scores):
    """Mean precision at the rank of each positive, highest scores first (ties as one step)."""
    y_true = np.asarray(y_true, dtype=int)
    scores = np.asarray(scores, dtype=float)
    positives = int(y_true.sum())
    if not positives:
        return None
    order = np.argsort(-scores, kind="stable")
    sorted_scores, sorted_truth = scores[order], y_true[order]
    # One precision/recall point per distinct score, as scikit-learn does.
    last_of_tie = np.r_[sorted_scores[1:] != sorted_scores[:-1], True]
    hits = np.cumsum(sorted_truth)[last_of_tie]
    flagged = (np.arange(1, len(scores) + 1))[last_of_tie]
    recall_steps = np.diff(np.r_[0, hits]) / positives
    return float(np.sum(recall_steps * hits / flagged))


def top_share(y_true, risk, share=0.2):
    """Share of the rule-breaking comments found in the riskiest `share` of the comments.

    `risk` is a sortable key per comment (higher = looked at first when editors work the
    queue riskiest first); ties keep the given (arrival) order, as the queue does.
    """
    y_true = np.asarray(y_true, dtype=int)
    positives = int(y_true.sum())
    if not positives:
        return None
    order = np.argsort(-np.asarray(risk, dtype=float), kind="stable")
    first = order[: int(round(len(y_true) * share))]
    return float(y_true[first].sum() / positives)


def ranking_report(y_true, scores, risk=None):
    """roc_auc, average_precision and top20_share (risk defaults to the scores)."""
    return {
        "roc_auc": roc_auc(y_true, scores),
        "average_precision": average_precision(y_true, scores),
        "top20_share": top_share(y_true, scores if risk is None else risk),
    }


def _average_ranks(values):
    """1-based ranks, ties given their average rank."""
    order = np.argsort(values, kind="mergesort")
    sorted_values = values[order]
    ranks = np.empty(len(values))
    starts = np.r_[0, np.flatnonzero(sorted_values[1:] != sorted_values[:-1]) + 1]
    ends = np.r_[starts[1:], len(values)]
    for start, end in zip(starts, ends):
        ranks[order[start:end]] = (start + end + 1) / 2
    return ranks
