"""Train the insult and aggression models from the shared datasets.

    train(data_dir, out_dir, progress=callback)

Label mapping (see MODEL_CARD.md for the reasoning):
- insult: GermEval 2018 OFFENSE (INSULT, PROFANITY and ABUSE: abusive tweets degrade
  people, which our insult rule covers) = 1, GermEval OTHER = 0, GAHD sentences from
  news texts that are not hate speech = 0. GAHD and IWG otherwise do not say whether a
  text insults, so they are left out of this rule.
- aggression: GermEval ABUSE = 1, OTHER = 0, INSULT/PROFANITY left out (an insult of one
  person is not hate); GAHD hate = 1, not hate = 0; IWG: both experts "yes", or one "yes"
  with a rating of 4–6 = 1; both "no" with a rating of 1–2 = 0; the rest left out.

Per rule, a logistic regression and an NB-SVM (linear SVM on log-count-ratio scaled
features) are stacked by a logistic calibrator trained on their out-of-fold scores.
The three linear steps collapse into one weight vector (model.py). Quality is measured
by 5-fold cross-validation of the whole procedure (vocabulary and idf included).
"""

import csv
import datetime
import json
import math
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from freigabe.assessment.features import (
    DENSE_FEATURE_NAMES, char_ngrams, dense_features, lexicon_hits, prepare, squeezed_word_set, word_ngrams,
)
from freigabe.assessment.metrics import binary_report, bootstrap_interval, calibration_summary
from freigabe.assessment.model import RULES
from freigabe.assessment.model_card import write_model_card
from freigabe.assessment.rules.off_topic import content_words

SEED = 20240611
FOLDS = 5
INNER_FOLDS = 3
WORD_MIN_DF, WORD_MAX_FEATURES = 2, 30000
CHAR_MIN_DF, CHAR_MAX_FEATURES = 3, 60000
LR_C = 4.0
SVM_C = 0.1
NB_ALPHA = 1.0
BLOCK_SCALE = {"word": 1.0, "char": 1.0, "dense": 1.0}
EXCLUDED = -1

GERMEVAL_FILE = Path("germeval2018") / "germeval2018.training.txt"
GAHD_FILE = Path("gahd") / "gahd_disaggregated.csv"
IWG_FILE = Path("iwg-hatespeech-refugees") / "german hatespeech refugees.csv"
LDNOOBW_FILES = (Path("ldnoobw-de") / "de", Path("ldnoobw-v2-de") / "de.txt")


@dataclass
class Corpus:
    texts: list
    sources: list
    labels: dict  # rule -> np.ndarray of 1, 0 or EXCLUDED


def print_progress(message, fraction):
    print(f"[{fraction:4.0%}] {message}", file=sys.stderr, flush=True)


def train(data_dir, out_dir, progress=print_progress, sample=None, folds=FOLDS, seed=SEED):
    """Train, cross-validate and write toxicity.skops, metrics.json and MODEL_CARD.md.

    sample: train on a random subsample of this many texts (for quick tests).
    Returns the metrics dict.
    """
    started = time.monotonic()
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    progress("loading datasets", 0.0)
    corpus = load_corpus(data_dir)
    if sample:
        corpus = _subsample(corpus, sample, seed)
    ldnoobw = load_ldnoobw(data_dir)
    progress(f"extracting features from {len(corpus.texts)} texts", 0.03)
    features = CorpusFeatures(corpus.texts, ldnoobw)

    metrics = {"rules": {}, "cross_validation": {"folds": folds, "inner_folds": INNER_FOLDS, "seed": seed}}
    if folds > 1:
        out_of_fold = cross_validate(features, corpus, folds, seed, progress)
        for rule in RULES:
            metrics["rules"][rule] = rule_metrics(corpus, rule, out_of_fold[rule], seed)

    progress("fitting the final models on all data", 0.85)
    weights, intercepts, vocabulary = fit_final(features, corpus, seed)
    version = f"toxicity-{datetime.date.today():%Y%m%d}-s{seed}"
    archive = build_archive(version, weights, intercepts, vocabulary, ldnoobw, corpus.texts)
    out_dir.mkdir(parents=True, exist_ok=True)
    _dump(archive, out_dir / "toxicity.skops")

    metrics.update(_provenance(corpus, version, time.monotonic() - started))
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    progress("scoring the house-rules test set and writing the model card", 0.97)
    metrics = write_model_card(out_dir, metrics)
    progress(f"done in {time.monotonic() - started:.0f} s: {out_dir}", 1.0)
    return metrics


# --- data -----------------------------------------------------------------------------

def load_corpus(data_dir):
    texts, sources, insult, aggression = [], [], [], []

    def add(text, source, insult_label, aggression_label):
        texts.append(text)
        sources.append(source)
        insult.append(insult_label)
        aggression.append(aggression_label)

    with open(data_dir / GERMEVAL_FILE, encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            text, coarse, fine = parts[0].replace("|LBR|", "\n"), parts[1], parts[2]
            aggression_label = {"ABUSE": 1, "OTHER": 0}.get(fine, EXCLUDED)
            add(text, "germeval2018", 1 if coarse == "OFFENSE" else 0, aggression_label)

    with open(data_dir / GAHD_FILE, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            hate = int(row["label"])
            insult_label = 0 if (row["source"] == "news" and hate == 0) else EXCLUDED
            add(row["text"], "gahd", insult_label, hate)

    with open(data_dir / IWG_FILE, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            add(row["Tweet"], "iwg", EXCLUDED, _iwg_label(row))

    return _deduplicate(Corpus(texts, sources, {"insult": np.array(insult), "aggression": np.array(aggression)}))


def _iwg_label(row):
    votes = [row["HatespeechOrNot (Expert 1)"] == "YES", row["HatespeechOrNot (Expert 2)"] == "YES"]
    rating = int(row["Hatespeech Rating (Expert 2)"] or 0)
    if all(votes) or (any(votes) and rating >= 4):
        return 1
    if not any(votes) and rating <= 2:
        return 0
    return EXCLUDED


def _deduplicate(corpus):
    seen, keep = set(), []
    for i, text in enumerate(corpus.texts):
        key = " ".join(text.lower().split())
        if key not in seen:
            seen.add(key)
            keep.append(i)
    return _select(corpus, np.array(keep))


def _subsample(corpus, size, seed):
    rng = np.random.default_rng(seed)
    rows = np.sort(rng.choice(len(corpus.texts), size=min(size, len(corpus.texts)), replace=False))
    return _select(corpus, rows)


def _select(corpus, rows):
    return Corpus([corpus.texts[i] for i in rows], [corpus.sources[i] for i in rows],
                  {rule: labels[rows] for rule, labels in corpus.labels.items()})


def load_ldnoobw(data_dir):
    words = []
    for relative in LDNOOBW_FILES:
        path = data_dir / relative
        if path.exists():
            words.extend(path.read_text(encoding="utf-8").splitlines())
    return squeezed_word_set(words)


# --- features ---------------------------------------------------------------------------

class CorpusFeatures:
    """Raw n-gram counts for every text, computed once; folds pick vocabulary and idf."""

    def __init__(self, texts, ldnoobw):
        prepared = [prepare(text).text for text in texts]
        self.word_counts, self.word_terms = _count(prepared, word_ngrams)
        self.char_counts, self.char_terms = _count(prepared, char_ngrams)
        self.dense = sp.csr_matrix(np.array([
            dense_features(text, clean, lexicon_hits(clean), ldnoobw) for text, clean in zip(texts, prepared)
        ]))

    def fit(self, rows):
        """Vocabulary and idf learnt from `rows` only."""
        word_columns, word_idf = _select_terms(self.word_counts[rows], WORD_MIN_DF, WORD_MAX_FEATURES)
        char_columns, char_idf = _select_terms(self.char_counts[rows], CHAR_MIN_DF, CHAR_MAX_FEATURES)
        return FoldVocabulary(word_columns, word_idf, self.word_terms[word_columns],
                              char_columns, char_idf, self.char_terms[char_columns])

    def matrix(self, vocabulary, rows):
        return sp.hstack([
            _tfidf(self.word_counts[rows][:, vocabulary.word_columns], vocabulary.word_idf) * BLOCK_SCALE["word"],
            _tfidf(self.char_counts[rows][:, vocabulary.char_columns], vocabulary.char_idf) * BLOCK_SCALE["char"],
            self.dense[rows] * BLOCK_SCALE["dense"],
        ]).tocsr()


@dataclass
class FoldVocabulary:
    word_columns: np.ndarray
    word_idf: np.ndarray
    word_terms: np.ndarray
    char_columns: np.ndarray
    char_idf: np.ndarray
    char_terms: np.ndarray


def _count(texts, analyzer):
    vectorizer = CountVectorizer(analyzer=analyzer, dtype=np.float32)
    counts = vectorizer.fit_transform(texts).tocsr()
    return counts, vectorizer.get_feature_names_out()


def _select_terms(counts, min_df, max_features):
    """Columns with document frequency >= min_df, the most frequent first; and their idf."""
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    columns = np.flatnonzero(df >= min_df)
    columns = columns[np.argsort(-df[columns], kind="stable")][:max_features]
    columns.sort()
    n_docs = counts.shape[0]
    idf = np.log((1 + n_docs) / (1 + df[columns])) + 1.0
    return columns, idf.astype(np.float64)


def _tfidf(counts, idf):
    """Sublinear tf × idf, rows L2-normalised: the same as model._tfidf."""
    matrix = sp.csr_matrix(counts, dtype=np.float64)
    matrix.data = 1.0 + np.log(matrix.data)
    matrix = matrix @ sp.diags(idf)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms) @ matrix


# --- models -----------------------------------------------------------------------------

def fit_rule(X, y, seed):
    """Stack LR and NB-SVM with a logistic calibrator; return the collapsed (w, b)."""
    out_of_fold = np.zeros((len(y), 2))
    inner = StratifiedKFold(INNER_FOLDS, shuffle=True, random_state=seed)
    for train_rows, score_rows in inner.split(X, y):
        bases = _fit_bases(X[train_rows], y[train_rows], seed)
        out_of_fold[score_rows] = _base_scores(bases, X[score_rows])
    bases = _fit_bases(X, y, seed)
    calibrator = LogisticRegression(C=1.0, solver="lbfgs").fit(out_of_fold, y)
    return _collapse(bases, calibrator)


def _fit_bases(X, y, seed):
    logistic = LogisticRegression(C=LR_C, solver="liblinear", class_weight="balanced", max_iter=2000,
                                  random_state=seed).fit(X, y)
    ratio = _log_count_ratio(X, y)
    svm = LinearSVC(C=SVM_C, class_weight="balanced", max_iter=5000, random_state=seed).fit(X @ sp.diags(ratio), y)
    return logistic, ratio, svm


def _log_count_ratio(X, y):
    """NB log-count ratio of binarised features (Wang & Manning's NB-SVM)."""
    present = (X > 0).astype(np.float64)
    positive = NB_ALPHA + np.asarray(present[y == 1].sum(axis=0)).ravel()
    negative = NB_ALPHA + np.asarray(present[y == 0].sum(axis=0)).ravel()
    return np.log((positive / positive.sum()) / (negative / negative.sum()))


def _base_scores(bases, X):
    logistic, ratio, svm = bases
    return np.column_stack([logistic.decision_function(X), svm.decision_function(X @ sp.diags(ratio))])


def _collapse(bases, calibrator):
    logistic, ratio, svm = bases
    a, b = calibrator.coef_[0]
    weights = a * logistic.coef_[0] + b * ratio * svm.coef_[0]
    intercept = calibrator.intercept_[0] + a * logistic.intercept_[0] + b * svm.intercept_[0]
    return weights, float(intercept)


def _predict(weights, intercept, X):
    return 1.0 / (1.0 + np.exp(-(X @ weights + intercept)))


def cross_validate(features, corpus, folds, seed, progress, jobs=2):
    """Out-of-fold probabilities per rule (NaN where the rule's label is excluded).

    Folds run in two threads: liblinear releases the GIL while it fits.
    """
    strata = [f"{s}|{corpus.labels['insult'][i]}|{corpus.labels['aggression'][i]}" for i, s in enumerate(corpus.sources)]
    strata = _merge_rare(strata, folds)
    outer = StratifiedKFold(folds, shuffle=True, random_state=seed)
    splits = list(outer.split(np.zeros(len(strata)), strata))
    finished = []

    def run_fold(number, train_rows, test_rows):
        vocabulary = features.fit(train_rows)
        X_train, X_test = features.matrix(vocabulary, train_rows), features.matrix(vocabulary, test_rows)
        predictions = {}
        for rule in RULES:
            labels = corpus.labels[rule]
            usable = labels[train_rows] != EXCLUDED
            weights, intercept = fit_rule(X_train[usable], labels[train_rows][usable], seed)
            scored = test_rows[labels[test_rows] != EXCLUDED]
            predictions[rule] = (scored, _predict(weights, intercept, X_test[labels[test_rows] != EXCLUDED]))
        finished.append(number)
        progress(f"cross-validation: fold {number} done ({len(finished)}/{folds})", 0.05 + 0.8 * len(finished) / folds)
        return predictions

    progress(f"cross-validation: {folds} folds in {jobs} threads", 0.05)
    results = Parallel(n_jobs=jobs, prefer="threads")(
        delayed(run_fold)(number, train_rows, test_rows)
        for number, (train_rows, test_rows) in enumerate(splits, start=1)
    )
    out_of_fold = {rule: np.full(len(corpus.texts), np.nan) for rule in RULES}
    for predictions in results:
        for rule, (rows, probabilities) in predictions.items():
            out_of_fold[rule][rows] = probabilities
    return out_of_fold


def _merge_rare(strata, folds):
    counts = {}
    for key in strata:
        counts[key] = counts.get(key, 0) + 1
    return [key if counts[key] >= folds else key.split("|")[0] for key in strata]


def fit_final(features, corpus, seed):
    rows = np.arange(len(corpus.texts))
    vocabulary = features.fit(rows)
    X = features.matrix(vocabulary, rows)
    weights, intercepts = [], []
    for rule in RULES:
        labels = corpus.labels[rule]
        usable = labels != EXCLUDED
        w, b = fit_rule(X[usable], labels[usable], seed)
        weights.append(w)
        intercepts.append(b)
    return np.column_stack(weights), np.array(intercepts), vocabulary


# --- metrics ----------------------------------------------------------------------------

def rule_metrics(corpus, rule, probabilities, seed):
    labels = corpus.labels[rule]
    scored = labels != EXCLUDED
    y, p = labels[scored], probabilities[scored]
    predicted = (p >= 0.5).astype(int)
    report = binary_report(y, predicted)
    low, high = bootstrap_interval(y, predicted, seed=seed)
    sources = np.array(corpus.sources)[scored]
    by_source = {}
    for source in sorted(set(sources)):
        members = sources == source
        entry = {"n": int(members.sum()), "positives": int(y[members].sum())}
        if 0 < entry["positives"] < entry["n"]:
            entry["macro_f1"] = binary_report(y[members], predicted[members])["macro_f1"]
        else:  # one class only (e.g. news sentences as insult negatives): how often we flag them
            entry["flag_rate"] = float(predicted[members].mean())
        by_source[str(source)] = entry
    return {
        "n": report["n"], "positives": int(y.sum()), "threshold": 0.5,
        "macro_f1": report["macro_f1"], "macro_f1_ci95": [low, high],
        "precision": report["precision"], "recall": report["recall"],
        "per_class": report["per_class"], "confusion_matrix": report["confusion_matrix"],
        "calibration": calibration_summary(y, p),
        "by_source": by_source,
    }


# --- writing ----------------------------------------------------------------------------

def build_archive(version, weights, intercepts, vocabulary, ldnoobw, texts):
    """Everything inference needs, as plain arrays (see model.ToxicityModel)."""
    stems, stem_idf, default_idf = _stem_weights(texts)
    return {
        "format": 1,
        "version": version,
        "rules": list(RULES),
        "dense_features": list(DENSE_FEATURE_NAMES),
        "word_terms": encode_terms(vocabulary.word_terms.tolist()),
        "word_idf": vocabulary.word_idf.astype(np.float32),
        "char_terms": encode_terms(vocabulary.char_terms.tolist()),
        "char_idf": vocabulary.char_idf.astype(np.float32),
        "weights": _scaled_weights(weights, vocabulary).astype(np.float32),
        "intercepts": intercepts.astype(np.float64),
        "ldnoobw": encode_terms(sorted(ldnoobw)),
        "stem_terms": encode_terms(stems),
        "stem_idf": stem_idf.astype(np.float32),
        "stem_default_idf": float(default_idf),
    }


def encode_terms(terms):
    """Terms as one UTF-8 byte array (compact, and fast to load)."""
    return np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8).copy()


def _scaled_weights(weights, vocabulary):
    """Fold the block scales into the weights, so inference needs no scaling."""
    n_word, n_char = len(vocabulary.word_columns), len(vocabulary.char_columns)
    scale = np.concatenate([
        np.full(n_word, BLOCK_SCALE["word"]), np.full(n_char, BLOCK_SCALE["char"]),
        np.full(weights.shape[0] - n_word - n_char, BLOCK_SCALE["dense"]),
    ])
    return weights * scale[:, None]


def _stem_weights(texts):
    """Inverse document frequency of stemmed content words, for off-topic overlap."""
    document_frequency = {}
    for text in texts:
        for stem in set(content_words(prepare(text).text)):
            if not stem[0].isdigit():
                document_frequency[stem] = document_frequency.get(stem, 0) + 1
    n_docs = len(texts)
    kept = sorted(stem for stem, df in document_frequency.items() if df >= 2)
    idf = np.array([math.log((n_docs + 1) / (document_frequency[stem] + 1)) + 1 for stem in kept])
    return kept, idf, math.log((n_docs + 1) / 2) + 1


def _dump(archive, path):
    import zipfile

    import skops.io

    skops.io.dump(archive, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)


def _provenance(corpus, version, seconds):
    counts = {}
    for rule in RULES:
        labels = corpus.labels[rule]
        counts[rule] = {"positives": int((labels == 1).sum()), "negatives": int((labels == 0).sum()),
                        "excluded": int((labels == EXCLUDED).sum())}
    return {
        "model_version": version,
        "trained_on": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "training_seconds": round(seconds, 1),
        "n_texts": len(corpus.texts),
        "label_counts": counts,
        "hyperparameters": {
            "word_min_df": WORD_MIN_DF, "word_max_features": WORD_MAX_FEATURES,
            "char_min_df": CHAR_MIN_DF, "char_max_features": CHAR_MAX_FEATURES, "char_ngram_range": [2, 5],
            "lr_C": LR_C, "svm_C": SVM_C, "nb_alpha": NB_ALPHA, "block_scale": BLOCK_SCALE,
        },
        "environment": {"python": platform.python_version(), "sklearn": _version_of("sklearn"),
                        "numpy": np.__version__},
    }


def _version_of(module):
    return __import__(module).__version__
