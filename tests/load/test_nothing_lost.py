"""No acknowledged comment is lost or doubled when a worker dies mid-run.

Runs on SQLite, and on a fresh PostgreSQL database when DATABASE_URL is set.
`bench/nothing_lost.py` runs the same check longer, with repeated kills.
"""

import pytest

from tests.load.writers import Writers, kill_workers_during, lost_or_doubled, stored_comments
from tests.processes import Environment, Server, request

COMMENTS = 1200
WRITERS = 8
GUNICORN_WORKERS = 2

pytestmark = pytest.mark.load


@pytest.fixture
def served(tmp_path):
    environment = Environment(tmp_path, FREIGABE_RATE_COMMENTS="100000/60")
    environment.run("migrate", "--verbosity", "0")
    site = environment.run_json("create-site", "hafen", "--json")
    server = Server(environment, workers=GUNICORN_WORKERS)
    status, _, _ = request(
        "PUT",
        f"{server.url}/api/v1/sites/hafen/articles/ausbau",
        {"title": "Der Hafen wird ausgebaut", "body": "Die Stadt baut den Hafen für 40 Millionen Euro aus."},
        {"Authorization": f"Bearer {site['api_key']}"},
    )
    assert status == 201
    yield environment, server
    server.stop()
    environment.close()


def test_every_acknowledged_comment_is_stored_once_and_stays_hidden(served):
    environment, server = served
    writers = Writers(server.url, "hafen", "ausbau", total=COMMENTS, writers=WRITERS)
    killed = []
    outcome = writers.run(
        while_running=lambda running: killed.extend(
            kill_workers_during(server, running, kills=1, workers=GUNICORN_WORKERS)
        )
    )

    assert len(killed) == 1
    print(
        f"202: {len(outcome.acknowledged)}, stored but answer lost: "
        f"{len(outcome.stored_before)}, dropped connections: {outcome.dropped_connections}, "
        f"5xx retried: {outcome.server_errors}"
    )
    # 5xx answers are retried, not failed: a new worker loads the assessment model on its
    # first comment, and on a starved machine that can outlast gunicorn's 30 s timeout.
    assert not outcome.unexpected, outcome.unexpected[:5]
    assert not outcome.abandoned, sorted(outcome.abandoned)[:5]
    assert len(outcome.acknowledged) + len(outcome.stored_before) == COMMENTS
    rows = stored_comments(environment, "hafen", "ausbau")
    assert lost_or_doubled(outcome, rows) == []
    assert len(rows) == COMMENTS

    status, _, public = request("GET", f"{server.url}/api/v1/sites/hafen/articles/ausbau/comments")
    assert (status, public["count"], public["comments"]) == (200, 0, [])
