"""Which of the editors' decisions a site model learns from."""

import pytest

from freigabe.articles.site_training import decided_examples
from freigabe.comments.models import Comment
from freigabe.moderation.decisions import decide, undo

pytestmark = pytest.mark.django_db


def new_comment(article, body):
    return Comment.objects.create(article=article, body=body, author_name="Leser", author_token_hash="x")


def labels(site):
    return {example.text: (example.rejected, example.reasons) for example in decided_examples(site)}


def test_the_latest_standing_decision_counts(article, editor):
    removed = new_comment(article, "erst freigegeben, dann entfernt")
    decide(removed.pk, "release", actor=editor.user)
    decide(removed.pk, "remove", actor=editor.user, reasons=["insult"])
    reinstated = new_comment(article, "abgelehnt, dann wiederhergestellt")
    decide(reinstated.pk, "reject", actor=editor.user, reasons=["off_topic"])
    decide(reinstated.pk, "reinstate", actor=editor.user)

    assert labels(article.site) == {
        "erst freigegeben, dann entfernt": (True, ("insult",)),
        "abgelehnt, dann wiederhergestellt": (False, ()),
    }


def test_an_undone_decision_is_ignored(article, editor):
    taken_back = new_comment(article, "abgelehnt und rückgängig gemacht")
    decide(taken_back.pk, "reject", actor=editor.user, reasons=["insult"])
    undo(editor.user)
    pending = new_comment(article, "noch nicht entschieden")

    assert labels(article.site) == {}
    decide(taken_back.pk, "release", actor=editor.user)
    assert labels(article.site) == {"abgelehnt und rückgängig gemacht": (False, ())}
    assert pending.status == "pending"


def test_releases_the_assessor_made_itself_are_not_the_editors_standard(article, editor):
    from freigabe.articles.site_training import latest_decisions
    from freigabe.comments.models import Comment
    from freigabe.moderation.decisions import decide

    skipped, checked = (
        Comment.objects.create(article=article, body=text, author_name="L", author_token_hash="x")
        for text in ("Ohne Prüfung veröffentlicht.", "Von Erika geprüft.")
    )
    decide(skipped.pk, "release", automated=True)
    decide(checked.pk, "release", actor=editor.user)
    assert set(latest_decisions(article.site)) == {checked.pk}
