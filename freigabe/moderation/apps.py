from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "freigabe.moderation"
    label = "moderation"
