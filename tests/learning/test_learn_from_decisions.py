"""learn-from-decisions: a site's editors teach the assessor their own standard."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from freigabe.articles.site_models import SiteModel
from freigabe.assessment import assess
from freigabe.comments.models import Comment
from tests.learning.newsroom import newsroom_comments, write_csv

pytestmark = pytest.mark.django_db

COMPETITOR_PLUG = "Die Radwege sind gut geplant. Der Morgenkurier hat dazu viel besser berichtet."
ORDINARY = "Die Radwege auf der Lindenallee sind gut geplant, endlich mehr Platz."


def learn(*args):
    out, err = StringIO(), StringIO()
    call_command(
        "learn_from_decisions", "--site", "zeitung", "--jobs", "1", "--json", *args, stdout=out, stderr=err
    )
    return json.loads(out.getvalue()), err.getvalue()


def stored_comment(response):
    return Comment.objects.get(pk=response["id"])


def test_it_learns_that_this_newsroom_rejects_its_competitor(decided, submit):
    decided(300)
    assert assess(COMPETITOR_PLUG).decision == "release"  # the general assessor does not know

    summary, progress = learn()

    assert summary["site"] == "zeitung" and summary["activated"] is True
    assert summary["n_train"] == 240 and summary["n_test"] == 60
    assert summary["macro_f1_new"] > summary["macro_f1_current"] + 0.3
    assert "reject" in summary["labels"] and "other" in summary["labels"]
    assert "held back" in progress
    plug = stored_comment(submit(COMPETITOR_PLUG))
    assert plug.suggestion in ("review", "reject")
    assert plug.assessment["site_model"]["reject"] > 0.5
    assert plug.model_version.endswith("+site:zeitung:v1")
    assert stored_comment(submit(ORDINARY)).suggestion == "release"


def test_it_keeps_the_evidence_of_rules_it_did_not_learn(decided, submit):
    decided(300)
    learn()

    spam = stored_comment(submit("Jetzt kaufen: www.billig-shop.example 50 % Rabatt auf alles!"))

    advertising = spam.assessment["rules"]["advertising"]
    assert advertising["score"] >= 0.5 and advertising["evidence"]


def test_auto_refuses_a_model_that_is_worse_than_the_active_one(decided, tmp_path):
    site = decided(300)
    learn()
    # Old history labelled the other way round: a model trained on it predicts worse.
    flipped = [(text, not rejected) for text, rejected in newsroom_comments(500, seed=11)]
    history = write_csv(tmp_path / "history.csv", flipped)

    summary, _ = learn("--import", str(history), "--activate", "auto")

    assert summary["activated"] is False
    assert summary["macro_f1_new"] < summary["macro_f1_current"]
    assert SiteModel.objects.get(site=site, active=True).version == 1
    assert SiteModel.objects.filter(site=site).count() == 2


def test_activate_no_stores_without_activating(decided):
    site = decided(300)

    summary, _ = learn("--activate", "no")

    assert summary["activated"] is False
    assert not SiteModel.objects.filter(site=site, active=True).exists()


def test_rollback_restores_the_previous_version(decided, submit):
    site = decided(300)
    learn("--activate", "force")
    learn("--activate", "force")
    assert stored_comment(submit(COMPETITOR_PLUG)).model_version.endswith("site:zeitung:v2")

    out = StringIO()
    call_command("rollback_site_model", "--site", "zeitung", "--json", stdout=out)

    assert json.loads(out.getvalue())["version"] == 1
    assert SiteModel.objects.get(site=site, active=True).version == 1
    after = stored_comment(submit("Lest lieber den Morgenkurier, der war schneller."))
    assert after.model_version.endswith("site:zeitung:v1")


def test_rollback_to_a_given_version(decided):
    site = decided(300)
    learn("--activate", "force")
    learn("--activate", "force")
    call_command("rollback_site_model", "--site", "zeitung", stdout=StringIO())

    call_command("rollback_site_model", "--site", "zeitung", "--to", "2", stdout=StringIO())

    assert SiteModel.objects.get(site=site, active=True).version == 2


def test_rollback_without_an_earlier_version_is_refused(decided):
    decided(300)
    learn()

    with pytest.raises(CommandError, match="no earlier model version"):
        call_command("rollback_site_model", "--site", "zeitung", stdout=StringIO())


def test_it_refuses_to_learn_from_too_few_decisions(decided):
    site = decided(20)

    with pytest.raises(CommandError, match="at least"):
        learn()
    assert not SiteModel.objects.filter(site=site).exists()


def test_an_unknown_site_is_a_clear_error(db):
    with pytest.raises(CommandError, match="unknown site"):
        call_command("learn_from_decisions", "--site", "nirgendwo", stdout=StringIO())


def test_submissions_load_the_active_model_once_per_version(decided, submit, monkeypatch):
    from freigabe.articles import site_models

    decided(300)
    learn()
    loads = []
    real_load = site_models._load
    monkeypatch.setattr(site_models, "_load", lambda *args: loads.append(args[2]) or real_load(*args))

    for number in range(3):
        submit(f"Die Radwege sind gut geplant, Teil {number}.")
    learn("--activate", "force")
    submit("Die Radwege sind gut geplant, nach dem Training.")

    assert loads == [1, 2]


def test_one_comment_is_scored_exactly_as_the_training_features_would(decided):
    import numpy as np

    from freigabe.articles.site_models import active_scorer
    from freigabe.assessment.site_model import feature_matrix

    site = decided(300)
    learn()
    scorer = active_scorer(site)
    for text in (COMPETITOR_PLUG, ORDINARY, "", "Morgenkurier!", "x" * 3000):
        expected = scorer.site_logits(feature_matrix([text]))[0]
        assert np.allclose(scorer.comment_logits(text), expected), text


def test_it_prints_the_reference_and_the_ranking_beside_the_f1(decided):
    decided(300)

    summary, progress = learn()

    for key in ("macro_f1_reference", "auc_new", "auc_reference", "auc_current"):
        assert 0.0 <= summary[key] <= 1.0, key
    # The newsroom's standard is one word: the reference learns it as well as the site model.
    assert summary["macro_f1_reference"] > 0.9 and summary["macro_f1_new"] >= summary["macro_f1_reference"]
    assert summary["auc_new"] > summary["auc_current"]
    assert "inner validation" in progress and "training the reference" in progress
    assert summary["config"]["regressor"] in ("sgd", "lr")


def test_it_prints_paired_intervals_of_the_differences(decided):
    decided(300)

    summary, _ = learn()

    low, high = summary["new_minus_current_ci95"]
    # The general assessor does not know the newsroom's standard: clearly worse.
    assert 0.0 < low <= summary["macro_f1_new"] - summary["macro_f1_current"] <= high
    low, high = summary["new_minus_reference_ci95"]
    assert low <= summary["macro_f1_new"] - summary["macro_f1_reference"] <= high
    assert -1.0 <= low <= high <= 1.0


def test_auto_does_not_activate_a_model_that_loses_to_the_reference(decided, monkeypatch):
    from freigabe.assessment import site_learning
    from freigabe.assessment.site_model import SiteConfig

    site = decided(300)
    # A site learner regularised into learning (almost) nothing: the plain reference, trained
    # on the same decisions, learns the newsroom's one-word standard and wins.
    monkeypatch.setattr(site_learning, "CANDIDATE_CONFIGS", (SiteConfig("lr", c=1e-4, rules_decide=False),))

    summary, _ = learn("--activate", "auto")

    assert summary["macro_f1_reference"] > 0.9
    assert summary["macro_f1_new"] < summary["macro_f1_reference"] - 0.2
    assert summary["activated"] is False
    assert not SiteModel.objects.filter(site=site, active=True).exists()


def test_the_gate_needs_both_the_current_model_and_the_reference_beaten():
    from freigabe.assessment.site_learning import LearningResult

    def result(new, current, reference):
        return LearningResult(
            scorer=None,
            n_train=1,
            n_test=1,
            macro_f1_new=new,
            macro_f1_current=current,
            macro_f1_reference=reference,
        )

    assert result(0.80, 0.70, 0.75).should_activate
    assert not result(0.74, 0.70, 0.75).should_activate  # loses to the reference
    assert not result(0.80, 0.85, 0.75).should_activate  # loses to the running model
    assert result(0.80, 0.70, 0.80).should_activate  # a tie with the reference is no loss
