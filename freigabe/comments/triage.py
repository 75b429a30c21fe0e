"""The triage order of pending comments, defined once for the queue and the waiting time.

Groups of the assessor's suggestions: likely-clean comments first (most readers wait
least), then those needing a careful look, then likely rule-breakers grouped together for
quick rejection. None stands for any suggestion not named here.
"""

TRIAGE_GROUPS = (("release",), ("review", None), ("reject",))
NAMED_SUGGESTIONS = [suggestion for group in TRIAGE_GROUPS for suggestion in group if suggestion]
_OTHER_RANK = next(rank for rank, group in enumerate(TRIAGE_GROUPS) if None in group)


def suggestion_rank(suggestion):
    """The index of the suggestion's group in TRIAGE_GROUPS (lower is checked sooner)."""
    for rank, group in enumerate(TRIAGE_GROUPS):
        if suggestion in group:
            return rank
    return _OTHER_RANK
