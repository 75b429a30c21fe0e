"""Compliance's tabs of the moderation workspace, mounted at /moderation/ beside it."""

from django.urls import path

from freigabe.compliance import moderator_views

app_name = "compliance_moderation"

urlpatterns = [
    path("reported/", moderator_views.reported, name="reported"),
    path("reported/<id:pk>/decide", moderator_views.decide_report, name="decide_report"),
    path("appeals/", moderator_views.appeals, name="appeals"),
    path("appeals/<id:pk>/decide", moderator_views.decide_appeal_view, name="decide_appeal"),
]
