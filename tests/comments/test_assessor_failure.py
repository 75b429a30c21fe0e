"""A failing assessor or site model never costs a comment: it is stored and waits for an editor."""

import pytest

from freigabe.articles.site_models import SiteModel
from freigabe.comments.models import Comment
from freigabe.moderation.queue import pending_comments

pytestmark = pytest.mark.django_db


def broken(*args, **kwargs):
    raise RuntimeError("model file unreadable")


def test_a_comment_is_kept_and_queued_when_the_assessor_raises(submit, monkeypatch, caplog):
    monkeypatch.setattr("freigabe.assessment.assess", broken)
    accepted = submit("Die Radwege sind überfällig.")
    comment = Comment.objects.get(pk=accepted["id"])
    assert (comment.status, comment.assessment) == ("pending", None)
    assert comment.suggestion == "review"  # no suggestion: an editor looks at it carefully
    assert comment in pending_comments()
    assert "assessment failed" in caplog.text


def test_a_comment_keeps_the_general_assessment_when_the_site_model_raises(submit, article, caplog):
    # An active site model whose archive cannot be read: loading it raises.
    SiteModel.objects.create(site=article.site, version=1, archive=b"not an archive", active=True)
    accepted = submit("Die Radwege sind überfällig.")
    comment = Comment.objects.get(pk=accepted["id"])
    assert comment.status == "pending"
    assert set(comment.assessment["rules"]) >= {"insult", "aggression"}
    assert comment in pending_comments()
    assert "site model failed" in caplog.text  # the broken model was really tried
