"""Retraining a site model runs beside a live server without holding up readers or editors.

A real `freigabe learn-from-decisions` (its own process, a history large enough to keep
it busy for a while) runs against the same database as `freigabe serve`; meanwhile
readers post comments and an editor reads the queue and decides. Every one of those
requests must be answered promptly while the training is still running.
"""

import subprocess
import time
from datetime import datetime

import pytest

from tests.learning.newsroom import newsroom_comments, write_csv
from tests.processes import FREIGABE, Environment, Server, request

# No tight wall-clock bound (a shared machine's load must not decide the test): a request
# that waited for the training would come back only after the training ended, so each
# round is counted only if the training was still running when its last answer arrived.
HANG_SECONDS = 60


@pytest.fixture
def served(tmp_path):
    environment = Environment(
        tmp_path, FREIGABE_RATE_COMMENTS="1000/60", FREIGABE_TRUSTED_PROXIES="127.0.0.1"
    )
    environment.run("migrate", "--verbosity", "0")
    site = environment.run_json("create-site", "zeitung", "--json")
    token = environment.run_json("create-moderator", "erika", "--token", "--json")["token"]
    server = Server(environment)
    status, _, _ = request(
        "PUT",
        f"{server.url}/api/v1/sites/zeitung/articles/radwege",
        {
            "title": "Stadtrat beschließt neue Radwege",
            "body": "Auf der Lindenallee entfallen 230 Parkplätze.",
        },
        {"Authorization": f"Bearer {site['api_key']}"},
    )
    assert status == 201
    yield environment, server, token
    server.stop()
    environment.close()


def timed(method, url, data=None, headers=None):
    started = time.monotonic()
    status, _, body = request(method, url, data, headers)
    return status, body, time.monotonic() - started


def test_submissions_and_decisions_stay_prompt_while_a_site_model_trains(served, tmp_path):
    environment, server, token = served
    history = write_csv(tmp_path / "history.csv", newsroom_comments(6000), time_from=datetime(2025, 3, 1))
    learner = subprocess.Popen(
        [
            FREIGABE,
            "learn-from-decisions",
            "--site",
            "zeitung",
            "--import",
            str(history),
            "--time-column",
            "decided_at",
            "--json",
        ],
        env=environment.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    comments = f"{server.url}/api/v1/sites/zeitung/articles/radwege/comments"
    editor = {"Authorization": f"Token {token}"}
    answered_while_training = []
    number = 0
    while learner.poll() is None and number < 40:
        number += 1
        status, accepted, seconds = timed(
            "POST",
            comments,
            {"body": f"Die Radwege sind gut, Nummer {number}.", "author_name": "Leserin"},
            {"X-Forwarded-For": f"198.51.100.{number}"},
        )
        assert status == 202 and seconds < HANG_SECONDS, (status, seconds)
        status, queue, seconds = timed("GET", f"{server.url}/api/v1/moderation/queue", None, editor)
        assert status == 200 and seconds < HANG_SECONDS, (status, seconds)
        status, _, seconds = timed(
            "POST",
            f"{server.url}/api/v1/moderation/comments/{accepted['id']}/decision",
            {"action": "release", "reasons": []},
            editor,
        )
        assert status == 200 and seconds < HANG_SECONDS, (status, seconds)
        if learner.poll() is None:
            answered_while_training.append(number)
    stdout, stderr = learner.communicate(timeout=600)
    assert learner.returncode == 0, stderr
    assert '"activated"' in stdout
    # The point of the test: whole rounds (submit, read the queue, decide) were answered
    # while the training was still busy, so none of them waited for it.
    assert len(answered_while_training) >= 3, (answered_while_training, stderr[-2000:])
