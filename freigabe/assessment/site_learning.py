"""Learning a site model from moderated comments, and judging it against what runs now.

    examples, skipped = read_import(path, text_column="text", label_column="label")
    result = learn(examples, current=active_scorer, site_policy=settings, progress=report)

The most recent HELD_BACK_SHARE of the examples (time order; rows without a time count
as older than every timed one, in the order given) is held back: the new model never
trains on it, its thresholds are chosen on it, and both the new and the current model
(the active site model, or the general assessor alone) are measured on it. Predicting
the near future from the past is what the model will have to do in production.

Plain Python, no Django: the commands gather the examples and store the result.
"""

import csv
import datetime
import sys
import time
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from freigabe.assessment.assessor import assess
from freigabe.assessment.metrics import binary_report, paired_difference_interval, roc_auc
from freigabe.assessment.policy import SitePolicy
from freigabe.assessment.site_model import (
    CANDIDATE_CONFIGS,
    DEFAULT_CONFIG,
    REJECT,
    REVIEW_PROBABILITY,
    SEED,
    SiteConfig,
    Thresholds,
    best_review_threshold,
    choose_thresholds,
    combined_rule_scores,
    feature_matrix,
    fit_scorer,
    label_targets,
    learnable_labels,
    suggest,
)

HELD_BACK_SHARE = 0.2
# The newest share of the training slice validates the candidate configurations.
INNER_SHARE = 0.2
MIN_EXAMPLES = 50
DEFAULT_TARGET_PRECISION = 0.9
# Below this many comments, starting worker processes costs more than it saves.
PARALLEL_FROM = 5000
CHUNK = 2500
REASON_SEPARATORS = (",", ";", "|")


class LearningError(ValueError):
    """The data cannot train or judge a site model; the message says why."""


class ImportFileError(ValueError):
    """The import file is not a CSV with the columns asked for."""


@dataclass
class Example:
    """One moderated comment: rejected (with reason codes) or released."""

    text: str
    rejected: bool
    reasons: tuple = ()
    when: datetime.datetime | None = None
    article: str | None = None
    parent: str | None = None


@dataclass
class LearningResult:
    scorer: object
    n_train: int
    n_test: int
    macro_f1_new: float
    macro_f1_current: float
    metrics: dict = field(default_factory=dict)
    macro_f1_reference: float | None = None
    auc_new: float | None = None
    auc_reference: float | None = None

    @property
    def beats_current(self):
        return self.macro_f1_new > self.macro_f1_current

    @property
    def beats_reference(self):
        """At least as good as the plain reference on the held-back slice (a site model that
        loses to twenty lines of TF-IDF must never be activated)."""
        return self.macro_f1_reference is None or self.macro_f1_new >= self.macro_f1_reference

    @property
    def should_activate(self):
        return self.beats_current and self.beats_reference


def print_progress(message):
    print(f"learn-from-decisions: {message}", file=sys.stderr, flush=True)


# --- importing a newsroom's history ---------------------------------------------------------


def read_import(
    path, text_column, label_column, positive="1", negative="0", time_column=None, reason_codes=()
):
    """(examples, skipped) from a CSV of moderated comments.

    A label equal to `positive` means rejected, equal to `negative` released; a label made
    of known reason codes ("insult" or "insult,aggression") means rejected for those.
    Bad rows are skipped with {"row": n, "reason": ...} (n counts data rows from 1);
    a file that is no CSV with these columns raises ImportFileError.
    """
    required = [text_column, label_column] + ([time_column] if time_column else [])
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = reader.fieldnames or []
            missing = [name for name in required if name not in columns]
            if missing:
                raise ImportFileError(
                    f"{path} is not a CSV with the column(s) {', '.join(missing)} "
                    f"(found: {', '.join(columns[:10]) or 'no header'})"
                )
            return _read_rows(
                reader,
                text_column,
                label_column,
                str(positive),
                str(negative),
                time_column,
                frozenset(reason_codes),
            )
    except (UnicodeDecodeError, csv.Error) as error:
        raise ImportFileError(f"{path} is not a readable UTF-8 CSV file: {error}") from error


def _read_rows(reader, text_column, label_column, positive, negative, time_column, reason_codes):
    examples, skipped = [], []
    for number, row in enumerate(reader, start=1):
        if None in row:  # more fields than the header has
            skipped.append({"row": number, "reason": "more fields than the header"})
            continue
        text = (row.get(text_column) or "").strip()
        label = (row.get(label_column) or "").strip()
        if not text:
            skipped.append({"row": number, "reason": f"missing text in column {text_column!r}"})
            continue
        verdict = _label_verdict(label, positive, negative, reason_codes)
        if verdict is None:
            reason = "missing label" if not label else f"unknown label value {label!r}"
            skipped.append({"row": number, "reason": reason})
            continue
        when = None
        if time_column:
            when = parse_time(row.get(time_column) or "")
            if when is None:
                skipped.append({"row": number, "reason": f"bad time {row.get(time_column)!r}"})
                continue
        rejected, reasons = verdict
        examples.append(Example(text=text, rejected=rejected, reasons=reasons, when=when))
    return examples, skipped


def _label_verdict(label, positive, negative, reason_codes):
    """(rejected, reasons) for a label value, or None if the value means nothing to us."""
    if not label:
        return None
    if label == positive:
        return True, ()
    if label == negative:
        return False, ()
    codes = _split_codes(label)
    if codes and all(code in reason_codes for code in codes):
        return True, tuple(codes)
    return None


def _split_codes(label):
    for separator in REASON_SEPARATORS:
        label = label.replace(separator, " ")
    return label.split()


def parse_time(value):
    """An aware datetime from ISO 8601 (date or date and time; naive means UTC), else None."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed


# --- learning -------------------------------------------------------------------------------


def in_time_order(examples):
    """Oldest first; examples without a time come first, in the order given."""
    earliest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    indexed = sorted(enumerate(examples), key=lambda pair: (pair[1].when or earliest, pair[0]))
    return [example for _, example in indexed]


def split_by_time(examples, share=HELD_BACK_SHARE):
    """(training, held back): the held-back slice is the most recent `share`."""
    ordered = in_time_order(examples)
    n_test = max(1, int(round(len(ordered) * share)))
    return ordered[:-n_test], ordered[-n_test:]


def learn(
    examples,
    current=None,
    site_policy=None,
    target_precision=DEFAULT_TARGET_PRECISION,
    progress=print_progress,
    jobs=2,
    seed=SEED,
):
    """Train a site model on the older examples and measure it and `current` on the newest."""
    started = time.monotonic()
    training, held_back = split_by_time(examples)
    _check_enough(training, held_back)
    policy = SitePolicy.from_options(site_policy)
    progress(f"{len(training)} comments to train on, {len(held_back)} held back (most recent)")

    general_train, train_matrix = assess_and_extract(training, site_policy, progress, jobs)
    general_test, test_matrix = assess_and_extract(held_back, site_policy, progress, jobs)

    rejected = [example.rejected for example in training]
    reasons = [example.reasons for example in training]
    labels = learnable_labels(rejected, reasons)
    if REJECT not in labels:
        raise LearningError(
            f"too few rejected comments to learn from ({sum(rejected)} in the training slice)"
        )
    config, review, candidates = choose_config(
        training, general_train, train_matrix, policy, jobs, seed, progress
    )
    progress(f"fitting {', '.join(labels)} ({config.to_dict()}, review threshold {review})")
    scorer = fit_scorer(
        train_matrix,
        label_targets(labels, rejected, reasons),
        labels,
        [scores for scores, _ in general_train],
        jobs=jobs,
        seed=seed,
        config=config,
    )

    truths = [int(example.rejected) for example in held_back]
    new_probabilities = _combined(scorer, general_test, test_matrix)
    new_reject = [p[REJECT] for p in new_probabilities]
    scorer.thresholds = choose_thresholds(
        truths, new_reject, target_precision, review=review, rules_decide=config.rules_decide
    )
    new_decisions = _decisions(scorer, general_test, new_probabilities, policy)
    new_report = _report(truths, new_decisions, new_reject)
    if current is not None and current.char_ngrams != scorer.char_ngrams:
        # An active model of an older format reads other n-grams.
        test_matrix = feature_matrix((example.text for example in held_back), current.char_ngrams)
    current_report, current_decisions = _current_report(current, truths, general_test, test_matrix, policy)
    progress(f"training the reference on {len(training)} comments")
    reference, reference_flags = reference_report(training, held_back)
    new_flags = _flags(new_decisions)
    seconds = time.monotonic() - started
    progress(
        f"macro-F1 new {new_report['macro_f1']:.3f}, current {current_report['macro_f1']:.3f}, "
        f"reference {reference['macro_f1']:.3f} ({seconds:.1f} s)"
    )
    return LearningResult(
        scorer=scorer,
        n_train=len(training),
        n_test=len(held_back),
        macro_f1_new=new_report["macro_f1"],
        macro_f1_current=current_report["macro_f1"],
        macro_f1_reference=reference["macro_f1"],
        auc_new=new_report["roc_auc"],
        auc_reference=reference["roc_auc"],
        metrics={
            "new": new_report,
            "current": current_report,
            "reference": reference,
            "labels": list(labels),
            "config": config.to_dict(),
            "candidates": candidates,
            "target_precision": target_precision,
            "thresholds": scorer.thresholds.to_dict(),
            "seconds": round(seconds, 1),
            # Paired bootstrap (the same resampled comments for both): is the difference real?
            "new_minus_current_ci95": _rounded_pair(
                paired_difference_interval(truths, new_flags, _flags(current_decisions))
            ),
            "new_minus_reference_ci95": _rounded_pair(
                paired_difference_interval(truths, new_flags, reference_flags)
            ),
        },
    )


def choose_config(training, general, matrix, policy, jobs=1, seed=SEED, progress=print_progress):
    """(config, review threshold, [{config, macro_f1}]) chosen on the newest INNER_SHARE of the
    training slice after fitting on the older part: the held-back slice plays no part."""
    n_inner = int(round(len(training) * INNER_SHARE))
    older, newer = training[:-n_inner], training[-n_inner:]
    if (
        n_inner < 10
        or len({e.rejected for e in older}) < 2
        or len({e.rejected for e in newer}) < 2
        or sum(e.rejected for e in older) < 3
    ):
        return DEFAULT_CONFIG, REVIEW_PROBABILITY, []
    targets = np.array([[int(e.rejected)] for e in older])
    truths = [int(e.rejected) for e in newer]
    older_matrix, newer_matrix = matrix[: len(older)], matrix[len(older) :]
    newer_general = general[len(older) :]
    # Configurations that differ only in rules_decide share one fitted scorer; the distinct
    # fits run side by side.
    from joblib import Parallel, delayed

    fits = list(dict.fromkeys((config.regressor, config.c) for config in CANDIDATE_CONFIGS))
    workers = min(jobs, len(fits)) if len(older) >= PARALLEL_FROM else 1
    fitted = dict(
        zip(
            fits,
            Parallel(n_jobs=workers)(
                delayed(fit_scorer)(
                    older_matrix,
                    targets,
                    (REJECT,),
                    [s for s, _ in general[: len(older)]],
                    jobs=1,
                    seed=seed,
                    config=SiteConfig(regressor, c),
                )
                for regressor, c in fits
            ),
        )
    )
    results, best = [], None
    for config in CANDIDATE_CONFIGS:
        scorer = fitted[(config.regressor, config.c)]
        probabilities = _combined(scorer, newer_general, newer_matrix)

        def decisions_at(threshold, scorer=scorer, probabilities=probabilities, config=config):
            scorer.thresholds = Thresholds(review=threshold, rules_decide=config.rules_decide)
            return [int(d != "release") for d in _decisions(scorer, newer_general, probabilities, policy)]

        review, score = best_review_threshold(truths, decisions_at)
        results.append({**config.to_dict(), "review": review, "macro_f1": round(score, 4)})
        if best is None or score > best[2] + 1e-9:
            best = (config, review, score)
    progress(
        "inner validation: "
        + "; ".join(
            f"{r['regressor']} C={r['c']} rules={'yes' if r['rules_decide'] else 'no'}: {r['macro_f1']:.3f}"
            for r in results
        )
    )
    return best[0], best[1], results


def reference_report(training, held_back):
    """(report, 0/1 flags) of the plain reference (reference.py) trained on the training slice,
    on the held-back slice."""
    from freigabe.assessment.reference import fit_reference

    reference = fit_reference([e.text for e in training], [int(e.rejected) for e in training])
    probabilities = reference.probabilities([e.text for e in held_back])
    truths = [int(e.rejected) for e in held_back]
    flags = (probabilities >= 0.5).astype(int)
    report = binary_report(truths, flags)
    report["roc_auc"] = roc_auc(truths, probabilities)
    return report, flags


def _check_enough(training, held_back):
    if len(training) + len(held_back) < MIN_EXAMPLES:
        raise LearningError(
            f"only {len(training) + len(held_back)} moderated comments; at least {MIN_EXAMPLES} are needed"
        )
    for name, rows in (("training", training), ("held-back", held_back)):
        outcomes = {example.rejected for example in rows}
        if outcomes != {True, False}:
            raise LearningError(f"the {name} slice needs both released and rejected comments")


def assess_and_extract(examples, site_policy, progress, jobs=2):
    """([(general rule scores, decision)], feature matrix) in the examples' order.

    Both are per-comment work, so they run together in chunks over `jobs` processes.
    """
    progress(f"general assessor and features for {len(examples)} comments")
    items = [(example.text, example.article, example.parent) for example in examples]
    if jobs <= 1 or len(items) < PARALLEL_FROM:
        return _assess_and_extract_chunk(items, site_policy)
    from joblib import Parallel, delayed

    chunks = [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]
    done = Parallel(n_jobs=jobs, return_as="generator")(
        delayed(_assess_and_extract_chunk)(chunk, site_policy) for chunk in chunks
    )
    results = []
    for result in done:
        results.append(result)
        if len(results) % 4 == 0:
            progress(f"  {min(len(results) * CHUNK, len(items))} of {len(items)} done")
    general = [row for chunk_general, _ in results for row in chunk_general]
    return general, sp.vstack([matrix for _, matrix in results], format="csr")


def _assess_and_extract_chunk(items, site_policy):
    general = []
    for text, article, parent in items:
        assessment = assess(text, article=article, parent=parent, site_policy=site_policy)
        general.append(({code: rule.score for code, rule in assessment.rules.items()}, assessment.decision))
    return general, feature_matrix(text for text, _, _ in items)


def _combined(scorer, general, matrix):
    logits = scorer.site_logits(matrix)
    return [scorer.combined_probabilities(scores, row) for (scores, _), row in zip(general, logits)]


def _decisions(scorer, general, probabilities, policy):
    return [
        suggest(combined_rule_scores(scores, combined), combined[REJECT], scorer.thresholds, policy)
        for (scores, _), combined in zip(general, probabilities)
    ]


def _current_report(current, truths, general, matrix, policy):
    """(report, decisions) of the active site model on the held-back slice, or of the general
    assessor alone."""
    if current is None:
        decisions = [decision for _, decision in general]
        return _report(truths, decisions, [max(scores.values()) for scores, _ in general]), decisions
    probabilities = _combined(current, general, matrix)
    decisions = _decisions(current, general, probabilities, policy)
    return _report(truths, decisions, [p[REJECT] for p in probabilities]), decisions


def _flags(decisions):
    """1 where the suggestion is not release: what the figures count as "flagged"."""
    return [int(decision != "release") for decision in decisions]


def _rounded_pair(pair):
    return [round(pair[0], 4), round(pair[1], 4)]


def _report(truths, decisions, probabilities=None):
    """Binary figures for "the editors rejected it" against "the suggestion is not release"."""
    report = binary_report(truths, _flags(decisions))
    report["roc_auc"] = None if probabilities is None else roc_auc(truths, probabilities)
    report["suggestions"] = {name: decisions.count(name) for name in ("release", "review", "reject")}
    report["rejected_suggested_reject"] = int(
        np.sum([truth and decision == "reject" for truth, decision in zip(truths, decisions)])
    )
    return report
