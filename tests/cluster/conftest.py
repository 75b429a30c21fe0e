"""One cluster for all cluster tests: scripts/cluster.sh with PostgreSQL, Redis, two app
servers, a worker and nginx on loopback. `make test-cluster` runs these tests."""

import pytest

from tests.cluster.running import start_cluster, stop_cluster
from tests.processes import request

AUTHOR_LIMIT = 4


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    running = start_cluster(
        tmp_path_factory.mktemp("cluster"),
        FREIGABE_RATE_COMMENTS="100000/60",
        FREIGABE_RATE_COMMENTS_PER_AUTHOR=f"{AUTHOR_LIMIT}/600",
    )
    try:
        yield running
    finally:
        stop_cluster(running)


@pytest.fixture(scope="session")
def newsroom(cluster):
    """A site with an article and an editor with a token and a password."""
    site = cluster.run_json("create-site", "hafen", "--json")
    editor = cluster.run_json(
        "create-moderator", "ines", "--password", "Hafen-2026-Kai", "--senior", "--token", "--json"
    )
    status, _, _ = request(
        "PUT",
        f"{cluster.url}/api/v1/sites/hafen/articles/ausbau",
        {"title": "Der Hafen wird ausgebaut", "body": "Die Stadt baut den Hafen für 40 Millionen Euro aus."},
        {"Authorization": f"Bearer {site['api_key']}"},
    )
    assert status == 201
    return {
        "site": site,
        "token": editor["token"],
        "user": "ines",
        "password": "Hafen-2026-Kai",
        "article": "ausbau",
    }
