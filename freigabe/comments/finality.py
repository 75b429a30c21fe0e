"""When an editor's decision becomes final (until then the editor may take it back).

Kept in the core: the author's status, the outcome mails and moderation's undo all ask it.
"""

import math
from datetime import timedelta

from django.utils import timezone

# An editor may take back a release or rejection this soon after making it.
UNDO_WINDOW = timedelta(seconds=10)
# The actions (moderation's Action values) an editor may undo.
UNDOABLE_ACTIONS = frozenset({"release", "reject"})


def seconds_until_final(decision, now=None):
    """Seconds until this decision can no longer be undone; 0 when it is final already.

    Only an editor's own release or rejection can be undone; automated decisions,
    removals and reinstatements are final at once.
    """
    if decision is None or decision.actor_id is None or decision.action not in UNDOABLE_ACTIONS:
        return 0
    remaining = (decision.created_at + UNDO_WINDOW - (now or timezone.now())).total_seconds()
    return max(0, math.ceil(remaining))
