from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "freigabe.moderation"
    label = "moderation"

    def ready(self):
        # The core asks moderation through hooks, so comments need not import it.
        from freigabe.comments import extensions
        from freigabe.moderation import bans, decisions, site_settings

        extensions.ban_identities.register(bans.ban_identities)
        extensions.active_ban.register(bans.active_ban_for)
        extensions.ban_refusal_message.register(bans.refusal_message)
        extensions.may_skip_queue.register(site_settings.may_skip_queue)
        extensions.release_automatically.register(decisions.release_automatically)
