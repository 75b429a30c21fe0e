"""Threads close by themselves N days after the article's publication (a site setting)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from freigabe.articles.models import Article, Site
from tests.conftest import comments_path

pytestmark = pytest.mark.django_db


def published(article, days_ago):
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(days=days_ago))


def close_after(days):
    Site.objects.update(close_comments_after_days=days)


def post(api, article):
    return api.post(
        comments_path(article), {"body": "Noch ein Gedanke zu den Radwegen.", "author_name": "Leserin"}
    )


def test_by_default_threads_never_close(api, article):
    published(article, 400)
    data = api.get(comments_path(article)).json()
    assert (data["comments_open"], data["closed_reason"], data["closes_at"]) == (True, None, None)
    assert post(api, article).status_code == 202


def test_after_the_set_days_the_thread_says_closed_and_submission_is_409(api, article):
    close_after(7)
    published(article, 8)
    data = api.get(comments_path(article)).json()
    assert data["comments_open"] is False
    assert data["closed_reason"] == "expired"
    assert data["closes_at"]
    response = post(api, article)
    assert response.status_code == 409
    assert response.json()["code"] == "comments_closed"


def test_before_the_set_days_it_is_open_and_says_when_it_closes(api, article):
    close_after(7)
    published(article, 2)
    data = api.get(comments_path(article)).json()
    assert data["comments_open"] is True
    assert data["closes_at"].startswith(str((timezone.now() + timedelta(days=5)).date()))
    assert post(api, article).status_code == 202


def test_a_cached_thread_closes_without_a_new_comment(api, article):
    close_after(7)
    published(article, 2)
    assert api.get(comments_path(article)).json()["comments_open"] is True
    published(article, 9)  # the same thread version: only time (here: the date) moved
    assert api.get(comments_path(article)).json()["comments_open"] is False


def test_closed_by_the_publisher_says_so(api, article, publisher):
    api.put(
        "/api/v1/sites/zeitung/articles/a-1",
        {"title": article.title, "url": article.url, "body": article.body, "comments_open": False},
        **publisher.auth,
    )
    data = api.get(comments_path(article)).json()
    assert (data["comments_open"], data["closed_reason"]) == (False, "closed")


def test_an_admin_sets_the_days_in_the_site_settings(client, article):
    from django.contrib.auth.models import Group

    from freigabe.accounts.roles import SITE_ADMIN
    from freigabe.accounts.services import create_moderator

    admin, _, _ = create_moderator("admina", password="Sicheres-Passwort-4")
    admin.groups.set([Group.objects.get(name=SITE_ADMIN)])
    client.force_login(admin)
    page = client.get("/moderation/settings/zeitung/")
    assert "Tage nach Veröffentlichung" in page.content.decode()
    form = page.context["form"]
    data = {name: field.initial if field.initial is not None else "" for name, field in form.fields.items()}
    data["close_after_days"] = "14"
    response = client.post("/moderation/settings/zeitung/", data)
    assert response.status_code == 302
    assert Site.objects.get().close_comments_after_days == 14
    data["close_after_days"] = ""
    client.post("/moderation/settings/zeitung/", data)
    assert Site.objects.get().close_comments_after_days is None
