from django.urls import path

from freigabe.integrations import perspective_views, views

app_name = "integrations"

# Mounted at /perspective/v1alpha1/ (Perspective's own path, so a client only swaps the host).
perspective_urlpatterns = [
    path("comments:analyze", perspective_views.analyze, name="perspective_analyze"),
    path("comments:suggestscore", perspective_views.suggest_score, name="perspective_suggestscore"),
]

# Mounted at /integrations/: the senior editors' webhook pages.
urlpatterns = [
    path("webhooks/", views.webhooks, name="webhooks_default"),
    path("webhooks/<slug:slug>/", views.webhooks, name="webhooks"),
    path("webhooks/<slug:slug>/<id:webhook_id>/delete", views.delete_webhook, name="delete_webhook"),
]
