"""The waiting time counts the decisions that stand, not undone ones or undos."""

from django.conf import settings

from freigabe.comments.waiting import decisions_per_hour
from freigabe.moderation.decisions import decide, undo


def test_undone_decisions_do_not_make_the_editors_look_faster(submit, editor, publisher):
    for _ in range(3):
        decide(submit()["id"], "release", actor=editor.user)
    for _ in range(3):  # three slips, each taken back: six more Decision rows
        decide(submit()["id"], "reject", actor=editor.user, reasons=["insult"])
        undo(editor.user)
    # Three decisions stand: too few for a rate of its own, so the default applies.
    assert decisions_per_hour(publisher.site) == float(
        settings.FREIGABE_DEFAULT_DECISIONS_PER_HOUR)
    for _ in range(2):
        decide(submit()["id"], "release", actor=editor.user)
    assert decisions_per_hour(publisher.site) == 5 / 2  # five standing in the two-hour window
