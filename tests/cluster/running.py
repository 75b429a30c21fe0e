"""A cluster started by scripts/cluster.sh, as tests and bench/nothing_lost.py drive it."""

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from tests.processes import FREIGABE, request

ROOT = Path(__file__).resolve().parents[2]
CLUSTER_SH = ROOT / "scripts" / "cluster.sh"


def read_env(path):
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return dict(pairs)


class Cluster:
    def __init__(self, directory):
        self.dir = Path(directory)
        self.settings = read_env(self.dir / "cluster.env")
        self.url = self.settings["FREIGABE_CLUSTER_URL"]
        self.app_urls = [f"http://127.0.0.1:{self.settings[f'APP_{n}_PORT']}" for n in (1, 2)]
        self.env = {
            **os.environ,
            "FREIGABE_DATA_DIR": str(self.dir / "app"),
            "DATABASE_URL": self.settings["DATABASE_URL"],
            "FREIGABE_CACHE_URL": self.settings["FREIGABE_CACHE_URL"],
            "FREIGABE_SECRET_KEY": self.settings["FREIGABE_SECRET_KEY"],
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)

    def script(self, *args):
        subprocess.run(
            ["bash", str(CLUSTER_SH), *args], env=self.env, check=True, timeout=180, stdout=subprocess.DEVNULL
        )

    def run(self, *args, check=True):
        """`freigabe ARGS` against the cluster's database (the shape tests.processes uses)."""
        result = subprocess.run([FREIGABE, *args], env=self.env, capture_output=True, text=True, timeout=120)
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


def start_cluster(directory, **settings):
    """Start everything in `directory` with extra settings for every server; a Cluster."""
    os.chmod(directory, 0o755)
    env = {**os.environ, **settings}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(["bash", str(CLUSTER_SH), "start", str(directory)], env=env, check=True, timeout=600)
    running = Cluster(directory)
    running.env.update(settings)
    return running


def stop_cluster(cluster):
    subprocess.run(["bash", str(CLUSTER_SH), "stop", str(cluster.dir)], env=cluster.env, timeout=120)
