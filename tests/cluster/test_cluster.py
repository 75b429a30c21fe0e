"""Two app servers behind nginx on one PostgreSQL and one Redis (scripts/cluster.sh)."""

import http.cookiejar
import re
import time
import urllib.parse
import urllib.request
import uuid

import pytest

from tests.cluster.conftest import AUTHOR_LIMIT
from tests.load.writers import Writers, lost_or_doubled, stored_comments
from tests.processes import request

pytestmark = pytest.mark.cluster

COMMENTS = 600
WRITERS = 8


def comments_path(newsroom):
    return f"/api/v1/sites/hafen/articles/{newsroom['article']}/comments"


def submit(base_url, newsroom, body, **fields):
    return request(
        "POST", base_url + comments_path(newsroom), {"body": body, "author_name": "Leserin", **fields}
    )


def public_ids(base_url, newsroom):
    status, _, thread = request("GET", base_url + comments_path(newsroom) + "?limit=200")
    assert status == 200
    return {comment["id"] for comment in thread["comments"]}


def test_a_release_on_one_server_is_visible_through_the_other_at_once(cluster, newsroom):
    server_a, server_b = cluster.app_urls
    status, _, accepted = submit(server_a, newsroom, "Der Ausbau lohnt sich für den Hafen.")
    assert status == 202
    assert accepted["id"] not in public_ids(server_b, newsroom)  # B has the thread cached now
    status, _, decided = request(
        "POST",
        f"{server_a}/api/v1/moderation/comments/{accepted['id']}/decision",
        {"action": "release", "reasons": []},
        {"Authorization": f"Token {newsroom['token']}"},
    )
    assert (status, decided["status"]) == (200, "released")
    assert accepted["id"] in public_ids(server_b, newsroom)
    assert accepted["id"] in public_ids(cluster.url, newsroom)


def log_in(opener, base_url, user, password):
    with opener.open(base_url + "/accounts/login/") as page:
        html = page.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form = urllib.parse.urlencode(
        {"username": user, "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    with opener.open(base_url + "/accounts/login/", form) as answer:
        return answer.geturl()


def test_a_session_started_on_one_server_works_on_the_other(cluster, newsroom):
    server_a, server_b = cluster.app_urls
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    landed = log_in(opener, server_a, newsroom["user"], newsroom["password"])
    assert urllib.parse.urlsplit(landed).path == "/moderation/"
    with opener.open(server_b + "/moderation/") as page:
        assert urllib.parse.urlsplit(page.geturl()).path == "/moderation/"
        assert newsroom["user"] in page.read().decode()
    # A stranger without the cookie is sent to the login page by the same server.
    with urllib.request.urlopen(server_b + "/moderation/") as page:
        assert urllib.parse.urlsplit(page.geturl()).path == "/accounts/login/"


def test_rate_limits_hold_across_servers(cluster, newsroom):
    email = f"viel-{uuid.uuid4().hex[:6]}@leser.example"
    statuses = []
    for number in range(AUTHOR_LIMIT + 2):
        server = cluster.app_urls[number % 2]  # alternate between the two servers
        status, headers, _ = submit(
            server, newsroom, f"Meinung Nummer {number} zum Hafen.", author_email=email
        )
        statuses.append(status)
    assert statuses == [202] * AUTHOR_LIMIT + [429, 429]


def test_nothing_is_lost_when_a_whole_app_server_is_killed_mid_load(cluster, newsroom):
    before = len(stored_comments(cluster, "hafen", newsroom["article"]))
    writers = Writers(cluster.url, "hafen", newsroom["article"], total=COMMENTS, writers=WRITERS)

    def kill_server_a(running):
        while running.settled() < COMMENTS // 3:
            time.sleep(0.02)
        cluster.kill_app(1)

    try:
        outcome = writers.run(while_running=kill_server_a)
        cluster.wait_until_down(1)
    finally:
        cluster.start_app(1)
    print(
        f"202: {len(outcome.acknowledged)}, stored but answer lost: "
        f"{len(outcome.stored_before)}, dropped connections: {outcome.dropped_connections}, "
        f"5xx retried: {outcome.server_errors}"
    )
    assert not outcome.unexpected, outcome.unexpected[:5]
    assert not outcome.abandoned, sorted(outcome.abandoned)[:5]
    assert len(outcome.acknowledged) + len(outcome.stored_before) == COMMENTS
    rows = [row for row in stored_comments(cluster, "hafen", newsroom["article"]) if "[nl-" in row[1]]
    assert lost_or_doubled(outcome, rows) == []
    assert len(rows) == COMMENTS
    assert len(stored_comments(cluster, "hafen", newsroom["article"])) == before + COMMENTS


def test_with_redis_down_comments_are_still_accepted_logged_and_kept(cluster, newsroom):
    cluster.script("redis-stop", str(cluster.dir))
    try:
        bodies = [f"Ohne Cache geschrieben, Nummer {n} [{uuid.uuid4().hex[:8]}]" for n in range(10)]
        answers = [submit(cluster.url, newsroom, body) for body in bodies]
        assert [status for status, _, _ in answers] == [202] * len(bodies)
        assert request("GET", cluster.url + comments_path(newsroom))[0] == 200
        logs = cluster.app_log(1) + cluster.app_log(2)
        assert "degraded to a process-local cache" in logs
    finally:
        cluster.script("redis-start", str(cluster.dir))
    stored = {body for _, body, _ in stored_comments(cluster, "hafen", newsroom["article"])}
    assert set(bodies) <= stored
    # Redis is back: the site carries on (the fallback tries Redis again after a few seconds).
    time.sleep(5.5)
    status, _, _ = submit(cluster.url, newsroom, "Der Cache ist wieder da, der Hafen auch.")
    assert status == 202
