# Two indexes of the comment table that no query needs (issue 13: every index costs each
# submission a page write): the article foreign key's own index, which the (article,
# status) index covers, and the author token hash, which is compared, never searched for.
#
# Only the indexes are dropped. Django's AlterField would rebuild the whole table on
# SQLite and lose the indexes moderation/0003 created with plain SQL, so the state
# changes and the database changes are written separately.

import django.db.models.deletion
from django.db import migrations, models

ARTICLE_INDEX = "comments_comment_article_id_94fe60a2"
TOKEN_INDEX = "comments_comment_author_token_hash_281dc187"


def drop_indexes(apps, schema_editor):
    # PostgreSQL also has the varchar_pattern_ops twin Django adds for LIKE lookups.
    for name in (ARTICLE_INDEX, TOKEN_INDEX, TOKEN_INDEX + "_like"):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def restore_indexes(apps, schema_editor):
    table = "comments_comment"
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {ARTICLE_INDEX} ON {table} (article_id)")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {TOKEN_INDEX} ON {table} (author_token_hash)")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TOKEN_INDEX}_like ON {table} (author_token_hash varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_i18_article_section"),
        ("comments", "0007_i15_waiting"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="comment",
                    name="article",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="articles.article",
                    ),
                ),
                migrations.AlterField(
                    model_name="comment",
                    name="author_token_hash",
                    field=models.CharField(max_length=64),
                ),
            ],
            database_operations=[migrations.RunPython(drop_indexes, restore_indexes)],
        ),
    ]
