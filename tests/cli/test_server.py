"""`freigabe serve` runs gunicorn; the real server is used for the concurrency guarantees."""

import threading

import pytest

from tests.processes import Environment, Server, request


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    environment = Environment(
        tmp_path_factory.mktemp("served"),
        FREIGABE_RATE_COMMENTS="8/600",
        FREIGABE_TRUSTED_PROXIES="127.0.0.1",
    )
    environment.run("migrate", "--verbosity", "0")
    site = environment.run_json("create-site", "blatt", "--json")
    editors = [
        environment.run_json("create-moderator", name, "--token", "--json")["token"]
        for name in ("ana", "ben")
    ]
    server = Server(environment)
    yield server, site, editors
    server.stop()
    environment.close()


def put_article(server, site, article_id):
    status, _, _ = request(
        "PUT",
        f"{server.url}/api/v1/sites/blatt/articles/{article_id}",
        {"title": "Hafen wird ausgebaut", "body": "Der Hafen wächst."},
        {"Authorization": f"Bearer {site['api_key']}"},
    )
    assert status == 201


def test_the_server_is_gunicorn_and_healthy(served):
    server, _, _ = served
    status, _, body = request("GET", server.url + "/healthz")
    assert (status, body) == (200, {"status": "ok"})
    assert "gunicorn" in server.read_log().lower() or "Booting worker" in server.read_log()


def test_two_editors_deciding_at_once_get_one_200_and_one_409(served):
    server, site, (token_a, token_b) = served
    put_article(server, site, "hafen")
    for round_number in range(5):
        status, _, accepted = request(
            "POST",
            f"{server.url}/api/v1/sites/blatt/articles/hafen/comments",
            {"body": f"Der Hafenausbau, Runde {round_number}", "author_name": "Leser"},
            {"X-Forwarded-For": f"192.0.2.{round_number}"},
        )
        assert status == 202
        results = []
        barrier = threading.Barrier(2)

        def decide(token, action):
            barrier.wait()
            payload = {"action": action, "reasons": ["insult"] if action == "reject" else []}
            results.append(
                request(
                    "POST",
                    f"{server.url}/api/v1/moderation/comments/{accepted['id']}/decision",
                    payload,
                    {"Authorization": f"Token {token}"},
                )[0]
            )

        threads = [
            threading.Thread(target=decide, args=(token_a, "release")),
            threading.Thread(target=decide, args=(token_b, "reject")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results) == [200, 409], results


def test_accepted_comments_survive_and_stay_hidden_until_released(served):
    server, site, (token, _) = served
    put_article(server, site, "kai")
    ids = []
    for number in range(5):
        status, _, accepted = request(
            "POST",
            f"{server.url}/api/v1/sites/blatt/articles/kai/comments",
            {"body": f"Kommentar {number} zur Kaimauer", "author_name": "L"},
            {"X-Forwarded-For": f"192.0.2.{100 + number}"},
        )
        assert status == 202
        ids.append(accepted["id"])
    _, _, public = request("GET", f"{server.url}/api/v1/sites/blatt/articles/kai/comments")
    assert public["count"] == 0
    request(
        "POST",
        f"{server.url}/api/v1/moderation/comments/{ids[0]}/decision",
        {"action": "release"},
        {"Authorization": f"Token {token}"},
    )
    _, _, public = request("GET", f"{server.url}/api/v1/sites/blatt/articles/kai/comments")
    assert [c["id"] for c in public["comments"]] == [ids[0]]


def test_the_rate_limit_holds_across_workers(served):
    server, site, _ = served
    put_article(server, site, "mole")
    statuses = [
        request(
            "POST",
            f"{server.url}/api/v1/sites/blatt/articles/mole/comments",
            {"body": f"Kommentar {number} zur Mole", "author_name": "L"},
            {"X-Forwarded-For": "198.51.100.77"},
        )[0]
        for number in range(12)
    ]
    # 8 per window for this reader, whichever of the two workers answers.
    assert statuses.count(202) == 8
    assert statuses.count(429) == 4
