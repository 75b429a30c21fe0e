from django.apps import AppConfig


class FreigabeConfig(AppConfig):
    """The project package itself: holds project-wide commands (serve, demo data)."""

    name = "freigabe"
    verbose_name = "Freigabe"

    def ready(self):
        from freigabe.prometheus import instrument_assessor

        instrument_assessor()
