"""The site model's features: sublinear tf-idf over hashed n-grams, and archives written
before that (format 1, binary features) still score as they did."""

import math

import numpy as np

from freigabe.assessment.site_model import (
    SiteScorer,
    feature_matrix,
    fit_scorer,
    hashed_counts,
    local_features,
    smooth_idf,
)

TEXTS = [
    "Der Morgenkurier lügt, lest lieber den Abendboten!",
    "Die Radwege an der Hauptstraße sind gut geplant.",
    "Radwege, Radwege, Radwege: endlich!",
    "",
]


def test_features_are_the_references_sublinear_tf_idf_on_the_columns_seen_in_training():
    matrix = feature_matrix(TEXTS)
    columns = np.unique(matrix.indices).astype(np.int64)
    idf = smooth_idf(matrix[:, columns].tocsr())
    local = local_features(matrix, columns, idf).toarray()
    counts = matrix[:, columns].toarray()
    documents = (counts > 0).sum(axis=0)
    expected_idf = np.log((1 + len(TEXTS)) / (1 + documents)) + 1
    expected = np.where(counts > 0, (1 + np.log(np.maximum(counts, 1))) * expected_idf, 0.0)
    norms = np.linalg.norm(expected, axis=1, keepdims=True)
    expected = np.divide(expected, norms, out=np.zeros_like(expected), where=norms > 0)
    assert np.allclose(local, expected)
    # "Radwege" three times weighs 1 + ln 3, not 3.
    assert counts[2].max() == 3


def test_an_ngram_the_site_never_saw_neither_scores_nor_dilutes_the_others():
    matrix = feature_matrix(TEXTS[:2])
    columns = np.unique(matrix.indices).astype(np.int64)
    idf = smooth_idf(matrix[:, columns].tocsr())
    seen = local_features(feature_matrix([TEXTS[1]]), columns, idf)
    with_unknown = local_features(feature_matrix([TEXTS[1] + " 8888"]), columns, idf)
    assert np.allclose(seen.toarray(), with_unknown.toarray())


def test_one_comment_scores_as_the_matrix_path_for_both_archive_formats():
    matrix = feature_matrix(TEXTS * 10)
    targets = np.array([[1], [0], [0], [0]] * 10)
    general = [{"insult": 0.2}] * len(targets)
    scorer = fit_scorer(matrix, targets, ("reject",), general)
    old = SiteScorer(
        scorer.labels, scorer.columns, scorer.weights, scorer.intercepts, scorer.stacking, idf=None
    )
    for current in (scorer, old):
        restored = SiteScorer.from_archive(current.to_archive())
        assert (restored.idf is None) == (current.idf is None)
        for text in TEXTS + ["Ganz neue Wörter hier"]:
            expected = current.site_logits(feature_matrix([text], current.char_ngrams))[0]
            assert np.allclose(restored.comment_logits(text), expected), text
    # Format 1 normalised by every column of the comment, known or not.
    columns, _ = hashed_counts(TEXTS[1], old.char_ngrams)
    known = np.isin(columns, old.columns)
    assert known.all()
    weight_sum = old.weights[:, np.searchsorted(old.columns, columns)].sum(axis=1)
    assert np.allclose(old.comment_logits(TEXTS[1]), weight_sum / math.sqrt(len(columns)) + old.intercepts)
    assert old.to_archive()["format"] == "freigabe-site-model-1"
    assert scorer.to_archive()["format"] == "freigabe-site-model-2"


def test_a_scorer_without_columns_scores_its_intercept():
    empty = SiteScorer(
        ("reject",), np.zeros(0, dtype=np.int64), np.zeros((1, 0)), np.array([-1.5]), np.zeros((1, 3))
    )
    for idf in (None, np.zeros(0)):
        empty.idf = idf
        assert np.allclose(empty.site_logits(feature_matrix(TEXTS)), -1.5)
        assert np.allclose(empty.comment_logits(TEXTS[0]), -1.5)
