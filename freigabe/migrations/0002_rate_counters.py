from django.db import migrations

# Rate-limit counters without Redis: one row per identity and window, counted by one
# atomic upsert (freigabe/ratelimit.py). No model: nothing but that module touches it.
CREATE = """
CREATE TABLE freigabe_rate_counter (
    bucket varchar(120) NOT NULL PRIMARY KEY,
    hits integer NOT NULL,
    expires_at bigint NOT NULL
)
"""


class Migration(migrations.Migration):
    dependencies = [("freigabe", "0001_cache_table")]
    operations = [
        migrations.RunSQL(CREATE, "DROP TABLE freigabe_rate_counter"),
        migrations.RunSQL(
            "CREATE INDEX freigabe_rate_counter_expires ON freigabe_rate_counter (expires_at)",
            "DROP INDEX freigabe_rate_counter_expires",
        ),
    ]
