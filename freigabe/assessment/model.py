"""The trained insult and aggression classifier at inference time.

Training (train.py) stacks two linear models (logistic regression and an NB-SVM)
with a logistic calibrator. All three are linear, so training collapses them into
one weight vector per rule over the same features; inference is therefore one
sparse dot product per rule, and each feature's share of the score is exact, which
is what the evidence shows.

The file is a skops archive of plain arrays and strings (no estimator objects),
loaded with an explicit list of trusted types.
"""

import math

import numpy as np

from freigabe.assessment.features import dense_features, word_char_ngrams, word_ngrams
from freigabe.assessment.rules.off_topic import STOP_WORDS

RULES = ("insult", "aggression")
# Types inside the archive beyond skops' defaults; nothing else may load.
TRUSTED_TYPES = ["numpy.dtype", "numpy.float32", "numpy.float64", "numpy.str_"]
_EVIDENCE_MIN_CONTRIBUTION = 0.35
_EVIDENCE_MIN_PROBABILITY = 0.5
_MODEL_REASONS = {"insult": "Modell: Wort spricht für Beleidigung", "aggression": "Modell: Wort spricht für Aggression/Hass"}
_PUNCTUATION = ".,;:!?\"'()[]{}-*#"


class ToxicityModel:
    """Calibrated P(insult) and P(aggression) from word, character and lexicon features."""

    def __init__(self, archive):
        self.version = str(archive["version"])
        self._word_index = {term: i for i, term in enumerate(decode_terms(archive["word_terms"]))}
        self._char_index = {term: i for i, term in enumerate(decode_terms(archive["char_terms"]))}
        self._word_idf = archive["word_idf"].astype(np.float64)
        self._char_idf = archive["char_idf"].astype(np.float64)
        self._char_offset = len(self._word_index)
        self._dense_offset = self._char_offset + len(self._char_index)
        self._weights = archive["weights"].astype(np.float64)
        self._intercepts = archive["intercepts"].astype(np.float64)
        self._ldnoobw = frozenset(decode_terms(archive["ldnoobw"]))
        self.idf = dict(zip(decode_terms(archive["stem_terms"]), archive["stem_idf"].astype(float).tolist()))
        self.default_idf = float(archive["stem_default_idf"])
        self._char_column_cache = {}

    @classmethod
    def load(cls, path):
        import skops.io

        return cls(skops.io.load(path, trusted=TRUSTED_TYPES))

    def term_weight(self, stem):
        """How specific a stemmed word is (for the off-topic overlap)."""
        return self.idf.get(stem, self.default_idf)

    def score(self, text, normalised_text, hits):
        """({rule: probability}, {rule: [(start, end, why)]}) in normalised coordinates."""
        word_columns = [column for column in map(self._word_index.get, word_ngrams(normalised_text)) if column is not None]
        char_columns = []
        for word in normalised_text.split():
            char_columns.extend(self._char_columns(word))
        word_features = _tfidf(word_columns, self._word_idf)
        char_features = _tfidf(char_columns, self._char_idf, self._char_offset)
        dense = np.asarray(dense_features(text, normalised_text, hits, self._ldnoobw))

        logits = self._intercepts + dense @ self._weights[self._dense_offset:]
        for index, values in (word_features, char_features):
            logits += values @ self._weights[index]
        probabilities = {rule: _sigmoid(logits[i]) for i, rule in enumerate(RULES)}
        explained = [i for i, rule in enumerate(RULES) if probabilities[rule] >= _EVIDENCE_MIN_PROBABILITY]
        spans = self._explain(normalised_text, word_features, char_features, explained) if explained else {}
        return probabilities, spans

    def _char_columns(self, word):
        """Columns of the word's character n-grams (cached per word)."""
        columns = self._char_column_cache.get(word)
        if columns is None:
            if len(self._char_column_cache) > 100_000:
                self._char_column_cache.clear()
            lookup = self._char_index.get
            columns = tuple(column for column in map(lookup, word_char_ngrams(word)) if column is not None)
            self._char_column_cache[word] = columns
        return columns

    def _explain(self, normalised_text, word_features, char_features, columns):
        """Per rule, the words whose features raised its score most (at most three)."""
        explained = {}
        for column in columns:
            share = self._contributions(word_features, column)
            share.update(self._contributions(char_features, column))
            found, seen, position = [], set(), 0
            for word in normalised_text.split(" "):
                start, position = position, position + len(word) + 1
                core = word.strip(_PUNCTUATION)
                if len(core) < 3 or core in seen or core in STOP_WORDS or _is_identity_term(core):
                    continue
                seen.add(core)
                contribution = share.get(self._word_index.get(core, -1), 0.0)
                contribution += sum(share.get(self._char_offset + index, 0.0) for index in set(self._char_columns(word)))
                if contribution >= _EVIDENCE_MIN_CONTRIBUTION:
                    core_start = start + word.index(core)
                    found.append((contribution, core_start, core_start + len(core)))
            reason = _MODEL_REASONS[RULES[column]]
            explained[RULES[column]] = [(start, end, reason) for _, start, end in sorted(found, reverse=True)[:3]]
        return explained

    def _contributions(self, features, column):
        """{weight row: value × weight} of one rule for the features present in the comment."""
        index, values = features
        return dict(zip(index.tolist(), (values * self._weights[index, column]).tolist()))


# Groups, parties and identities are what hate speech is about, not evidence of it: the
# model leans on them (a known bias), but we never highlight them as the reason.
_IDENTITY_STEMS = (
    "fluechtling", "migrant", "auslaender", "asyl", "muslim", "moslem", "islam", "jude", "juedi", "christ",
    "tuerk", "araber", "afrikan", "deutsch", "russ", "pole", "roma", "sinti", "schwul", "lesb", "trans",
    "frau", "maenner", "gruen", "afd", "spd", "cdu", "csu", "fdp", "linke", "merkel", "regierung", "politiker",
    "volk", "kopftuch", "schwarz", "weiss", "kinder", "leute", "menschen",
)


def _is_identity_term(word):
    return word.strip(_PUNCTUATION).startswith(_IDENTITY_STEMS)


def decode_terms(encoded):
    """The inverse of train.encode_terms: a UTF-8 byte array of newline-joined terms."""
    text = encoded.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def _tfidf(columns, idf, offset=0):
    """(weight rows, values): sublinear tf × idf, L2-normalised over the known features."""
    if not columns:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    index, counts = np.unique(np.asarray(columns, dtype=np.int64), return_counts=True)
    values = (1.0 + np.log(counts)) * idf[index]
    values /= np.sqrt(values @ values)
    return index + offset, values


def _sigmoid(z):
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))
