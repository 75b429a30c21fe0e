"""What the webhook settings page tells an editor when a webhook is refused, in their language.

webhooks.py raises WebhookError with an English message (the CLI shows it) and a stable
`code`; moderation's shown_error() turns the code into a sentence of the active language.
"""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "webhook_not_absolute": _("Die Webhook-Adresse muss eine vollständige https://-Adresse sein."),
    "webhook_not_https": _("Die Webhook-Adresse muss https verwenden (http nur zu diesem Rechner)."),
    "webhook_credentials": _("Die Webhook-Adresse darf keine Zugangsdaten enthalten."),
    "webhook_unknown_events": _("Unbekannte Ereignisse: %(events)s. Bekannt sind: %(known)s."),
}
