"""Extension points of the core, filled by other apps in their AppConfig.ready().

`comments` is the core and imports neither moderation nor compliance. Where a submission
or an author's status needs their answer (is this author banned, may this comment skip the
queue, how does an appeal stand), the core calls a hook that app registered at start-up.
A hook nobody registered fails loudly: a missing ban check must never wave a banned author
through in silence.
"""

from django.core.exceptions import ImproperlyConfigured


class Hook:
    """One function another app provides; calling the hook calls it."""

    def __init__(self, name):
        self.name = name
        self._function = None

    def register(self, function):
        self._function = function
        return function

    def __call__(self, *args, **kwargs):
        if self._function is None:
            raise ImproperlyConfigured(f"No installed app registered the comments hook '{self.name}'.")
        return self._function(*args, **kwargs)


# (kind, normalised value) pairs a ban on this author would be stored under:
# ban_identities(account=, email=, ip_hash=) -> [(kind, value), ...]  (moderation)
ban_identities = Hook("ban_identities")
# The running ban covering this author, or None: active_ban(account=, email=, ip_hash=)  (moderation)
active_ban = Hook("active_ban")
# What the refused author reads: ban_refusal_message(ban) -> str  (moderation)
ban_refusal_message = Hook("ban_refusal_message")
# The ban's statement of reasons and how to appeal: ban_refusal_details(ban) -> dict  (compliance)
ban_refusal_details = Hook("ban_refusal_details")
# May a comment with this suggestion skip the queue: may_skip_queue(site, suggestion) -> bool
may_skip_queue = Hook("may_skip_queue")  # (moderation)
# Release at once as an automated decision: release_automatically(comment_id, note) -> Decision
release_automatically = Hook("release_automatically")  # (moderation)
# The appeal on a decided comment, or how to file one: appeal_status(comment) -> dict  (compliance)
appeal_status = Hook("appeal_status")
