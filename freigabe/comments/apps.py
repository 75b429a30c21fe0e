from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "freigabe.comments"
    label = "comments"
