"""Our trained rules against the plain reference, on data neither was tuned on.

Settings (the held-back rows were fixed by seed in train.load_corpus before any tuning;
tuning only ever used inner cross-validation of training rows):
- held-back: train on the pool without the held-back rows, test on a seeded fifth of the
  GermEval tweets (insult = OFFENSE, aggression = ABUSE vs OTHER) and on GAHD's dev split
  (aggression = hate);
- germeval→gahd: train on the GermEval tweets only, test aggression on all GAHD sentences;
- gahd→germeval: train on GAHD only, test aggression on all GermEval tweets (ABUSE vs OTHER,
  and OFFENSE vs OTHER).
Ours also trains on our own sentences (data/augment_*.csv, part of our method); the
reference trains on the shared data sets' rows only, as the founders' reference does.
Both use threshold 0.5 on their score. 95 % intervals: percentile bootstrap, 1,000 resamples.

    .venv/bin/python bench/assessor_vs_reference.py [--data-dir ../shared/datasets] [--before] [--out FILE]

--before also scores the settings the model had before issue 12 (train.SETTINGS_BEFORE);
--settings NAME=VALUE,... scores "ours" with those train.Settings changed (experiments).
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from freigabe.assessment.metrics import binary_report, bootstrap_interval, ranking_report  # noqa: E402
from freigabe.assessment.reference import fit_reference  # noqa: E402
from freigabe.assessment.train import (  # noqa: E402
    EXCLUDED,
    OWN_SOURCES,
    SEED,
    SETTINGS,
    SETTINGS_BEFORE,
    CorpusFeatures,
    fit_final,
    load_corpus,
    load_ldnoobw,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "datasets")
    parser.add_argument("--before", action="store_true", help="also score the pre-issue-12 settings")
    parser.add_argument(
        "--full",
        action="store_true",
        help="also score the whole assessor (assess(): model plus rules) with our model",
    )
    parser.add_argument(
        "--only", default=None, help="run only this setting (held-back, germeval→gahd, gahd→germeval)"
    )
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON")
    parser.add_argument(
        "--settings",
        default="",
        metavar="NAME=VALUE,...",
        help="score ours with these train.Settings changed (experiments; e.g. lr_c=1)",
    )
    parser.add_argument(
        "--tune",
        nargs="*",
        default=None,
        metavar="NAME=VALUE,...",
        help="instead: 3-fold CV of candidate settings on the training rows only",
    )
    args = parser.parse_args()
    if args.tune is not None:
        return tune(args.data_dir, args.tune)
    started = time.monotonic()
    corpus = load_corpus(args.data_dir)
    sources = np.array(corpus.sources)
    log(f"{len(corpus.texts)} texts; extracting features")
    ldnoobw = load_ldnoobw(args.data_dir)
    features = CorpusFeatures(corpus.texts, ldnoobw)
    models = {"ours": changed_settings(args.settings), **({"before": SETTINGS_BEFORE} if args.before else {})}
    germeval, gahd, augment = sources == "germeval2018", sources == "gahd", np.isin(sources, OWN_SOURCES)
    offense = np.where(germeval, corpus.labels["insult"], EXCLUDED)
    setups = {
        "held-back": (
            ~corpus.held_back,
            [
                (
                    "germeval held-back: insult (OFFENSE)",
                    "insult",
                    germeval & corpus.held_back,
                    corpus.labels["insult"],
                ),
                (
                    "germeval held-back: aggression (ABUSE)",
                    "aggression",
                    germeval & corpus.held_back,
                    corpus.labels["aggression"],
                ),
                (
                    "gahd dev: aggression (hate)",
                    "aggression",
                    gahd & corpus.held_back,
                    corpus.labels["aggression"],
                ),
            ],
        ),
        "germeval→gahd": (
            germeval | augment,
            [
                ("gahd all: aggression (hate)", "aggression", gahd, corpus.labels["aggression"]),
            ],
        ),
        "gahd→germeval": (
            gahd | augment,
            [
                ("germeval all: aggression (ABUSE)", "aggression", germeval, corpus.labels["aggression"]),
                ("germeval all: aggression vs OFFENSE", "aggression", germeval, offense),
            ],
        ),
    }
    results = {}
    for name, (train_rows, tests) in setups.items():
        if args.only and name != args.only:
            continue
        train_index = np.flatnonzero(train_rows)
        fitted = {}
        for label, settings in models.items():
            log(f"{name}: fitting {label} on {len(train_index)} texts")
            fitted[label] = fit_final(features, corpus, SEED, settings, rows=train_index)
        references = {}
        for test_name, rule, test_rows, truth in tests:
            if rule not in references:
                usable = train_rows & ~augment & (corpus.labels[rule] != EXCLUDED)
                log(f"{name}: fitting the reference for {rule} on {usable.sum()} texts")
                references[rule] = fit_reference(
                    [corpus.texts[i] for i in np.flatnonzero(usable)], corpus.labels[rule][usable]
                )
            rows = np.flatnonzero(test_rows & (truth != EXCLUDED))
            y = truth[rows]
            entry = {"setting": name, "rule": rule, "n": len(rows), "positives": int(y.sum())}
            for label, (weights, intercepts, vocabulary) in fitted.items():
                logits = (
                    features.matrix(vocabulary, rows) @ weights[:, _rule_column(rule)]
                    + intercepts[_rule_column(rule)]
                )
                entry[label] = figures(y, 1 / (1 + np.exp(-logits)))
            entry["reference"] = figures(y, references[rule].probabilities([corpus.texts[i] for i in rows]))
            if args.full:
                log(f"{test_name}: the whole assessor with this model")
                entry["assessor"] = figures(y, assessor_scores(fitted["ours"], corpus, rows, rule, ldnoobw))
            results[test_name] = entry
            log(summary(test_name, entry))
    log(f"done in {time.monotonic() - started:.0f} s")
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def tune(data_dir, candidates):
    """Inner cross-validation (3 folds) of the non-held-back rows for each candidate
    (e.g. `lr_c=2,svm_c=0.05`); prints out-of-fold macro-F1 and AUC per rule and source.
    The held-back rows are never loaded into this."""
    from freigabe.assessment.train import cross_validate, select

    corpus = load_corpus(data_dir)
    corpus = select(corpus, ~corpus.held_back)
    features = CorpusFeatures(corpus.texts, load_ldnoobw(data_dir))
    sources = np.array(corpus.sources)
    for candidate in candidates or [""]:
        settings = changed_settings(candidate)
        out_of_fold = cross_validate(features, corpus, 3, SEED, lambda *a: None, jobs=1, settings=settings)
        parts = []
        for rule, probabilities in out_of_fold.items():
            for source in ("germeval2018", "gahd"):
                rows = (sources == source) & (corpus.labels[rule] != EXCLUDED) & ~np.isnan(probabilities)
                y = corpus.labels[rule][rows]
                if 0 < y.sum() < len(y):
                    p = probabilities[rows]
                    f1 = binary_report(y, (p >= 0.5).astype(int))["macro_f1"]
                    parts.append(f"{rule}/{source} F1 {f1:.3f} AUC {ranking_report(y, p)['roc_auc']:.3f}")
        log(f"{candidate or 'default'}: " + " | ".join(parts))


def changed_settings(candidate):
    """train.SETTINGS with `candidate`'s changes: "a=1,b=x+y" (pairs split at commas, a "+"
    inside a value stands for a comma)."""
    import dataclasses

    changes = {
        key: value.replace("+", ",")
        for key, value in (pair.split("=") for pair in candidate.split(",") if pair)
    }
    return dataclasses.replace(
        SETTINGS, **{key: _typed(getattr(SETTINGS, key), value) for key, value in changes.items()}
    )


def _typed(current, value):
    if isinstance(current, bool):
        return value.lower() in ("1", "true", "yes")
    if current is None:
        return None if value == "None" else int(value)
    if isinstance(current, str):
        return value
    return type(current)(value)


def assessor_scores(fitted, corpus, rows, rule, ldnoobw):
    """assess(text).rules[rule].score with a model trained on this setting's rows only."""
    import tempfile

    from freigabe.assessment.assessor import assess
    from freigabe.assessment.model_store import loaded_from
    from freigabe.assessment.train import _dump, build_archive

    weights, intercepts, vocabulary = fitted
    with tempfile.TemporaryDirectory() as directory:
        archive = build_archive("bench", weights, intercepts, vocabulary, ldnoobw, corpus.texts)
        _dump(archive, Path(directory) / "toxicity.skops")
        with loaded_from(directory) as model:
            assert model is not None
            return np.array([assess(corpus.texts[i]).rules[rule].score for i in rows])


def _rule_column(rule):
    from freigabe.assessment.model import RULES

    return RULES.index(rule)


def figures(y, probabilities):
    predicted = (probabilities >= 0.5).astype(int)
    report = binary_report(y, predicted)
    result = {
        "macro_f1": report["macro_f1"],
        "macro_f1_ci95": list(bootstrap_interval(y, predicted)),
        "precision": report["precision"],
        "recall": report["recall"],
    }
    result.update(ranking_report(y, probabilities))
    return {
        key: (
            round(value, 4)
            if isinstance(value, float)
            else [round(v, 4) for v in value]
            if isinstance(value, list)
            else value
        )
        for key, value in result.items()
    }


def summary(name, entry):
    parts = [f"{name} (n={entry['n']})"]
    for label in ("ours", "assessor", "before", "reference"):
        if label in entry:
            f = entry[label]
            low, high = f["macro_f1_ci95"]
            parts.append(f"{label} {f['macro_f1']:.3f} [{low:.3f}–{high:.3f}] AUC {f['roc_auc']:.3f}")
    ratio = entry["ours"]["macro_f1"] / entry["reference"]["macro_f1"]
    return " | ".join(parts) + f" | ours/reference {ratio:.3f}"


def log(message):
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
