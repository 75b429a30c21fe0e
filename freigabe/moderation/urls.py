from django.urls import path

from freigabe.moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("comments/<int:pk>/decide", views.decide_comment, name="decide"),
    path("history/", views.history, name="history"),
    path("counts/", views.counts, name="counts"),
]
