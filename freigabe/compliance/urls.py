from django.urls import path

from freigabe.compliance import views

app_name = "compliance"

urlpatterns = [
    path("confirm-email/<str:token>", views.confirm_email, name="confirm-email"),
    path("appeal/<str:token>", views.appeal, name="appeal"),
    path("my-data/<str:token>", views.my_data, name="my-data"),
    path("appeals/", views.appeals_queue, name="appeals"),
    path("appeals/<int:pk>/decide", views.decide_appeal_view, name="decide-appeal"),
]
