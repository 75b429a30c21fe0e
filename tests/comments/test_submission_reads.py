"""The reads before a comment is stored (comments/intake.py) agree with the rules they
stand in for: bans as moderation.bans defines them, double posts as before."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from freigabe.comments.intake import article_for_submission, body_digest, refusal_facts, store_comment
from freigabe.comments.models import Comment
from freigabe.comments.waiting import estimate_for_submission
from freigabe.moderation.bans import active_ban_for, impose_ban, lift_ban
from freigabe.moderation.models import Ban
from tests.conftest import comments_path

pytestmark = pytest.mark.django_db

IDENTITIES = [
    {"account": "leser-1", "email": "", "ip_hash": ""},
    {"account": "", "email": "Leser@Example.org", "ip_hash": ""},
    {"account": "", "email": "", "ip_hash": "abc123"},
    {"account": "leser-2", "email": "andere@example.org", "ip_hash": "def456"},
    {"account": "", "email": "", "ip_hash": ""},
]


def facts(identity, body="Text", since=None):
    now = timezone.now()
    return refusal_facts(body=body, since=since or now - timedelta(minutes=30), now=now, **identity)


@pytest.fixture
def bans(db):
    impose_ban("account", "leser-1", reason="Beleidigungen")
    impose_ban("email", "leser@example.org", reason="Spam", days=7)
    lifted = impose_ban("ip", "abc123", reason="Irrtum")
    lift_ban(lifted.pk, reason="war ein Irrtum")
    expired = impose_ban("account", "leser-2", reason="alt", days=1)
    Ban.objects.filter(pk=expired.pk).update(ends_at=timezone.now() - timedelta(hours=1))


def test_the_ban_lookup_agrees_with_moderation_bans(bans):
    for identity in IDENTITIES:
        expected = active_ban_for(**identity)
        ban_id, _ = facts(identity)
        assert ban_id == (expected.pk if expected else None), identity


def test_the_article_lookup_loads_the_site_as_the_orm_would(article):
    found = article_for_submission(article.site.slug, article.external_id)
    assert (found.pk, found.title, found.url, found.comments_open) == (
        article.pk,
        article.title,
        article.url,
        article.comments_open,
    )
    assert found.site.assessor_settings == article.site.assessor_settings
    assert found.site.allowed_origins == ["https://www.zeitung.example"]
    assert found.created_at == article.created_at and found.has_site_model is False
    assert article_for_submission(article.site.slug, "gibt-es-nicht") is None


def test_the_same_text_from_the_same_reader_is_a_double_post(api, article):
    first = api.post(
        comments_path(article), {"body": "Gleicher Text", "author_name": "A", "author_email": "a@example.org"}
    )
    assert first.status_code == 202
    again = api.post(comments_path(article), {"body": "Gleicher Text", "author_name": "A"})
    assert again.status_code == 409 and again.json()["code"] == "duplicate"
    # Another address with the same email (any case) is the same reader too.
    by_email = api.post(
        comments_path(article),
        {"body": "Gleicher Text", "author_name": "A", "author_email": "A@Example.org"},
        REMOTE_ADDR="192.0.2.50",
    )
    assert by_email.status_code == 409
    other = api.post(
        comments_path(article), {"body": "Gleicher Text", "author_name": "B"}, REMOTE_ADDR="192.0.2.51"
    )
    assert other.status_code == 202
    changed = api.post(comments_path(article), {"body": "Gleicher Text!", "author_name": "A"})
    assert changed.status_code == 202


def test_a_double_post_is_found_only_within_the_window(article, submit):
    submit("Schon einmal gesagt")
    identity = {"account": "", "email": "", "ip_hash": article.comments.get().ip_hash}
    assert facts(identity, "Schon einmal gesagt") == (None, True)
    assert facts(identity, "Schon einmal gesagt", since=timezone.now()) == (None, False)


# --- the insert (intake.store_comment) and what keeps the submission's statements cheap ---


PROMISED_UNTIL = timezone.now() + timedelta(hours=1)


def comment_fields(article, **overrides):
    fields = {
        "article": article,
        "author_name": "Leserin",
        "author_email": "leserin@example.org",
        "body": 'Ein Text mit {"json"}-Zeichen und Umlauten: äöü',
        "assessment": {"decision": "review", "rules": {"insult": {"score": 0.25}}},
        "risk": 0.25,
        "score_insult": 0.25,
        "suggestion": "review",
        "ip_hash": "abc123",
        "link_domains": ["example.org"],
        "bot_check_passed": True,
        "author_token_hash": "f" * 64,
        "body_digest": body_digest("x"),
        "wait_ahead": 3,
        "wait_raw_seconds": 120,
        "wait_promised_until": PROMISED_UNTIL,
    }
    return {**fields, **overrides}


def stored_values(comment):
    row = Comment.objects.filter(pk=comment.pk).values().get()
    return {key: value for key, value in row.items() if key not in ("id", "created_at")}


def test_store_comment_writes_what_save_would_and_sends_the_same_signals(article):
    sent = []

    def record(signal_name):
        def receiver(sender, instance, **kwargs):
            sent.append((signal_name, instance.pk, kwargs.get("created"), kwargs["raw"], kwargs["using"]))

        return receiver

    pre, post = record("pre_save"), record("post_save")
    pre_save.connect(pre, sender=Comment, weak=False)
    post_save.connect(post, sender=Comment, weak=False)
    try:
        saved = Comment(**comment_fields(article))
        saved.save()
        stored = store_comment(Comment(**comment_fields(article)))
    finally:
        pre_save.disconnect(pre, sender=Comment)
        post_save.disconnect(post, sender=Comment)
    assert stored.pk is not None and stored.pk > saved.pk
    assert stored._state.adding is False and stored._state.db == "default"
    assert Comment.objects.get(pk=stored.pk).created_at == stored.created_at is not None
    assert stored_values(stored) == stored_values(saved)
    assert sent == [
        ("pre_save", None, None, False, "default"),
        ("post_save", saved.pk, True, False, "default"),
        ("pre_save", None, None, False, "default"),
        ("post_save", stored.pk, True, False, "default"),
    ]


def test_a_failed_insert_rolls_back_the_transaction_around_it(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        store_comment(Comment(**comment_fields(article, author_name=None)))
    assert not Comment.objects.exists()


def query_plan(sql):
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql)
        return " ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.parametrize("email", ["", "a@example.org"])
def test_the_double_post_check_finds_the_text_by_its_digest_not_by_address(article, submit, email):
    # Both databases took the (ip_hash, created_at) index and read every comment from the
    # address of the last half hour, more with each one.
    for _ in range(3):
        submit()
    now = timezone.now()
    with CaptureQueriesContext(connection) as captured:
        refusal_facts(account="", email=email, ip_hash="abc", body="Text", since=now, now=now)
    plan = query_plan(captured.captured_queries[-1]["sql"])
    assert "comment_body_digest" in plan and "comment_ip_recent" not in plan


def test_the_comment_table_keeps_the_indexes_other_apps_made_with_sql(db):
    # Migration comments/0008 drops two indexes without rebuilding the table on SQLite,
    # which would have lost moderation/0003's expression indexes.
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, Comment._meta.db_table)
    assert {"moderation_comment_email_lower", "moderation_comment_account", "comment_article_status"} <= set(
        indexes
    )
    single_columns = {tuple(index["columns"]) for index in indexes.values() if index["index"]}
    assert ("author_token_hash",) not in single_columns and ("article_id",) not in single_columns


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query planner")
def test_the_comments_ahead_of_a_new_one_are_counted_from_the_index_alone(article, submit):
    for _ in range(3):
        submit()
    with CaptureQueriesContext(connection) as captured:
        estimate_for_submission(article.site, "review")
    assert "COVERING INDEX comment_triage_article" in query_plan(captured.captured_queries[0]["sql"])
