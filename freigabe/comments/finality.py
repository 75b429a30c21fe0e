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


def final_at(decision):
    """When this decision can no longer be undone (and the author first sees it).

    Only an editor's own release or rejection can be undone; automated decisions,
    removals and reinstatements are final at once.
    """
    undoable = decision.actor_id is not None and decision.action in UNDOABLE_ACTIONS
    return decision.created_at + UNDO_WINDOW if undoable else decision.created_at


def seconds_until_final(decision, now=None):
    """Seconds until this decision can no longer be undone; 0 when it is final already."""
    if decision is None:
        return 0
    remaining = (final_at(decision) - (now or timezone.now())).total_seconds()
    return max(0, math.ceil(remaining))
