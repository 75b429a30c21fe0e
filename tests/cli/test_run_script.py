"""`make run` (scripts/run.sh): the server and a worker together, both stopped by Ctrl-C."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.processes import FREIGABE, Environment, free_port, request

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
    run = subprocess.Popen(["bash", str(ROOT / "scripts/run.sh"), "--port", str(port)],
                           env=environment.env, cwd=ROOT, start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: healthy(f"http://127.0.0.1:{port}"))
        trace = tmp_path / "trace"
        environment.run("shell", "-c", "from tests.cli import sample_jobs\n"
                        f"sample_jobs.record.enqueue({str(trace)!r}, 'done')")
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
    code = ("import threading, freigabe.wsgi\n"
            "print([t.name for t in threading.enumerate()])")
    result = subprocess.run([sys.executable, "-c", code], env=environment.env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['MainThread']"
    environment.close()
