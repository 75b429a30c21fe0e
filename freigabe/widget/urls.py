from django.urls import path

app_name = "widget"

# The widget helper replaces this with the real routes (embed.js, demo page).
urlpatterns: list = []
_ = path
