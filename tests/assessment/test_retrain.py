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
    from freigabe.assessment.train import train

    messages = []
    metrics = train(
        DATA_DIR, tmp_path, progress=lambda message, fraction: messages.append(fraction), sample=1000, folds=2
    )
    assert messages[0] == 0.0 and messages[-1] == 1.0
    for name in ("toxicity.skops", "metrics.json", "MODEL_CARD.md"):
        assert (tmp_path / name).exists()
    assert set(json.loads((tmp_path / "metrics.json").read_text())["rules"]) == {"insult", "aggression"}
    assert metrics["rules"]["insult"]["macro_f1"] > 0.55
    with model_store.loaded_from(tmp_path) as model:
        assert model is not None
        probabilities, _ = model.score(
            "du bist ein idiot", "du bist ein idiot", {"insult": [], "aggression": []}
        )
        assert 0.0 <= probabilities["insult"] <= 1.0
