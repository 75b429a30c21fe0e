from django.apps import AppConfig


class WidgetConfig(AppConfig):
    name = "freigabe.widget"
    label = "widget"
