"""Site models trained before tf-idf (archive format 1: binary character 4-grams) keep
scoring exactly as they did, in the submission path and when a new model is measured
against them. The archive and its logits were written by the code of commit c175bc2."""

import json
from pathlib import Path

import numpy as np
import pytest

from freigabe.articles.site_models import SiteModel
from freigabe.assessment.policy import SitePolicy
from freigabe.assessment.site_learning import (
    Example,
    assess_and_extract,
    learn,
    split_by_time,
)
from freigabe.assessment.site_model import SiteScorer, feature_matrix
from freigabe.comments.models import Comment
from tests.learning.newsroom import newsroom_comments

DATA = Path(__file__).parent / "data"
ARCHIVE = (DATA / "site_model_format1.skops").read_bytes()
EXPECTED = json.loads((DATA / "site_model_format1.json").read_text(encoding="utf-8"))


def format1_scorer():
    return SiteScorer.from_bytes(ARCHIVE, version="site:zeitung:v1")


def test_a_format1_archive_scores_what_it_scored_when_it_was_written():
    scorer = format1_scorer()
    assert scorer.idf is None and scorer.char_ngrams == (4, 4)
    for text, logits in EXPECTED.items():
        assert np.allclose(scorer.comment_logits(text), logits), text
        assert np.allclose(scorer.site_logits(feature_matrix([text], scorer.char_ngrams))[0], logits), text


@pytest.mark.django_db
def test_a_submission_on_a_site_whose_active_model_is_format1_uses_its_old_ngrams(article, submit):
    SiteModel.objects.create(site=article.site, version=1, archive=ARCHIVE, active=True)
    text = next(iter(EXPECTED))

    stored = Comment.objects.get(pk=submit(text)["id"])

    general = {code: rule["score"] for code, rule in stored.assessment["rules"].items()}
    expected = format1_scorer().combined_probabilities(general, np.array(EXPECTED[text]))["reject"]
    assert stored.assessment["site_model"]["reject"] == pytest.approx(expected, abs=1e-4)


def test_a_new_model_is_measured_against_a_format1_model_read_with_its_own_ngrams(monkeypatch):
    from freigabe.assessment import site_learning

    examples = [Example(text=text, rejected=rejected) for text, rejected in newsroom_comments(200, seed=3)]
    current = format1_scorer()
    measured = []
    original = site_learning._current_report

    def recording(scorer, truths, general, matrix, policy):
        measured.append(matrix)
        return original(scorer, truths, general, matrix, policy)

    monkeypatch.setattr(site_learning, "_current_report", recording)
    result = learn(examples, current=current, jobs=1, progress=lambda message: None)

    _, held_back = split_by_time(examples)
    own_ngrams = feature_matrix((example.text for example in held_back), current.char_ngrams)
    assert (measured[0] != own_ngrams).nnz == 0
    general, _ = assess_and_extract(held_back, None, lambda message: None, jobs=1)
    truths = [int(example.rejected) for example in held_back]
    expected, _ = original(current, truths, general, own_ngrams, SitePolicy.from_options(None))
    assert result.metrics["current"]["roc_auc"] == pytest.approx(expected["roc_auc"])
