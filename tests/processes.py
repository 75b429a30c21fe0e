"""Run the real `freigabe` command and server in subprocesses, each with its own database."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import dj_database_url

FREIGABE = str(Path(sys.executable).with_name("freigabe"))


class Environment:
    """A data directory and a fresh database (SQLite file or a new PostgreSQL database)."""

    def __init__(self, data_dir, **settings):
        self.data_dir = Path(data_dir)
        self.env = {
            **os.environ,
            "FREIGABE_DATA_DIR": str(self.data_dir),
            "FREIGABE_SECURE_COOKIES": "0",
            **settings,
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        # Set by the browser tests' conftest for Playwright; never for a real server.
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self._pg_name = None
        base_url = os.environ.get("DATABASE_URL", "")
        if base_url.startswith("postgres"):
            self._pg_name = "fg_" + uuid.uuid4().hex[:12]
            self._admin(f'CREATE DATABASE "{self._pg_name}"')
            self.env["DATABASE_URL"] = base_url.rsplit("/", 1)[0] + "/" + self._pg_name

    def _admin(self, sql):
        import psycopg

        config = dj_database_url.parse(os.environ["DATABASE_URL"])
        with psycopg.connect(
            host=config["HOST"],
            port=config["PORT"],
            user=config["USER"],
            dbname=config["NAME"],
            autocommit=True,
        ) as connection:
            connection.execute(sql)

    def run(self, *args, check=True, timeout=120):
        result = subprocess.run(
            [FREIGABE, *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if check and result.returncode != 0:
            raise AssertionError(f"freigabe {' '.join(args)} failed:\n{result.stderr}")
        return result

    def run_json(self, *args):
        return json.loads(self.run(*args).stdout)

    def close(self):
        if self._pg_name:
            self._admin(f'DROP DATABASE IF EXISTS "{self._pg_name}" WITH (FORCE)')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`freigabe serve` (gunicorn) on a free loopback port."""

    def __init__(self, environment, workers=2):
        self.environment = environment
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(environment.data_dir / "server.log", "w")
        self.process = subprocess.Popen(
            [FREIGABE, "serve", "--port", str(self.port), "--workers", str(workers)],
            env=environment.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_until_healthy()

    def _wait_until_healthy(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("server exited: " + self.read_log())
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise AssertionError("server did not become healthy: " + self.read_log())

    def read_log(self):
        self.log.flush()
        return (self.environment.data_dir / "server.log").read_text()[-3000:]

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


def request(method, url, data=None, headers=None):
    """(status, headers, parsed JSON or raw bytes) without raising on 4xx/5xx."""
    body = json.dumps(data).encode() if data is not None else None
    req = urllib.request.Request(
        url, data=body, method=method, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers, _decode(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers, _decode(error.read())


def _decode(raw):
    try:
        return json.loads(raw)
    except ValueError:
        return raw
