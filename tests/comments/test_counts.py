"""Counts for teaser pages: many articles in one request, cached like the thread."""

import gzip

import pytest

from freigabe.articles.services import upsert_article
from freigabe.moderation.decisions import decide

pytestmark = pytest.mark.django_db


def counts_path(ids, site="zeitung"):
    return f"/api/v1/sites/{site}/counts?articles=" + ",".join(ids)


@pytest.fixture
def second_article(publisher):
    article, _ = upsert_article(
        publisher.site, "a-2", title="Neue Buslinie", body="Die Stadt plant eine neue Buslinie."
    )
    return article


def test_it_counts_released_comments_per_article(api, article, second_article, submit, release):
    for _ in range(3):
        release(submit()["id"])
    submit()  # pending: not counted
    rejected = submit()
    decide(rejected["id"], "reject", reasons=["insult"])
    response = api.get(counts_path(["a-1", "a-2", "unbekannt"]))
    assert response.status_code == 200
    assert response.json() == {"counts": {"a-1": 3, "a-2": 0}}


def test_the_count_matches_the_threads_count(api, article, submit, release):
    parent = submit()
    release(parent["id"])
    reply = submit(parent_id=parent["id"])
    release(reply["id"])
    decide(parent["id"], "remove", reasons=["insult"])  # its reply is hidden with it
    thread = api.get("/api/v1/sites/zeitung/articles/a-1/comments").json()
    assert api.get(counts_path(["a-1"])).json()["counts"]["a-1"] == thread["count"] == 0


def test_it_has_an_etag_and_cache_control_and_answers_304(api, article, submit, release):
    release(submit()["id"])
    first = api.get(counts_path(["a-1"]))
    assert first["Cache-Control"] == "public, max-age=10, stale-while-revalidate=30"
    again = api.get(counts_path(["a-1"]), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    release(submit()["id"])
    changed = api.get(counts_path(["a-1"]), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed.json()["counts"]["a-1"] == 2


def test_more_than_100_ids_is_422_and_none_is_422(api, article):
    response = api.get(counts_path([f"a-{n}" for n in range(101)]))
    assert response.status_code == 422
    assert "100" in response.json()["detail"]
    assert api.get(counts_path([f"a-{n}" for n in range(100)])).status_code == 200
    assert api.get("/api/v1/sites/zeitung/counts").status_code == 422


def test_an_unknown_site_is_404(api, article):
    assert api.get(counts_path(["a-1"], site="unbekannt")).status_code == 404


def test_a_long_answer_is_gzipped_when_asked(api, publisher):
    ids = [f"artikel-mit-langer-kennung-{n:03d}" for n in range(100)]
    for external_id in ids:
        upsert_article(publisher.site, external_id, title="T", body="")
    response = api.get(counts_path(ids), HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert len(gzip.decompress(response.content)) > len(response.content)
