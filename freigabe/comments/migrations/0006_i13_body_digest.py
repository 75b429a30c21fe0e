import hashlib
from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone


def digest_recent_bodies(apps, schema_editor):
    # Only comments recent enough to be double posts need a digest (the window is 30 min).
    Comment = apps.get_model("comments", "Comment")
    since = timezone.now() - timedelta(days=1)
    for comment in Comment.objects.filter(created_at__gte=since).only("pk", "body").iterator():
        Comment.objects.filter(pk=comment.pk).update(
            body_digest=hashlib.sha256(comment.body.encode()).hexdigest()[:16])


class Migration(migrations.Migration):

    dependencies = [
        ("comments", "0005_i16_recommendations_picks_newsroom"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="body_digest",
            field=models.CharField(blank=True, max_length=16),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["body_digest"], name="comment_body_digest"),
        ),
        migrations.RunPython(digest_recent_bodies, migrations.RunPython.noop),
    ]
