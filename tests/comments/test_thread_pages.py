"""Big threads: pages of top-level threads from the server, stable cursors, deep links, gzip."""

import gzip
from datetime import timedelta

import pytest
from django.utils import timezone

from freigabe.comments.models import Comment, Status
from tests.conftest import comments_path

pytestmark = pytest.mark.django_db


def make_thread(article, roots, replies_to=(), picks=(), recommendations=None):
    """Released comments straight in the database (fast): `roots` top-level ones, with
    replies_to[i] replies under root i. Returns the root ids, oldest first."""
    start = timezone.now() - timedelta(days=1)
    ids = []
    for number in range(roots):
        comment = Comment.objects.create(
            article=article,
            author_name=f"Leser {number}",
            body=f"Kommentar {number}",
            status=Status.RELEASED,
            author_token_hash="x",
            editors_pick=number in picks,
            recommendations=(recommendations or {}).get(number, 0),
        )
        Comment.objects.filter(pk=comment.pk).update(created_at=start + timedelta(minutes=number))
        ids.append(comment.pk)
    for index, count in enumerate(replies_to):
        for number in range(count):
            reply = Comment.objects.create(
                article=article,
                parent_id=ids[index],
                author_name="Antwort",
                body=f"Antwort {number} auf {index}",
                status=Status.RELEASED,
                author_token_hash="x",
            )
            Comment.objects.filter(pk=reply.pk).update(created_at=start + timedelta(minutes=roots + number))
    article.thread_version += 1
    article.save(update_fields=["thread_version"])
    return ids


def get(api, article, query="", **headers):
    return api.get(comments_path(article) + query, **headers)


def all_pages(api, article, query):
    seen, cursor = [], ""
    while True:
        data = get(api, article, f"{query}&cursor={cursor}" if cursor else query).json()
        seen += [c["id"] for c in data["comments"]]
        cursor = data["next_cursor"]
        if cursor is None:
            return seen


def test_the_default_page_is_50_threads_oldest_first_with_a_cursor(api, article):
    ids = make_thread(article, 120, replies_to=[3])
    data = get(api, article).json()
    assert set(data) >= {"article_id", "count", "comments", "next_cursor"}
    assert data["count"] == 123  # every released comment, not the page's
    assert [c["id"] for c in data["comments"]] == ids[:50]
    assert len(data["comments"][0]["replies"]) == 3
    assert data["next_cursor"]


def test_cursors_walk_every_thread_once_in_each_order(api, article):
    ids = make_thread(article, 23, replies_to=[0, 5, 2], recommendations={4: 7, 9: 3})
    for order in ("oldest", "newest", "replies", "recommended"):
        walked = all_pages(api, article, f"?order={order}&limit=5")
        assert sorted(walked) == sorted(ids), order
    assert all_pages(api, article, "?order=newest&limit=5") == ids[::-1]
    assert all_pages(api, article, "?order=replies&limit=5")[:2] == [ids[1], ids[2]]
    assert all_pages(api, article, "?order=recommended&limit=5")[:2] == [ids[4], ids[9]]


def test_a_cursor_stays_put_when_new_comments_arrive(api, article, submit, release):
    ids = make_thread(article, 10)
    first = get(api, article, "?order=newest&limit=4").json()
    release(submit()["id"])  # a new comment tops the newest-first order
    second = get(api, article, f"?order=newest&limit=4&cursor={first['next_cursor']}").json()
    assert [c["id"] for c in second["comments"]] == ids[::-1][4:8]


def test_bad_parameters_are_422(api, article):
    make_thread(article, 3)
    for query in (
        "?limit=0",
        "?limit=201",
        "?limit=abc",
        "?limit=²",
        "?order=best",
        "?cursor=nonsense",
        "?around=x",
        "?around=1&cursor=abc",
    ):
        response = get(api, article, query)
        assert response.status_code == 422, query
        assert response.json()["detail"]
    cursor = get(api, article, "?limit=1").json()["next_cursor"]
    assert get(api, article, f"?order=newest&cursor={cursor}").status_code == 422
    assert get(api, article, "?limit=200").status_code == 200


def test_around_loads_the_page_that_holds_a_reply(api, article):
    ids = make_thread(article, 130, replies_to=[0] * 70 + [2])
    reply = Comment.objects.filter(parent_id=ids[70]).first()
    data = get(api, article, f"?around={reply.pk}&limit=50").json()
    assert [c["id"] for c in data["comments"]] == ids[50:100]
    assert data["cursor"] and data["next_cursor"]
    following = get(api, article, f"?cursor={data['next_cursor']}&limit=50").json()
    assert [c["id"] for c in following["comments"]] == ids[100:]
    same = get(api, article, f"?cursor={data['cursor']}&limit=50").json()
    assert [c["id"] for c in same["comments"]] == ids[50:100]
    assert get(api, article, "?around=999999").status_code == 404


def test_each_page_has_its_own_etag_and_answers_304(api, article):
    make_thread(article, 8)
    first = get(api, article, "?limit=4")
    second = get(api, article, f"?limit=4&cursor={first.json()['next_cursor']}")
    assert first["ETag"] != second["ETag"]
    assert first["Cache-Control"] == "public, max-age=10, stale-while-revalidate=30"
    again = get(api, article, "?limit=4", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_json_is_gzipped_when_the_client_accepts_it(api, article):
    make_thread(article, 60)
    plain = get(api, article)
    packed = get(api, article, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    assert packed["ETag"] != plain["ETag"]
    both = get(api, article, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert both.status_code == 304


def test_moderator_pages_with_csrf_tokens_are_never_compressed(client, editor):
    client.force_login(editor.user)
    page = client.get("/moderation/", HTTP_ACCEPT_ENCODING="gzip")
    assert page.status_code == 200
    assert "Content-Encoding" not in page


def varied_text(rng, words=70):
    """About 450 characters of varied German words: compresses like real comments do."""
    return " ".join(rng.choice(VOCABULARY) for _ in range(words)).capitalize() + "."


VOCABULARY = (
    "Radweg Lindenallee Parkplatz Stadtrat Innenstadt Verkehr Fahrrad Auto Bus Bahn "
    "Anwohner Kinder Schule sicher gefährlich teuer billig endlich nie immer warum weil "
    "aber doch schon noch gestern heute morgen Jahr Monat Woche Euro Million Plan Beschluss "
    "Mehrheit Opposition Bürgermeisterin Verwaltung Gutachten Lärm Luft Klima Sommer Winter "
    "Baustelle Ampel Kreuzung Gehweg Lieferverkehr Handel Geschäft Markt Platz Straße Stadt "
    "gut schlecht richtig falsch wichtig unnötig sinnvoll ärgerlich mutig zögerlich klar "
    "ich wir sie man niemand jeder viele wenige meine unsere eure ihre diese jene solche"
).split()


def test_3000_comments_first_page_is_small_on_the_wire(api, article):
    import random

    # 1,000 threads of three comments, each with its own text of a real comment's size.
    rng = random.Random(16)
    start = timezone.now() - timedelta(days=1)
    roots = Comment.objects.bulk_create(
        Comment(
            article=article,
            author_name=f"Leserin {n}",
            body=varied_text(rng),
            status=Status.RELEASED,
            author_token_hash="x",
        )
        for n in range(1000)
    )
    Comment.objects.bulk_create(
        Comment(
            article=article,
            parent=root,
            author_name=f"Leser {n}",
            body=varied_text(rng),
            status=Status.RELEASED,
            author_token_hash="x",
        )
        for root in roots
        for n in range(2)
    )
    Comment.objects.filter(article=article).update(created_at=start)
    article.thread_version += 1
    article.save(update_fields=["thread_version"])
    response = get(api, article, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    data = __import__("json").loads(gzip.decompress(response.content))
    assert data["count"] == 3000
    assert len(data["comments"]) == 50
    assert sum(1 + len(thread["replies"]) for thread in data["comments"]) == 150
    assert len(response.content) <= 60_000


def test_the_openapi_schema_describes_the_new_surfaces(api):
    schema = api.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert set(paths["/api/v1/comments/{comment_id}/recommendations"]) == {"post", "delete"}
    assert "post" in paths["/api/v1/moderation/comments/{comment_id}/pick"]
    assert "post" in paths["/api/v1/moderation/comments/{comment_id}/reply"]
    assert "get" in paths["/api/v1/sites/{site}/counts"]
    thread = paths["/api/v1/sites/{site}/articles/{article_id}/comments"]["get"]
    assert {p["name"] for p in thread["parameters"]} >= {"order", "limit", "cursor", "around"}
    comment = schema["components"]["schemas"]["ThreadComment"]["properties"]
    assert {"recommendations", "editors_pick", "staff", "author_role"} <= set(comment)


def test_a_poll_costs_one_query_and_a_page_three_however_many_recommendations(
    api, article, django_assert_num_queries
):
    make_thread(article, 60, replies_to=[4, 4], recommendations={n: n for n in range(60)})
    with django_assert_num_queries(3):  # the article, the thread's shape, the page's texts
        first = get(api, article, "?order=recommended")
    with django_assert_num_queries(1):  # the article; the ETag comes from the cache
        assert get(api, article, "?order=recommended", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    with django_assert_num_queries(1):  # a cached page: no counting, no rendering
        assert get(api, article, "?order=recommended").status_code == 200
