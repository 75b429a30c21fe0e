"""The trained insult, aggression and insinuation classifier at inference time.

Training (train.py) stacks two linear models (logistic regression and an NB-SVM)
with a logistic calibrator. All three are linear, so training collapses them into
one weight vector per rule over the same features; inference is therefore one
sparse dot product per rule, and each feature's share of the score is exact, which
is what the evidence shows.

The file is a skops archive of plain arrays and strings (no estimator objects),
read by archive.py without importing scikit-learn (skops.io with an explicit list
of trusted types for anything else).
"""

import math
from itertools import repeat

import numpy as np

from freigabe.assessment.features import DENSE_FEATURE_NAMES, dense_features, word_char_ngrams, word_ngrams
from freigabe.assessment.memo import Memo
from freigabe.assessment.rules.off_topic import STOP_WORDS
from freigabe.assessment.rules.toxicity import detector_signals

# The rules training scores (train.py); a model file names its own in "rules".
RULES = ("insult", "aggression", "insinuation")
# Types inside the archive beyond skops' defaults; nothing else may load.
TRUSTED_TYPES = ["numpy.dtype", "numpy.float32", "numpy.float64", "numpy.str_"]
_EVIDENCE_MIN_CONTRIBUTION = 0.35
_EVIDENCE_MIN_PROBABILITY = 0.5
_MODEL_REASONS = {
    "insult": "Modell: Wort spricht für Beleidigung",
    "aggression": "Modell: Wort spricht für Aggression/Hass",
    "insinuation": "Modell: Wort spricht für Unterstellung",
}
_PUNCTUATION = ".,;:!?\"'()[]{}-*#"


class ToxicityModel:
    """Calibrated P(rule) for each rule of the file (insult, aggression and, since December
    2026, insinuation) from word, character and lexicon features."""

    def __init__(self, archive):
        self.version = str(archive["version"])
        self.rules = tuple(str(rule) for rule in archive["rules"])
        self._word_index = {term: i for i, term in enumerate(decode_terms(archive["word_terms"]))}
        self._char_index = {term: i for i, term in enumerate(decode_terms(archive["char_terms"]))}
        self._word_idf = archive["word_idf"].astype(np.float64)
        self._char_idf = archive["char_idf"].astype(np.float64)
        self._char_offset = len(self._word_index)
        self._dense_offset = self._char_offset + len(self._char_index)
        # Models trained since issue 12 also weigh the detectors' signals (rules/toxicity.py);
        # older files have the lexicon features only.
        self._uses_signals = len(archive["dense_features"]) > len(DENSE_FEATURE_NAMES)
        self._weights = archive["weights"].astype(np.float64)
        self._intercepts = archive["intercepts"].astype(np.float64)
        self._ldnoobw = frozenset(decode_terms(archive["ldnoobw"]))
        self.idf = dict(zip(decode_terms(archive["stem_terms"]), archive["stem_idf"].astype(float).tolist()))
        self.default_idf = float(archive["stem_default_idf"])
        # Per-word memos read from C via map(); filled on demand, bounded.
        self._char_column_tuples = Memo(self._char_columns, 100_000)
        self._char_arrays = Memo(self._char_array, 100_000)
        self._candidates = Memo(self._candidate, 100_000)

    @classmethod
    def load(cls, path):
        from freigabe.assessment import archive

        return cls(archive.load(path, trusted=TRUSTED_TYPES))

    def term_weight(self, stem):
        """How specific a stemmed word is (for the off-topic overlap)."""
        return self.idf.get(stem, self.default_idf)

    def score(self, text, normalised_text, hits, signals=None):
        """({rule: probability}, {rule: [(start, end, why)]}) in normalised coordinates.

        signals: the detectors' vector (rules/toxicity.SIGNAL_NAMES) of the comment, which
        score_toxicity has at hand; computed from `normalised_text` when not given.
        """
        grams = word_ngrams(normalised_text)
        word_columns = np.fromiter(
            map(self._word_index.get, grams, repeat(-1, len(grams))), dtype=np.int64, count=len(grams)
        )
        word_columns = word_columns[word_columns >= 0]  # n-grams outside the vocabulary
        char_arrays = list(map(self._char_arrays.__getitem__, normalised_text.split()))
        char_columns = np.concatenate(char_arrays) if char_arrays else _NO_COLUMNS
        word_features = _tfidf(word_columns, self._word_idf)
        char_features = _tfidf(char_columns, self._char_idf, self._char_offset)
        dense = dense_features(text, normalised_text, hits, self._ldnoobw)
        if self._uses_signals:
            if signals is None:
                signals = detector_signals(normalised_text)
            dense = dense + list(signals)
        dense = np.asarray(dense)

        # One gather and one product for all sparse features (word and character n-grams).
        index = np.concatenate((word_features[0], char_features[0]))
        values = np.concatenate((word_features[1], char_features[1]))
        rows = self._weights.take(index, axis=0)  # several times faster than self._weights[index]
        logits = self._intercepts + dense @ self._weights[self._dense_offset :] + values @ rows
        probabilities = {rule: _sigmoid(logits[i]) for i, rule in enumerate(self.rules)}
        explained = [
            i for i, rule in enumerate(self.rules) if probabilities[rule] >= _EVIDENCE_MIN_PROBABILITY
        ]
        if not explained:
            return probabilities, {}
        # Per rule, per feature: value × weight, the feature's exact share of the logit.
        shares = {column: values * rows[:, column] for column in explained}
        return probabilities, self._explain(normalised_text, word_features[0], char_features[0], shares)

    def _char_columns(self, word):
        """Columns of the word's character n-grams (memoised in self._char_column_tuples)."""
        lookup = self._char_index.get
        return tuple(column for column in map(lookup, word_char_ngrams(word)) if column is not None)

    def _char_array(self, word):
        """The word's character n-gram columns as an array (memoised in self._char_arrays)."""
        return np.array(self._char_column_tuples[word], dtype=np.int64)

    def _candidate(self, word):
        """(core, offset of core in word, weight rows of its distinct character n-grams,
        its word column or -1) for a word that may be shown as evidence, else None
        (memoised in self._candidates)."""
        core = word.strip(_PUNCTUATION)
        if len(core) < 3 or core in STOP_WORDS or _is_identity_term(core):
            return None
        offset = self._char_offset
        rows = np.array([offset + column for column in set(self._char_column_tuples[word])], dtype=np.int64)
        return (core, word.index(core), rows, self._word_index.get(core, -1))

    def _explain(self, normalised_text, word_index, char_index, shares):
        """Per rule, the words whose features raised its score most (at most three).

        A word's contribution is the share of its own word feature plus the shares of
        its distinct character n-grams. All candidate words are summed at once (one
        `bincount` per rule) instead of a Python loop per word and rule. `shares` maps
        each rule's column to its per-feature shares (word features first, then characters).
        """
        # Each distinct word once, in order of its first occurrence (a repeated word adds
        # nothing: its core is seen by then), with where it first starts.
        first_start, position = {}, 0
        for word in normalised_text.split(" "):
            if word not in first_start:
                first_start[word] = position
            position += len(word) + 1
        seen, spans, arrays, own_columns = set(), [], [], []
        for (_word, start), found in zip(first_start.items(), map(self._candidates.__getitem__, first_start)):
            if found is None:
                continue
            core, offset, rows, own_column = found
            if core in seen:
                continue
            seen.add(core)
            spans.append((start + offset, start + offset + len(core)))
            arrays.append(rows)
            own_columns.append(own_column)
        if not spans:
            return {self.rules[column]: [] for column in shares}

        count = len(spans)
        owners = np.arange(count).repeat([len(rows) for rows in arrays])
        char_rows = np.concatenate(arrays)
        # Rows of `shares`: the word features first, then the character n-grams.
        char_at, char_present = positions_in(char_index, char_rows)
        char_at += len(word_index)
        word_at, word_present = positions_in(word_index, np.asarray(own_columns, dtype=np.int64))

        explained = {}
        for column, share in shares.items():
            own = np.where(word_present, share.take(word_at), 0.0) if len(word_index) else np.zeros(count)
            char_share = (
                np.where(char_present, share.take(char_at), 0.0)
                if len(char_index)
                else np.zeros(len(char_rows))
            )
            contributions = (own + np.bincount(owners, weights=char_share, minlength=count)).tolist()
            found = [
                (contribution, start, end)
                for contribution, (start, end) in zip(contributions, spans)
                if contribution >= _EVIDENCE_MIN_CONTRIBUTION
            ]
            reason = _MODEL_REASONS[self.rules[column]]
            explained[self.rules[column]] = [
                (start, end, reason) for _, start, end in sorted(found, reverse=True)[:3]
            ]
        return explained


_NO_COLUMNS = np.zeros(0, dtype=np.int64)


def positions_in(sorted_index, wanted):
    """(positions of `wanted` in the sorted array `sorted_index`, which were found)."""
    if not len(sorted_index):
        return np.zeros(len(wanted), dtype=np.int64), np.zeros(len(wanted), dtype=bool)
    at = np.minimum(sorted_index.searchsorted(wanted), len(sorted_index) - 1)
    return at, sorted_index[at] == wanted


# Groups, parties and identities are what hate speech is about, not evidence of it: the
# model leans on them (a known bias), but we never highlight them as the reason.
_IDENTITY_STEMS = (
    "fluechtling",
    "migrant",
    "auslaender",
    "asyl",
    "muslim",
    "moslem",
    "islam",
    "jude",
    "juedi",
    "christ",
    "tuerk",
    "araber",
    "afrikan",
    "deutsch",
    "russ",
    "pole",
    "roma",
    "sinti",
    "schwul",
    "lesb",
    "trans",
    "frau",
    "maenner",
    "gruen",
    "afd",
    "spd",
    "cdu",
    "csu",
    "fdp",
    "linke",
    "merkel",
    "regierung",
    "politiker",
    "volk",
    "kopftuch",
    "schwarz",
    "weiss",
    "kinder",
    "leute",
    "menschen",
)


def _is_identity_term(word):
    return word.strip(_PUNCTUATION).startswith(_IDENTITY_STEMS)


def decode_terms(encoded):
    """The inverse of train.encode_terms: a UTF-8 byte array of newline-joined terms."""
    text = encoded.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def _tfidf(columns, idf, offset=0):
    """(weight rows, values): sublinear tf × idf, L2-normalised over the known features."""
    if not len(columns):
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    index, counts = _distinct_with_counts(columns)
    values = (1.0 + np.log(counts)) * idf[index]
    values /= np.sqrt(values @ values)
    return index + offset, values


def _distinct_with_counts(columns):
    """np.unique(columns, return_counts=True) without its overhead (a third of the
    time for the few hundred columns of a comment)."""
    ordered = columns.copy()
    ordered.sort()
    first = np.empty(len(ordered), dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    starts = first.nonzero()[0]
    counts = np.empty(len(starts), dtype=np.intp)
    np.subtract(starts[1:], starts[:-1], out=counts[:-1])
    counts[-1] = len(ordered) - starts[-1]
    return ordered[starts], counts


def _sigmoid(z):
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))
