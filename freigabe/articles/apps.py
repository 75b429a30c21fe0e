from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "freigabe.articles"
    label = "articles"
