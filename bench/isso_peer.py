"""Isso, the comparison peer: its own virtualenv, a config, gunicorn with N workers.

Isso is installed from PyPI into bench/.peers/isso-venv (gitignored) on first use.
"""

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PEERS = Path(__file__).with_name(".peers")
ISSO_VENV = PEERS / "isso-venv"
ISSO_REQUIREMENT = "isso"  # 0.14.0 installs and runs on Python 3.11; no pin needed

CONFIG = """\
[general]
dbpath = {database}
host = http://127.0.0.1
gravatar = false

[moderation]
enabled = false

[guard]
enabled = false

[server]
listen = http://127.0.0.1:{port}/
"""


def ensure_isso():
    """Create the Isso virtualenv with Isso and gunicorn unless it is there already."""
    if (ISSO_VENV / "bin" / "gunicorn").exists() and isso_version():
        return
    print(f"Installing {ISSO_REQUIREMENT} and gunicorn into {ISSO_VENV} ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(ISSO_VENV)], check=True)
    subprocess.run(
        [str(ISSO_VENV / "bin" / "pip"), "install", "--quiet", ISSO_REQUIREMENT, "gunicorn"], check=True
    )


def isso_version():
    """The installed Isso's version, or "" when it is not installed."""
    if not (ISSO_VENV / "bin" / "python").exists():
        return ""
    result = subprocess.run(
        [
            str(ISSO_VENV / "bin" / "python"),
            "-c",
            "from importlib.metadata import version; print(version('isso'))",
        ],
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


class IssoServer:
    """Isso under gunicorn with `workers` sync workers, its SQLite database in `data_dir`."""

    def __init__(self, data_dir, port, workers=2):
        self.url = f"http://127.0.0.1:{port}"
        data_dir = Path(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        config = data_dir / "isso.cfg"
        config.write_text(CONFIG.format(database=data_dir / "isso.sqlite3", port=port))
        self.log = open(data_dir / "isso.log", "w")
        self.process = subprocess.Popen(
            [
                str(ISSO_VENV / "bin" / "gunicorn"),
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "isso.run",
            ],
            env={"ISSO_SETTINGS": str(config), "PATH": "/usr/bin:/bin"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_until_up()

    def _wait_until_up(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("Isso exited; see its log: " + self.log.name)
            try:
                with urllib.request.urlopen(self.url + "/info", timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # it answers, which is all we wait for
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise RuntimeError("Isso did not start in time; see its log: " + self.log.name)

    def post(self, uri, text, author, title):
        """Add a comment through Isso's public API; return its HTTP status."""
        data = json.dumps({"text": text, "author": author, "title": title}).encode()
        request = urllib.request.Request(
            f"{self.url}/new?uri={uri}",
            data=data,
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status

    def thread_size(self, uri):
        with urllib.request.urlopen(f"{self.url}/?uri={uri}", timeout=30) as response:
            return json.loads(response.read())["total_replies"]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
