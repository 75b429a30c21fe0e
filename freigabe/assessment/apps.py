import os
import threading

from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    """The assessor as a Django app: management commands, and the model preloaded.

    The scoring code itself (`freigabe.assessment.assess`) never imports Django.
    """

    name = "freigabe.assessment"
    label = "assessment"
    verbose_name = "Assessment"

    def ready(self):
        # Importing skops/scikit-learn and reading the model takes a second or more; do it
        # in the background so the first submitted comment does not wait for it.
        if os.environ.get("FREIGABE_ASSESSOR_PRELOAD", "1") != "0":
            from freigabe.assessment.model_store import get_model

            threading.Thread(target=get_model, name="assessor-preload", daemon=True).start()
