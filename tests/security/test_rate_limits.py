"""Rate-limit counters in the database: one atomic statement per request, shared by all
workers, old windows dropped (freigabe/ratelimit.py)."""

import threading

import pytest
from django.db import connection

from freigabe import ratelimit

pytestmark = pytest.mark.django_db


def test_each_limit_counts_and_the_longest_wait_wins():
    limits = [("a", "x", "2/60"), ("b", "y", "5/3600")]
    assert ratelimit.hit_all(limits) == 0
    assert ratelimit.hit_all(limits) == 0
    wait = ratelimit.hit_all(limits)
    assert 1 <= wait <= 61  # "a" is over its limit, "b" is not
    assert [count for count, _ in ratelimit.current(limits)] == [3, 3]


def test_a_limit_listed_twice_counts_once():
    ratelimit.hit_all([("a", "x", "9/60"), ("a", "x", "9/60")])
    assert ratelimit.current([("a", "x", "9/60")])[0][0] == 1


def test_one_statement_counts_both_comment_limits(django_assert_num_queries):
    with django_assert_num_queries(2):  # the upsert, and the purge of ended windows (new)
        ratelimit.hit_all([("comment-ip", "h", "10/60"), ("comment-author", "e", "5/60")])
    with django_assert_num_queries(1):
        ratelimit.hit_all([("comment-ip", "h", "10/60"), ("comment-author", "e", "5/60")])


def test_counters_of_ended_windows_are_dropped(monkeypatch):
    ratelimit.hit("old", "x", "5/60")
    later = ratelimit.time.time() + 3600
    monkeypatch.setattr("freigabe.ratelimit.time.time", lambda: later)
    ratelimit.hit("new", "y", "5/60")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT bucket FROM {ratelimit.TABLE}")
        buckets = [row[0] for row in cursor.fetchall()]
    assert len(buckets) == 1 and buckets[0].startswith("new:")


def test_identities_are_stored_only_as_hashes():
    ratelimit.hit("comment-author", "leserin@example.org", "5/60")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT bucket FROM {ratelimit.TABLE}")
        assert "leserin" not in cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database answers concurrent writers with "
    "'table is locked' at once (production SQLite is a WAL file with a busy "
    "timeout); this runs in the PostgreSQL pass of make test",
)
def test_concurrent_hits_are_never_counted_twice():
    results = []

    def hit_ten_times():
        try:
            for _ in range(10):
                ratelimit.hit("burst", "x", "1000/600")
            results.append("ok")
        finally:
            connection.close()

    threads = [threading.Thread(target=hit_ten_times) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["ok"] * 4
    assert ratelimit.current([("burst", "x", "1000/600")])[0][0] == 40
