import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freigabe.settings")
application = get_wsgi_application()

# Load the assessor's model now, not inside a reader's first request. With
# `gunicorn --preload` (as `freigabe serve` runs it) this happens once in the master
# and every worker, a replacement for a killed one included, forks with it loaded.
from freigabe.assessment.model_store import get_model  # noqa: E402

if os.environ.get("FREIGABE_ASSESSOR_PRELOAD", "1") != "0":
    get_model()


def _warm_site_models():
    """Sites with their own model need the feature hasher (scikit-learn): import it now."""
    from django.db import connection

    from freigabe.articles.site_models import SiteModel

    try:
        if SiteModel.objects.filter(active=True).exists():
            from freigabe.assessment.site_model import hasher

            hasher()
    except Exception:  # noqa: BLE001 - no database yet: the first comment will load it
        pass
    finally:
        connection.close()  # workers fork from here: none may inherit this connection


_warm_site_models()
