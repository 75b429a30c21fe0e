from django.http import JsonResponse
from django.urls import include, path
from django.views.generic import RedirectView

from freigabe.api import api
from freigabe.integrations.urls import perspective_urlpatterns
from freigabe.prometheus import metrics
from freigabe.views import favicon, health

urlpatterns = [
    path("api/v1/", api.urls),
    path("accounts/", include("freigabe.accounts.urls")),
    path("moderation/", include("freigabe.moderation.urls")),
    path("moderation/", include("freigabe.compliance.moderator_urls")),  # reports and appeals tabs
    path("widget/", include("freigabe.widget.urls")),
    path("compliance/", include("freigabe.compliance.urls")),
    path("integrations/", include("freigabe.integrations.urls")),
    path("perspective/v1alpha1/", include(perspective_urlpatterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", health, name="health"),
    path("metrics", metrics, name="metrics"),
    path("favicon.ico", favicon, name="favicon"),
    path("", RedirectView.as_view(url="/widget/demo/", permanent=False)),
]


def json_or_html_404(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def json_or_html_500(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Internal error; the request was not processed."}, status=500)
    from django.views.defaults import server_error

    return server_error(request)


handler404 = json_or_html_404
handler500 = json_or_html_500
