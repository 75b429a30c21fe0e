"""The plain reference every trained model must beat (issue 12).

TF-IDF of character 2–5-grams inside word boundaries plus word 1–2-grams, sublinear tf,
min_df=2, one LogisticRegression(C=1, class_weight="balanced"), threshold 0.5, on the raw
text (scikit-learn's own lowercasing, no normalisation of ours). It is deliberately not
tuned: it stands for "what twenty lines get you", so a model that cannot beat it on data
neither was tuned on has not earned its complexity.

    reference = fit_reference(texts, labels)
    probabilities = reference.probabilities(texts)

Training needs scikit-learn (the web process never loads this module).
"""

import numpy as np

THRESHOLD = 0.5
SEED = 0


class Reference:
    """A fitted reference: `probabilities(texts)` and `predict(texts)`."""

    def __init__(self, vectorizer, classifier):
        self.vectorizer = vectorizer
        self.classifier = classifier

    def probabilities(self, texts):
        return self.classifier.predict_proba(self.vectorizer.transform(list(texts)))[:, 1]

    def predict(self, texts):
        return (self.probabilities(texts) >= THRESHOLD).astype(int)


def reference_vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion(
        [
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
            ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
        ]
    )


def fit_reference(texts, labels):
    from sklearn.linear_model import LogisticRegression

    vectorizer = reference_vectorizer()
    matrix = vectorizer.fit_transform(list(texts))
    classifier = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000, random_state=SEED)
    classifier.fit(matrix, np.asarray(labels, dtype=int))
    return Reference(vectorizer, classifier)


def reference_training_data(data_dir, rule, own_sentences=True):
    """(texts, labels) the shipped model trains `rule` on; for "any", positive if any trained
    rule is broken and negative if every trained rule's label says not broken. Without
    `own_sentences`, the shared data sets' rows only (data/augment_*.csv left out), as
    bench/assessor_vs_reference.py trains the founders' reference."""
    from freigabe.assessment.train import EXCLUDED, load_corpus

    corpus = load_corpus(data_dir, augment=own_sentences)
    if rule in corpus.labels:
        labels = corpus.labels[rule]
        keep = labels != EXCLUDED
    else:
        stacked = np.column_stack(list(corpus.labels.values()))
        positive = (stacked == 1).any(axis=1)
        negative = ((stacked == 0) | (stacked == EXCLUDED)).all(axis=1) & (stacked == 0).any(axis=1)
        keep = positive | negative
        labels = positive.astype(int)
    texts = [text for text, kept in zip(corpus.texts, keep) if kept]
    return texts, np.asarray(labels)[keep].astype(int)
