"""`/metrics`: Prometheus text, only for the token or allowed addresses."""

import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families

from freigabe.jobs import job
from tests.processes import Environment, Server, request


def samples(text):
    """{(name, frozenset(labels)): value} of every sample in an exposition."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def sample(values, name, **labels):
    return values.get((name, frozenset(labels.items())))


@job()
def noop():
    pass


def test_metrics_are_off_when_nothing_is_configured(client, settings):
    settings.FREIGABE_METRICS_TOKEN = ""
    settings.FREIGABE_METRICS_ALLOWED_IPS = []
    assert client.get("/metrics").status_code == 404


def test_metrics_need_the_bearer_token(client, settings, db):
    settings.FREIGABE_METRICS_TOKEN = "scrape-me-7"
    settings.FREIGABE_METRICS_ALLOWED_IPS = []
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="scrape-me-7").status_code == 403
    answer = client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-me-7")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/plain; version=0.0.4")


@pytest.mark.parametrize(
    "allowed, forwarded, status",
    [
        (["127.0.0.1"], None, 200),
        (["192.0.2.0/24"], None, 403),
        (["192.0.2.0/24"], "192.0.2.44", 200),  # through our proxy, from an allowed network
        (["127.0.0.1"], "198.51.100.1", 403),  # the proxy's own address does not count then
    ],
)
def test_metrics_for_allowed_addresses(client, settings, db, allowed, forwarded, status):
    settings.FREIGABE_METRICS_TOKEN = ""
    settings.FREIGABE_METRICS_ALLOWED_IPS = allowed
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    assert client.get("/metrics", **headers).status_code == status


def test_metrics_show_queue_decisions_jobs_and_latencies(client, settings, submit, release):
    settings.FREIGABE_METRICS_TOKEN = "scrape-me-7"
    before = samples(client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-me-7").content.decode())
    first, _, _ = submit(), submit(), submit()
    release(first["id"])
    noop.enqueue()
    values = samples(client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-me-7").content.decode())
    assert sample(values, "freigabe_queue_pending_comments", site="zeitung") == 2
    assert sample(values, "freigabe_queue_oldest_pending_seconds", site="zeitung") >= 0
    assert sample(values, "freigabe_decisions_last_hour", site="zeitung") == 1
    assert sample(values, "freigabe_jobs", state="due") == 1
    assert sample(values, "freigabe_jobs", state="failed") == 0
    assessed = "freigabe_assessment_duration_seconds_count"
    assert values[(assessed, frozenset())] - before.get((assessed, frozenset()), 0) == 3
    route = "api/v1/sites/<site>/articles/<article_id>/comments"
    posted = sample(values, "freigabe_request_duration_seconds_count", method="POST", route=route)
    earlier = sample(before, "freigabe_request_duration_seconds_count", method="POST", route=route) or 0
    assert posted - earlier == 3


def test_a_served_instance_sums_its_workers_latencies(tmp_path):
    environment = Environment(
        tmp_path, FREIGABE_METRICS_TOKEN="scrape-me-7", FREIGABE_RATE_COMMENTS="1000/60"
    )
    environment.run("migrate", "--verbosity", "0")
    site = environment.run_json("create-site", "blatt", "--json")
    server = Server(environment, workers=2)
    try:
        request(
            "PUT",
            f"{server.url}/api/v1/sites/blatt/articles/kai",
            {"title": "Die Kaimauer", "body": "Die Kaimauer wird saniert."},
            {"Authorization": f"Bearer {site['api_key']}"},
        )
        for number in range(6):
            status, _, _ = request(
                "POST",
                f"{server.url}/api/v1/sites/blatt/articles/kai/comments",
                {"body": f"Die Sanierung dauert zu lange ({number}).", "author_name": "Leser"},
            )
            assert status == 202
        scrape = urllib.request.Request(
            server.url + "/metrics", headers={"Authorization": "Bearer scrape-me-7"}
        )
        with urllib.request.urlopen(scrape) as answer:
            values = samples(answer.read().decode())
    finally:
        server.stop()
        environment.close()
    assert values[("freigabe_assessment_duration_seconds_count", frozenset())] == 6
    assert sample(values, "freigabe_queue_pending_comments", site="blatt") == 6
