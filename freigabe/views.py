from pathlib import Path

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control, never_cache

FAVICON = Path(__file__).resolve().parent / "static" / "freigabe" / "favicon.ico"


@never_cache
def health(request):
    """For load balancers: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


@cache_control(public=True, max_age=86400)
def favicon(request):
    """/favicon.ico, where browsers look for it on every page."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
