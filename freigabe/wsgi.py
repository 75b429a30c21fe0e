import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freigabe.settings")
application = get_wsgi_application()

# Load the assessor's model now, not inside a reader's first request. With
# `gunicorn --preload` (as `freigabe serve` runs it) this happens once in the master
# and every worker, a replacement for a killed one included, forks with it loaded.
from freigabe.assessment.model_store import get_model  # noqa: E402

get_model()
