from django.urls import path

from freigabe.widget import views

app_name = "widget"

urlpatterns = [
    path("embed.js", views.widget_asset, {"name": "embed.js"}, name="embed"),
    path("widget.css", views.widget_asset, {"name": "widget.css"}, name="css"),
    path("count.js", views.widget_asset, {"name": "count.js"}, name="count"),
    path("demo/", views.demo_article, name="demo"),
]
