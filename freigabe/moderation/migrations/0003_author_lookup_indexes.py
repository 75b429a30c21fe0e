"""Indexes for finding an author's earlier comments beside the one being moderated.

They are on the comments table but serve the moderation workspace only, so they live here
as plain SQL (valid on SQLite and PostgreSQL) rather than in the comment model's state.
Without them, each look-up reads every comment: hundreds of milliseconds at 20,000.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("comments", "0003_bot_check"),
        ("moderation", "0002_auditentry_ban_claim_decision_reverts_and_more"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS moderation_comment_email_lower "
            "ON comments_comment (lower(author_email));",
            "DROP INDEX IF EXISTS moderation_comment_email_lower;",
        ),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS moderation_comment_account "
            "ON comments_comment (author_external_id);",
            "DROP INDEX IF EXISTS moderation_comment_account;",
        ),
    ]
