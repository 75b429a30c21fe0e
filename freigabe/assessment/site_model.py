"""A newsroom's own standard, learned from its editors' decisions, on top of the general assessor.

The general assessor knows what an insult is; it cannot know that one newsroom never
publishes comments that promote a competitor. A site model learns that from the site's
decisions and combines with the general scores instead of replacing them:

- labels: "reject" (the editors rejected or removed the comment) and every reason code
  with enough positive examples (MIN_POSITIVES);
- per label a logistic regression over hashed word and character n-grams, weighted by
  sublinear tf-idf as the plain reference weighs its n-grams (no vocabulary to store, so the
  archive stays small and holds only arrays: the weights and idf of the columns seen);
- per label a logistic stacker over [logit(general score), site logit], learned on
  out-of-fold site scores so that it trusts the site model only as far as it earned;
- thresholds for the site-level "reject" probability, chosen on the held-back slice.

Rules without learned data (advertising, off-topic, insinuation for most sites) keep the
general detector's score and evidence untouched. Plain Python, no Django.
"""

import functools
import math
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from freigabe.assessment.features import prepare, word_char_ngrams, word_ngrams
from freigabe.assessment.metrics import binary_report
from freigabe.assessment.model import positions_in
from freigabe.assessment.policy import SitePolicy, decide
from freigabe.assessment.result import RULE_CODES, Assessment

SEED = 20261129
REJECT = "reject"
LEARNABLE_REASONS = (*RULE_CODES, "other")
MIN_POSITIVES = 30
N_FEATURES = 2**20
# Character 2-5-grams inside words, as the reference: with 4-grams only and binary features
# the site model lost to the reference on a history the general model did not know
# (bench/site_vs_reference.py --foreign-site: macro-F1 0.742 against 0.754).
CHAR_NGRAMS = (2, 5)
# What format-1 archives (binary features, no idf) were trained on; they are scored with it.
FORMAT1_CHAR_NGRAMS = (4, 4)
# Stochastic gradient descent on the logistic loss: linear in the data, fixed epochs (reproducible).
SGD_ALPHA = 1e-5
SGD_EPOCHS = 10
OOF_FOLDS = 3
# The stacked probability is calibrated on out-of-fold scores, so 0.5 means "more likely
# rejected than not": worth an editor's closer look.
REVIEW_PROBABILITY = 0.5
# A threshold must flag a few held-back comments before its precision means anything.
MIN_FLAGGED = 5
_EPSILON = 1e-4
_ARCHIVE_FORMAT = "freigabe-site-model-2"  # 1: binary features, no idf (still read)
_OLD_FORMAT = "freigabe-site-model-1"
_DECISION_ORDER = {"release": 0, "review": 1, "reject": 2}


# --- features -------------------------------------------------------------------------


def text_tokens(text, char_ngrams=CHAR_NGRAMS):
    """Word uni/bigrams and in-word character n-grams of the normalised comment."""
    normalised = prepare(text).text
    tokens = ["w" + gram for gram in word_ngrams(normalised)]
    for word in normalised.split():
        tokens.extend("c" + gram for gram in word_char_ngrams(word, *char_ngrams))
    return tokens


@functools.cache
def hasher():
    """The feature hasher (imports scikit-learn: `freigabe.wsgi` calls this at start-up)."""
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(n_features=N_FEATURES, input_type="string", alternate_sign=False)


def hashed_counts(text, char_ngrams=CHAR_NGRAMS):
    """(sorted distinct hashed columns, how often each occurs) of one comment."""
    row = hasher().transform([text_tokens(text, char_ngrams)]).tocsr()
    row.sum_duplicates()
    return row.indices.astype(np.int64), row.data


def feature_matrix(texts, char_ngrams=CHAR_NGRAMS):
    """Hashed n-gram counts per comment (CSR, N_FEATURES columns); the scorer weighs them.
    A scorer reads a matrix made with its own `char_ngrams`."""
    matrix = hasher().transform(text_tokens(text, char_ngrams) for text in texts).tocsr()
    matrix.sum_duplicates()
    return matrix


def smooth_idf(local_counts):
    """idf of each column as scikit-learn's TfidfVectorizer computes it (smooth_idf=True)."""
    documents = local_counts.shape[0]
    frequency = np.bincount(local_counts.indices, minlength=local_counts.shape[1])
    return np.log((1 + documents) / (1 + frequency)) + 1.0


def local_features(matrix, columns, idf):
    """Hashed counts (feature_matrix) -> the features on `columns` (sorted): sublinear tf-idf,
    L2-normalised over the known columns, as the reference's TfidfVectorizer drops unseen
    n-grams. Without idf (archives of format 1): binary, normalised by the square root of
    all the comment's columns, known or not."""
    matrix = sp.csr_matrix(matrix)
    if not len(columns):
        return sp.csr_matrix((matrix.shape[0], 0))
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    positions = np.minimum(np.searchsorted(columns, matrix.indices), len(columns) - 1)
    known = columns[positions] == matrix.indices
    if idf is None:
        values = known.astype(np.float64)
        squares = np.ones(len(rows))
    else:
        values = np.where(known, (1.0 + np.log(np.maximum(matrix.data, 1.0))) * idf[positions], 0.0)
        squares = values * values
    norms = np.sqrt(np.bincount(rows, weights=squares, minlength=matrix.shape[0]))
    norms[norms == 0] = 1.0
    return sp.csr_matrix(
        (values / norms[rows], positions, matrix.indptr), shape=(matrix.shape[0], len(columns))
    )


def general_score(scores, label):
    """The general assessor's probability for a label: the rule's score, or the highest one."""
    if label == REJECT:
        return max(scores.get(code, 0.0) for code in RULE_CODES)
    return scores.get(label, 0.0)


def logit(probability):
    probability = min(1 - _EPSILON, max(_EPSILON, float(probability)))
    return math.log(probability / (1 - probability))


def sigmoid(value):
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, value))))


# --- the trained model -------------------------------------------------------------------


@dataclass
class Thresholds:
    """Site-level reject probability thresholds; reject None = never auto-reject.

    rules_decide: the general rules' own decision also counts (the stricter of both wins);
    False when inner validation showed that this site's editors judge differently from the
    general thresholds (the stacked probability still uses the general scores).
    """

    review: float = 0.5
    reject: float | None = None
    rules_decide: bool = True

    def to_dict(self):
        return {"review": self.review, "reject": self.reject, "rules_decide": self.rules_decide}


@dataclass(frozen=True)
class SiteConfig:
    """One candidate way of fitting a site model; learn() picks one by inner validation."""

    regressor: str = "sgd"  # "sgd" (stochastic gradient descent) or "lr" (liblinear)
    c: float = 1.0  # inverse regularisation of "lr"
    rules_decide: bool = True

    def to_dict(self):
        return {"regressor": self.regressor, "c": self.c, "rules_decide": self.rules_decide}


DEFAULT_CONFIG = SiteConfig()
# In order of preference when they validate equally well: the stacked probability already
# weighs the general scores by what they were worth on this site, so letting the general
# thresholds overrule it too mostly adds false alarms (measured on the synthetic newsroom).
CANDIDATE_CONFIGS = (
    SiteConfig("sgd", rules_decide=False),
    SiteConfig("lr", c=4.0, rules_decide=False),
    SiteConfig("lr", c=16.0, rules_decide=False),
    SiteConfig("sgd", rules_decide=True),
    SiteConfig("lr", c=4.0, rules_decide=True),
)


@dataclass
class SiteScorer:
    """A site's learned labels: linear weights on the hashed features used in training."""

    labels: tuple
    columns: np.ndarray  # sorted hashed feature indices that carry a weight
    weights: np.ndarray  # (len(labels), len(columns))
    intercepts: np.ndarray  # (len(labels),)
    stacking: np.ndarray  # (len(labels), 3): general logit, site logit, bias
    thresholds: Thresholds = field(default_factory=Thresholds)
    version: str = "site"
    idf: np.ndarray | None = None  # per column; None: a format-1 archive (binary features)

    @property
    def char_ngrams(self):
        """The character n-gram sizes this scorer was trained on (feature_matrix's argument)."""
        return FORMAT1_CHAR_NGRAMS if self.idf is None else CHAR_NGRAMS

    def site_logits(self, matrix):
        """(n, len(labels)) raw site logits for a matrix of hashed counts made with
        feature_matrix(texts, self.char_ngrams)."""
        return np.asarray(local_features(matrix, self.columns, self.idf) @ self.weights.T) + self.intercepts

    def comment_logits(self, text):
        """site_logits(feature_matrix([text], self.char_ngrams))[0], without sparse matrices."""
        columns, counts = hashed_counts(text, self.char_ngrams)
        if not len(columns) or not len(self.columns):
            return self.intercepts.copy()
        positions, found = positions_in(self.columns, columns)
        known = positions[found]
        if self.idf is None:  # binary, normalised over every column of the comment
            return self.weights[:, known].sum(axis=1) / math.sqrt(len(columns)) + self.intercepts
        values = (1.0 + np.log(counts[found])) * self.idf[known]
        norm = math.sqrt(float(values @ values)) or 1.0
        return self.weights[:, known] @ (values / norm) + self.intercepts

    def combined_probabilities(self, general_scores, site_logits):
        """{label: probability} for one comment from its general scores and site logits."""
        combined = {}
        for i, label in enumerate(self.labels):
            a, b, bias = self.stacking[i]
            combined[label] = sigmoid(
                a * logit(general_score(general_scores, label)) + b * site_logits[i] + bias
            )
        return combined

    def to_archive(self):
        return {
            "format": _OLD_FORMAT if self.idf is None else _ARCHIVE_FORMAT,
            "labels": "\n".join(self.labels),
            "columns": self.columns.astype(np.int64),
            "weights": self.weights.astype(np.float32),
            "intercepts": self.intercepts.astype(np.float64),
            "stacking": self.stacking.astype(np.float64),
            "review_threshold": float(self.thresholds.review),
            "rules_decide": int(self.thresholds.rules_decide),
            "reject_threshold": -1.0 if self.thresholds.reject is None else float(self.thresholds.reject),
            **({} if self.idf is None else {"idf": self.idf.astype(np.float32)}),
        }

    @classmethod
    def from_archive(cls, archive, version="site"):
        if archive.get("format") not in (_ARCHIVE_FORMAT, _OLD_FORMAT):
            raise ValueError(f"not a site model archive: {archive.get('format')!r}")
        reject = float(archive["reject_threshold"])
        return cls(
            labels=tuple(archive["labels"].split("\n")),
            columns=np.asarray(archive["columns"], dtype=np.int64),
            weights=np.asarray(archive["weights"], dtype=np.float64),
            intercepts=np.asarray(archive["intercepts"], dtype=np.float64),
            stacking=np.asarray(archive["stacking"], dtype=np.float64),
            thresholds=Thresholds(
                float(archive["review_threshold"]),
                None if reject < 0 else reject,
                bool(int(archive.get("rules_decide", 1))),
            ),
            version=version,
            idf=np.asarray(archive["idf"], dtype=np.float64) if "idf" in archive else None,
        )

    def to_bytes(self):
        import skops.io

        return skops.io.dumps(self.to_archive())

    @classmethod
    def from_bytes(cls, data, version="site"):
        """Load an archive of plain arrays; anything else in it is refused (see archive.py)."""
        from freigabe.assessment import archive

        return cls.from_archive(archive.load(bytes(data)), version=version)


# --- combining with the general assessment ------------------------------------------------


@dataclass
class SiteAssessment(Assessment):
    """The general assessment combined with a site model; adds what the site model said."""

    site_model: dict = field(default_factory=dict)

    def to_dict(self):
        result = super().to_dict()
        result["site_model"] = self.site_model
        return result


def suggest(scores, reject_probability, thresholds, policy):
    """The stricter of the rule-based decision and the site's reject probability (or the
    site's alone, when its thresholds say the rules' decision does not count)."""
    decision = decide(scores, policy) if thresholds.rules_decide else "release"
    if thresholds.reject is not None and reject_probability >= thresholds.reject:
        site_decision = "reject"
    elif reject_probability >= thresholds.review:
        site_decision = "review"
    else:
        site_decision = "release"
    return max(decision, site_decision, key=_DECISION_ORDER.__getitem__)


def combined_rule_scores(general_scores, combined):
    """Learned reason codes take the stacked probability; every other rule keeps its own."""
    scores = dict(general_scores)
    for label, probability in combined.items():
        if label != REJECT and label in scores:
            scores[label] = probability
    return scores


def combine(assessment, scorer, text, site_policy=None):
    """The assessment with the site model's knowledge added (a SiteAssessment)."""
    if scorer is None:
        return assessment
    policy = SitePolicy.from_options(site_policy)
    general = {code: rule.score for code, rule in assessment.rules.items()}
    combined = scorer.combined_probabilities(general, scorer.comment_logits(text))
    scores = combined_rule_scores(general, combined)
    rules = {code: type(rule)(scores[code], list(rule.evidence)) for code, rule in assessment.rules.items()}
    reject_probability = combined.get(REJECT, 0.0)
    return SiteAssessment(
        model_version=f"{assessment.model_version}+{scorer.version}",
        decision=suggest(scores, reject_probability, scorer.thresholds, policy),
        rules=rules,
        site_model={
            "version": scorer.version,
            "reject": round(reject_probability, 4),
            "thresholds": scorer.thresholds.to_dict(),
        },
    )


# --- training -----------------------------------------------------------------------------


def learnable_labels(rejected, reasons, min_positives=MIN_POSITIVES):
    """ "reject" plus each reason code with at least `min_positives` examples."""
    labels = [REJECT] if sum(rejected) >= min_positives else []
    for code in LEARNABLE_REASONS:
        if sum(code in given for given in reasons) >= min_positives:
            labels.append(code)
    return tuple(labels)


def label_targets(labels, rejected, reasons):
    """(n, len(labels)) 0/1 targets."""
    columns = []
    for label in labels:
        if label == REJECT:
            columns.append([int(value) for value in rejected])
        else:
            columns.append([int(label in given) for given in reasons])
    return np.asarray(columns, dtype=int).T


def fit_scorer(matrix, targets, labels, general_scores, jobs=1, seed=SEED, config=DEFAULT_CONFIG):
    """Fit the site model on the training slice: per label weights and a stacker."""
    from joblib import Parallel, delayed

    # Only hashed columns seen in training can get a weight; fitting on them alone keeps
    # the solver's work proportional to the data, not to N_FEATURES.
    columns = np.unique(matrix.indices).astype(np.int64)
    idf = smooth_idf(sp.csr_matrix(matrix[:, columns]))
    local = local_features(matrix, columns, idf)
    fitted = Parallel(n_jobs=jobs)(
        delayed(_fit_label)(
            local, targets[:, i], [general_score(s, label) for s in general_scores], seed, config
        )
        for i, label in enumerate(labels)
    )
    return SiteScorer(
        labels=tuple(labels),
        columns=columns,
        weights=np.vstack([coef for coef, _, _ in fitted]),
        intercepts=np.asarray([intercept for _, intercept, _ in fitted]),
        stacking=np.vstack([stack for _, _, stack in fitted]),
        thresholds=Thresholds(rules_decide=config.rules_decide),
        idf=idf,
    )


def _fit_label(matrix, y, general, seed, config=DEFAULT_CONFIG):
    """Site weights on all training rows, stacker on their out-of-fold site logits."""
    from sklearn.model_selection import StratifiedKFold

    # joblib hands workers read-only memory maps; the solver needs arrays it may write.
    matrix, y = sp.csr_matrix(matrix, copy=True), np.array(y)
    out_of_fold = np.zeros(len(y))
    folds = StratifiedKFold(
        n_splits=min(OOF_FOLDS, int(y.sum()), int(len(y) - y.sum())), shuffle=True, random_state=seed
    )
    for train_rows, held_rows in folds.split(np.zeros(len(y)), y):
        model = _site_regression(seed, config).fit(matrix[train_rows], y[train_rows])
        out_of_fold[held_rows] = model.decision_function(matrix[held_rows])
    final = _site_regression(seed, config).fit(matrix, y)
    return final.coef_[0], final.intercept_[0], _fit_stacker(general, out_of_fold, y, seed)


def _fit_stacker(general, site_logits, y, seed):
    """[general weight, site weight, bias]; a general score that never varies (no rule
    for the label, e.g. "other") carries no evidence and gets no weight."""
    from sklearn.linear_model import LogisticRegression

    general_logits = np.asarray([logit(value) for value in general])
    if np.ptp(general_logits) < 1e-6:
        stacker = LogisticRegression(C=1.0, random_state=seed).fit(site_logits.reshape(-1, 1), y)
        return np.array([0.0, stacker.coef_[0][0], stacker.intercept_[0]])
    stacker = LogisticRegression(C=1.0, random_state=seed).fit(
        np.column_stack([general_logits, site_logits]), y
    )
    return np.array([stacker.coef_[0][0], stacker.coef_[0][1], stacker.intercept_[0]])


def _site_regression(seed, config=DEFAULT_CONFIG):
    from sklearn.linear_model import LogisticRegression, SGDClassifier

    if config.regressor == "lr":
        return LogisticRegression(C=config.c, solver="liblinear", max_iter=1000, random_state=seed)
    return SGDClassifier(loss="log_loss", alpha=SGD_ALPHA, max_iter=SGD_EPOCHS, tol=None, random_state=seed)


def lowest_threshold_for_precision(truths, probabilities, target, min_flagged=MIN_FLAGGED):
    """The lowest probability t with precision(p >= t) >= target, or None if none reaches it."""
    truths = np.asarray(truths, dtype=int)
    probabilities = np.asarray(probabilities, dtype=float)
    order = np.argsort(-probabilities, kind="stable")
    sorted_p, sorted_y = probabilities[order], truths[order]
    hits = np.cumsum(sorted_y)
    flagged = np.arange(1, len(sorted_y) + 1)
    best = None
    for i in range(len(sorted_p)):
        # Only the last of equal probabilities marks a threshold's true cut.
        if i + 1 < len(sorted_p) and sorted_p[i + 1] == sorted_p[i]:
            continue
        if flagged[i] >= min_flagged and hits[i] / flagged[i] >= target:
            best = float(sorted_p[i])
    return best


def best_review_threshold(truths, decisions_at):
    """The review threshold (0.2–0.8) whose decisions give the best macro-F1;
    `decisions_at(t)` returns the 0/1 "not release" predictions at threshold t."""
    grid = np.round(np.arange(0.2, 0.801, 0.05), 2)
    scores = [binary_report(truths, decisions_at(t))["macro_f1"] for t in grid]
    best = np.flatnonzero(np.asarray(scores) >= max(scores) - 1e-9)
    return float(grid[best[len(best) // 2]]), float(max(scores))


def choose_thresholds(
    truths, reject_probabilities, target_precision, review=REVIEW_PROBABILITY, rules_decide=True
):
    """Reject: the lowest threshold reaching the site's target precision on the held-back
    slice, but never below REVIEW_PROBABILITY (nor the review threshold): on a small, well
    separated slice the lowest such threshold sits among the clean comments' tail, and a
    calibrated probability under one half cannot justify a rejection. Review: as given
    (chosen by inner validation on the training slice)."""
    reject = lowest_threshold_for_precision(truths, reject_probabilities, target_precision)
    if reject is not None:
        reject = max(reject, REVIEW_PROBABILITY, review)
    return Thresholds(review=review, reject=reject, rules_decide=rules_decide)
