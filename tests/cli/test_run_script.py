"""`make run` (scripts/run.sh): the server and a worker together, both stopped by Ctrl-C."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.processes import FREIGABE, Environment, Server, free_port, request

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def healthy(url):
    try:
        return request("GET", url + "/healthz")[0] == 200
    except OSError:
        return False


def test_run_serves_runs_jobs_and_ctrl_c_stops_both(tmp_path):
    environment = Environment(tmp_path, PYTHONPATH=str(ROOT), FREIGABE=FREIGABE)
    environment.run("migrate", "--verbosity", "0")
    port = free_port()
    run = subprocess.Popen(
        ["bash", str(ROOT / "scripts/run.sh"), "--port", str(port)],
        env=environment.env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for(lambda: healthy(f"http://127.0.0.1:{port}"))
        trace = tmp_path / "trace"
        environment.run(
            "shell",
            "-c",
            f"from tests.cli import sample_jobs\nsample_jobs.record.enqueue({str(trace)!r}, 'done')",
        )
        assert wait_for(lambda: trace.exists() and trace.read_text() == "done\n")
        # Ctrl-C in a terminal signals the whole foreground process group.
        os.killpg(run.pid, signal.SIGINT)
        assert run.wait(timeout=30) == 0
        assert not healthy(f"http://127.0.0.1:{port}")
        leftover = subprocess.run(["pgrep", "-g", str(run.pid)], capture_output=True, text=True)
        assert leftover.stdout.strip() == ""
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
        environment.close()


def test_a_web_process_starts_no_threads(tmp_path):
    # Background work runs as jobs in `freigabe worker`, never on timers or threads here.
    environment = Environment(tmp_path)
    environment.run("migrate", "--verbosity", "0")
    code = "import threading, freigabe.wsgi\nprint([t.name for t in threading.enumerate()])"
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment.env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['MainThread']"
    environment.close()


def test_serving_and_deciding_leave_each_server_worker_with_one_thread(tmp_path):
    environment = Environment(tmp_path, FREIGABE_RATE_COMMENTS="1000/60")
    environment.run("migrate", "--verbosity", "0")
    site = environment.run_json("create-site", "blatt", "--json")
    token = environment.run_json("create-moderator", "ute", "--token", "--json")["token"]
    server = Server(environment, workers=1)
    try:
        request(
            "PUT",
            f"{server.url}/api/v1/sites/blatt/articles/kai",
            {"title": "Die Kaimauer", "body": "Die Kaimauer wird saniert."},
            {"Authorization": f"Bearer {site['api_key']}"},
        )
        ids = []
        for number in range(3):
            status, _, accepted = request(
                "POST",
                f"{server.url}/api/v1/sites/blatt/articles/kai/comments",
                {
                    "body": f"Die Sanierung dauert ({number}).",
                    "author_name": "Leser",
                    "author_email": f"leser{number}@example.org",
                    "notify": True,
                },
            )
            assert status == 202
            ids.append(accepted["id"])
        # Decisions once started a timer thread for the outcome mail: now they enqueue jobs.
        for comment_id, action in zip(ids, ("release", "reject", "release")):
            status, _, _ = request(
                "POST",
                f"{server.url}/api/v1/moderation/comments/{comment_id}/decision",
                {"action": action, "reasons": ["insult"] if action == "reject" else []},
                {"Authorization": f"Token {token}"},
            )
            assert status == 200
        # The workers answer every request; the master only supervises them (and holds the
        # thread pool numpy's BLAS starts on import, which its forked workers do not inherit).
        processes = server.worker_pids()
        threads = {pid: len(os.listdir(f"/proc/{pid}/task")) for pid in processes}
        backlog = environment.run_json("worker", "--status", "--json")["backlog"]
    finally:
        server.stop()
        environment.close()
    assert threads == {pid: 1 for pid in processes}
    assert backlog["due"] + backlog["scheduled"] >= 1  # the outcome mails wait as jobs
