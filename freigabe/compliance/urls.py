from django.urls import path

from freigabe.compliance import views

app_name = "compliance"

urlpatterns = [
    path("confirm-email/<str:token>", views.confirm_email, name="confirm-email"),
    path("appeal/<str:token>", views.appeal, name="appeal"),
    path("ban-appeal/<str:token>", views.ban_appeal, name="ban-appeal"),
    path("report-appeal/<str:token>", views.report_appeal, name="report-appeal"),
    path("my-data/<str:token>", views.my_data, name="my-data"),
    path("replies/unsubscribe/<str:token>", views.unsubscribe_replies, name="unsubscribe-replies"),
]
