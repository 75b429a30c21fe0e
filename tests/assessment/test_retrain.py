import dataclasses
import json
import os
from pathlib import Path

import pytest

from freigabe.assessment import model_store

DATA_DIR = (
    Path(os.environ.get("FREIGABE_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared")) / "datasets"
)


@pytest.mark.retrain
@pytest.mark.skipif(not DATA_DIR.is_dir(), reason=f"training data not found at {DATA_DIR}")
def test_training_on_a_subsample_writes_a_loadable_model(tmp_path):
    from freigabe.assessment.features import lexicon_hits, prepare
    from freigabe.assessment.rules.toxicity import SIGNAL_NAMES, detector_signals
    from freigabe.assessment.train import SETTINGS, train

    messages = []
    with_signals = dataclasses.replace(SETTINGS, detector_signals=True)
    metrics = train(
        DATA_DIR,
        tmp_path,
        progress=lambda message, fraction: messages.append(fraction),
        sample=1000,
        folds=2,
        settings=with_signals,
    )
    assert messages[0] == 0.0 and messages[-1] == 1.0
    for name in ("toxicity.skops", "metrics.json", "MODEL_CARD.md"):
        assert (tmp_path / name).exists()
    assert set(json.loads((tmp_path / "metrics.json").read_text())["rules"]) == {
        "insult",
        "aggression",
        "insinuation",
    }
    assert metrics["rules"]["insult"]["macro_f1"] > 0.55
    with model_store.loaded_from(tmp_path) as model:
        assert model is not None
        probabilities, _ = model.score(
            "du bist ein idiot", "du bist ein idiot", {"insult": [], "aggression": []}
        )
        assert 0.0 <= probabilities["insult"] <= 1.0
        # With the detectors' signals (an option of train.Settings) the model weighs them, and
        # score_toxicity's hand-over gives what the model would compute itself.
        clean = prepare("Scheiß Kanaken raus!").text
        hits = lexicon_hits(clean)
        given, _ = model.score(clean, clean, hits, detector_signals(clean))
        assert given == model.score(clean, clean, hits)[0]
        assert given != model.score(clean, clean, hits, [0.0] * len(SIGNAL_NAMES))[0]
    assert metrics["hyperparameters"]["threshold_rules"] == "insult"
