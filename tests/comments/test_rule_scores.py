"""Each rule's score is kept beside the assessment, so the queue filters without JSON."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from freigabe.comments.models import Comment

RULES = ("insinuation", "insult", "aggression", "advertising", "off_topic")


def test_a_submitted_comment_carries_its_rule_scores(submit):
    accepted = submit("Du bist ein Vollidiot, kauf lieber bei www.billig-shop.de ein!")
    comment = Comment.objects.get(pk=accepted["id"])
    for rule in RULES:
        assert getattr(comment, f"score_{rule}") == comment.assessment["rules"][rule]["score"]
    assert comment.score_insult > 0.5 and comment.score_advertising > 0.3


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_scores_of_existing_comments(publisher, article):
    executor = MigrationExecutor(connection)
    executor.migrate([("comments", "0003_bot_check")])
    old_apps = executor.loader.project_state([("comments", "0003_bot_check")]).apps
    OldComment = old_apps.get_model("comments", "Comment")
    stored = OldComment.objects.create(
        article_id=article.pk,
        author_name="Alt",
        body="Ein alter Kommentar.",
        author_token_hash="x",
        assessment={"rules": {"insult": {"score": 0.75}, "off_topic": {"score": 0.2}}},
    )
    unassessed = OldComment.objects.create(
        article_id=article.pk, author_name="Alt", body="Ohne Bewertung.", author_token_hash="y"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    migrated = Comment.objects.get(pk=stored.pk)
    assert (migrated.score_insult, migrated.score_off_topic, migrated.score_advertising) == (0.75, 0.2, 0.0)
    assert Comment.objects.get(pk=unassessed.pk).score_insult == 0.0
