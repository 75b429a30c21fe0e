from django.apps import AppConfig


class FreigabeConfig(AppConfig):
    """The project package itself: holds project-wide commands (serve, demo data)."""

    name = "freigabe"
    verbose_name = "Freigabe"

    def ready(self):
        from django.urls import register_converter

        from freigabe import checks  # noqa: F401  (registers the system checks)
        from freigabe.http import IdConverter
        from freigabe.prometheus import instrument_assessor

        register_converter(IdConverter, "id")  # before any URLconf is read

        instrument_assessor()
