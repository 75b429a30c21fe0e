"""Loads the trained models once per process; later calls use the cached object.

Files are skops archives (never pickle) loaded with an explicit list of trusted
types. A missing or unreadable model directory is not fatal: the assessor falls
back to its lexicon and logs a warning once.
"""

import logging
import os
import threading
from pathlib import Path

log = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parent / "models"
MODEL_FILE = "toxicity.skops"
_lock = threading.Lock()
_cache = {}


def models_dir():
    """Where models are read from: FREIGABE_ASSESSOR_MODELS or the package directory."""
    return Path(os.environ.get("FREIGABE_ASSESSOR_MODELS") or MODELS_DIR)


def get_model():
    """The ToxicityModel of this process (None when no model file is available)."""
    if "model" in _cache:
        return _cache["model"]
    with _lock:
        if "model" not in _cache:
            _cache["model"] = _load(models_dir() / MODEL_FILE)
    return _cache["model"]


def reset_cache():
    """Forget the loaded model (tests, or after retraining in the same process)."""
    with _lock:
        _cache.clear()


def _load(path):
    if not path.exists():
        log.warning("assessor model %s not found; using the lexicon fallback", path)
        return None
    from freigabe.assessment.model import ToxicityModel

    try:
        return ToxicityModel.load(path)
    except Exception:  # noqa: BLE001 - a broken file must not take the comment flow down
        log.exception("assessor model %s could not be loaded; using the lexicon fallback", path)
        return None


class loaded_from:
    """Temporarily serve the model in `directory` (training tools scoring a new model).

    with loaded_from(out_dir):
        evaluate(...)
    """

    def __init__(self, directory):
        self._path = Path(directory) / MODEL_FILE

    def __enter__(self):
        with _lock:
            self._saved = dict(_cache)
            _cache["model"] = _load(self._path)
        return _cache["model"]

    def __exit__(self, *exc_info):
        with _lock:
            _cache.clear()
            _cache.update(self._saved)
