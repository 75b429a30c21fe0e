"""Jobs for the job-mechanism tests: each leaves a trace in a file another process reads."""

import time
from pathlib import Path

from freigabe.jobs import job


def _append(path, line):
    with open(path, "a") as trace:
        trace.write(line + "\n")


@job()
def record(path, marker):
    _append(path, marker)


@job()
def fail_first_time(path):
    attempts = Path(path)
    tries = len(attempts.read_text().splitlines()) if attempts.exists() else 0
    _append(path, "try")
    if tries == 0:
        raise RuntimeError("mail server unreachable")


@job(max_attempts=2)
def always_fail():
    raise ValueError("broken for good")


@job()
def slow(path, seconds):
    _append(path, "started")
    time.sleep(seconds)
    _append(path, "finished")


@job()
def returns_a_date():
    import datetime

    return {"when": datetime.date(2026, 12, 1)}
