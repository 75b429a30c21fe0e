"""The migration that brings statement submissions queues every earlier restriction: no
statement is lost, undone ones are not queued, and odd old slugs get valid puids."""

import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("compliance", "0002_outcome_mail")]
AFTER = [("compliance", "0003_i17_statement_submission")]


@pytest.mark.django_db(transaction=True)
def test_earlier_rejections_and_removals_become_pending_statements():
    executor = MigrationExecutor(connection)
    # Every other app as it is now, compliance as it was before the submissions.
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "compliance"]
    executor.migrate(BEFORE)
    old = executor.loader.project_state(others + BEFORE).apps
    Site = old.get_model("articles", "Site")
    Article = old.get_model("articles", "Article")
    Comment = old.get_model("comments", "Comment")
    Decision = old.get_model("moderation", "Decision")
    site = Site.objects.create(slug="zeitung.de", name="Zeitung", api_key_hash="x")
    article = Article.objects.create(site=site, external_id="a", title="Radwege")
    made = {}
    for action in ("reject", "remove", "release"):
        comment = Comment.objects.create(
            article=article, author_name="Leserin", body=action, status="rejected"
        )
        made[action] = Decision.objects.create(
            comment=comment, action=action, from_status="pending", to_status="rejected"
        )
    slip = Decision.objects.create(
        comment=made["reject"].comment, action="reject", from_status="pending", to_status="rejected"
    )
    Decision.objects.create(
        comment=made["reject"].comment,
        action="undo",
        reverts=slip,
        from_status="rejected",
        to_status="pending",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(others + AFTER).apps
    queued = dict(
        new.get_model("compliance", "StatementSubmission").objects.values_list("decision_id", "puid")
    )
    assert set(queued) == {made["reject"].pk, made["remove"].pk}
    assert all(re.fullmatch(r"[a-zA-Z0-9_-]+", puid) for puid in queued.values())
    assert queued[made["reject"].pk] == f"zeitung_2ede-decision-{made['reject'].pk}"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
