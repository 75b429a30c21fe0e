from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    """Arriving from other systems (comment history), webhooks, and standing in for Perspective."""

    name = "freigabe.integrations"
    label = "integrations"

    def ready(self):
        from freigabe.integrations import webhooks

        webhooks.connect_signals()
