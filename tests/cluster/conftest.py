"""One cluster for all cluster tests: scripts/cluster.sh with PostgreSQL, Redis, two app
servers, a worker and nginx on loopback. `make test-cluster` runs these tests."""

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.processes import FREIGABE, request

ROOT = Path(__file__).resolve().parents[2]
CLUSTER_SH = ROOT / "scripts" / "cluster.sh"
AUTHOR_LIMIT = 4


def read_env(path):
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return dict(pairs)


class Cluster:
    def __init__(self, directory):
        self.dir = Path(directory)
        self.settings = read_env(self.dir / "cluster.env")
        self.url = self.settings["FREIGABE_CLUSTER_URL"]
        self.app_urls = [f"http://127.0.0.1:{self.settings[f'APP_{n}_PORT']}" for n in (1, 2)]
        self.env = {**os.environ, "FREIGABE_DATA_DIR": str(self.dir / "app"),
                    "DATABASE_URL": self.settings["DATABASE_URL"],
                    "FREIGABE_CACHE_URL": self.settings["FREIGABE_CACHE_URL"],
                    "FREIGABE_SECRET_KEY": self.settings["FREIGABE_SECRET_KEY"]}
        self.env.pop("DJANGO_SETTINGS_MODULE", None)

    def script(self, *args):
        subprocess.run(["bash", str(CLUSTER_SH), *args], env=self.env, check=True,
                       timeout=180, stdout=subprocess.DEVNULL)

    def run(self, *args, check=True):
        """`freigabe ARGS` against the cluster's database (the shape tests.processes uses)."""
        result = subprocess.run([FREIGABE, *args], env=self.env, capture_output=True,
                                text=True, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"freigabe {' '.join(args)} failed:\n{result.stderr}")
        return result

    def run_json(self, *args):
        return json.loads(self.run(*args).stdout)

    def app_pid(self, number):
        return int((self.dir / f"app{number}.pid").read_text())

    def kill_app(self, number):
        """SIGKILL a whole app server: gunicorn's master and all its workers at once."""
        os.killpg(self.app_pid(number), signal.SIGKILL)

    def start_app(self, number):
        self.script("app-start", str(self.dir), str(number))

    def app_log(self, number):
        return (self.dir / f"app{number}.log").read_text(errors="replace")

    def wait_until_down(self, number, seconds=10):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                request("GET", self.app_urls[number - 1] + "/healthz")
            except OSError:
                return
            time.sleep(0.1)
        raise AssertionError(f"app server {number} still answers")


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    directory = tmp_path_factory.mktemp("cluster")
    os.chmod(directory, 0o755)
    env = {**os.environ, "FREIGABE_RATE_COMMENTS": "100000/60",
           "FREIGABE_RATE_COMMENTS_PER_AUTHOR": f"{AUTHOR_LIMIT}/600"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(["bash", str(CLUSTER_SH), "start", str(directory)], env=env, check=True,
                   timeout=600)
    running = Cluster(directory)
    running.env.update(FREIGABE_RATE_COMMENTS=env["FREIGABE_RATE_COMMENTS"],
                       FREIGABE_RATE_COMMENTS_PER_AUTHOR=env["FREIGABE_RATE_COMMENTS_PER_AUTHOR"])
    try:
        yield running
    finally:
        subprocess.run(["bash", str(CLUSTER_SH), "stop", str(directory)], env=env, timeout=120)


@pytest.fixture(scope="session")
def newsroom(cluster):
    """A site with an article and an editor with a token and a password."""
    site = cluster.run_json("create-site", "hafen", "--json")
    editor = cluster.run_json("create-moderator", "ines", "--password", "Hafen-2026-Kai",
                              "--senior", "--token", "--json")
    status, _, _ = request("PUT", f"{cluster.url}/api/v1/sites/hafen/articles/ausbau",
                           {"title": "Der Hafen wird ausgebaut",
                            "body": "Die Stadt baut den Hafen für 40 Millionen Euro aus."},
                           {"Authorization": f"Bearer {site['api_key']}"})
    assert status == 201
    return {"site": site, "token": editor["token"], "user": "ines",
            "password": "Hafen-2026-Kai", "article": "ausbau"}
