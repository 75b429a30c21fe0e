from django.apps import AppConfig
from django.db.models.signals import post_save


class ComplianceConfig(AppConfig):
    name = "freigabe.compliance"
    label = "compliance"

    def ready(self):
        # Mails follow decisions without moderation.decisions having to know about them.
        from freigabe.compliance.notifications import on_decision_saved
        from freigabe.moderation.models import Decision

        post_save.connect(
            _unless_imported(on_decision_saved),
            sender=Decision,
            dispatch_uid="compliance-mail-on-decision",
            weak=False,
        )
        # Every restriction we decide becomes a statement for the DSA Transparency Database.
        from freigabe.compliance.submission import queue_statement

        post_save.connect(
            queue_statement, sender=Decision, dispatch_uid="compliance-statement-on-decision", weak=False
        )
        self._connect_reply_mails(Decision)
        self._register_comment_hooks()

    @staticmethod
    def _register_comment_hooks():
        # The core asks compliance through hooks and signals, so comments need not import it.
        from freigabe.comments import extensions
        from freigabe.comments.signals import outcome_mail_requested
        from freigabe.compliance.appeals import appeal_status
        from freigabe.compliance.notifications import request_notifications
        from freigabe.compliance.queues import open_case_counts
        from freigabe.compliance.restrictions import record_ban, restriction_for_refusal
        from freigabe.compliance.statements import compose_statement
        from freigabe.moderation import extensions as moderation_extensions

        extensions.appeal_status.register(appeal_status)
        extensions.ban_refusal_details.register(restriction_for_refusal)
        # And moderation asks it, inside its transaction, for statements of reasons.
        moderation_extensions.compose_statement.register(compose_statement)
        moderation_extensions.record_ban.register(record_ban)
        moderation_extensions.open_case_counts.register(open_case_counts)
        outcome_mail_requested.connect(
            lambda sender, comment, language, **kwargs: request_notifications(comment, language),
            dispatch_uid="compliance-outcome-mail-opt-in",
            weak=False,
        )

    @staticmethod
    def _connect_reply_mails(Decision):
        from freigabe.comments.signals import reply_mails_requested
        from freigabe.compliance import reply_mails

        post_save.connect(
            _unless_imported(reply_mails.on_decision_saved),
            sender=Decision,
            dispatch_uid="compliance-reply-mail-on-decision",
            weak=False,
        )
        reply_mails_requested.connect(
            reply_mails.on_reply_mails_requested, dispatch_uid="compliance-reply-mail-opt-in"
        )


def _unless_imported(receiver):
    """Imported history was decided elsewhere long ago: its authors get no mail now."""

    def guarded(sender, instance, **kwargs):
        if getattr(instance, "imported", False):
            return None
        return receiver(sender, instance=instance, **kwargs)

    return guarded
