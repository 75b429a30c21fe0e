"""The reads before a comment is stored (comments/intake.py) agree with the rules they
stand in for: bans as moderation.bans defines them, double posts as before."""

from datetime import timedelta

import pytest
from django.utils import timezone

from freigabe.comments.intake import article_for_submission, refusal_facts
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
