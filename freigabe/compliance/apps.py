from django.apps import AppConfig
from django.db.models.signals import post_save


class ComplianceConfig(AppConfig):
    name = "freigabe.compliance"
    label = "compliance"

    def ready(self):
        # Mails follow decisions without moderation.decisions having to know about them.
        from freigabe.compliance.notifications import on_decision_saved
        from freigabe.moderation.models import Decision

        post_save.connect(on_decision_saved, sender=Decision,
                          dispatch_uid="compliance-mail-on-decision")
