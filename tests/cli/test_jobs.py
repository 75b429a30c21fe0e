"""The job mechanism: jobs live in the database, survive restarts and run exactly once."""

import json
import signal
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from freigabe import jobs
from tests.cli import sample_jobs
from tests.processes import FREIGABE, Environment

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    # The worker processes must import the sample jobs from tests/. One database for the
    # module: every test leaves no job behind (the SIGTERM test checks the backlog is empty).
    environment = Environment(tmp_path_factory.mktemp("jobs"), PYTHONPATH=str(ROOT))
    environment.run("migrate", "--verbosity", "0")
    yield environment
    environment.close()


def enqueue_in_own_process(environment, code):
    environment.run("shell", "-c", "from tests.cli import sample_jobs\n" + code)


def lines(path):
    return Path(path).read_text().splitlines() if Path(path).exists() else []


def test_a_job_enqueued_by_one_process_is_run_by_a_new_one(environment, tmp_path):
    trace = tmp_path / "trace"
    enqueue_in_own_process(environment, f"sample_jobs.record.enqueue({str(trace)!r}, 'a')")
    assert lines(trace) == []
    assert environment.run_json("worker", "--once", "--json") == {"ran": 1}
    assert lines(trace) == ["a"]
    assert environment.run_json("worker", "--once", "--json") == {"ran": 0}
    assert lines(trace) == ["a"]


def test_two_workers_at_once_run_every_job_exactly_once(environment, tmp_path):
    trace = tmp_path / "trace"
    enqueue_in_own_process(
        environment, f"for n in range(40): sample_jobs.record.enqueue({str(trace)!r}, str(n))"
    )
    workers = [
        subprocess.Popen(
            [FREIGABE, "worker", "--once", "--json"], env=environment.env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    ran = [json.loads(worker.communicate(timeout=120)[0])["ran"] for worker in workers]
    assert sum(ran) == 40
    assert sorted(lines(trace), key=int) == [str(n) for n in range(40)]


def test_sigterm_lets_the_running_job_finish_then_stops(environment, tmp_path):
    trace = tmp_path / "trace"
    enqueue_in_own_process(environment, f"sample_jobs.slow.enqueue({str(trace)!r}, 1.5)")
    worker = subprocess.Popen(
        [FREIGABE, "worker", "--interval", "0.1"],
        env=environment.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while "started" not in lines(trace) and time.monotonic() < deadline:
        time.sleep(0.05)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=20) == 0
    assert lines(trace) == ["started", "finished"]
    status = environment.run_json("worker", "--status", "--json")
    assert status["backlog"] == {"due": 0, "scheduled": 0, "running": 0, "failed": 0}


def test_a_job_enqueued_in_a_rolled_back_transaction_never_runs(db, tmp_path):
    trace = tmp_path / "trace"
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            sample_jobs.record.enqueue(str(trace), "lost")
            raise RuntimeError("the caller failed")
    with transaction.atomic():
        sample_jobs.record.enqueue(str(trace), "kept")
    assert jobs.run_pending() == 1
    assert lines(trace) == ["kept"]


def test_a_failing_job_is_recorded_and_retried_later(db, tmp_path, capsys):
    trace = tmp_path / "trace"
    sample_jobs.fail_first_time.enqueue(str(trace))
    assert jobs.run_pending() == 1
    row = DBTaskResult.objects.get()
    assert row.status == "READY" and row.run_after > timezone.now()
    assert "mail server unreachable" in row.traceback
    call_command("worker", "--status", "--json")
    status = json.loads(capsys.readouterr().out)
    assert status["backlog"]["scheduled"] == 1
    assert status["failures"][0]["error"] == "RuntimeError: mail server unreachable"
    # Not due yet: nothing runs. Once due, the second attempt succeeds.
    assert jobs.run_pending() == 0
    DBTaskResult.objects.update(run_after=timezone.now())
    assert jobs.run_pending() == 1
    assert lines(trace) == ["try", "try"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_job_failing_every_attempt_ends_failed_and_visible(db, capsys):
    sample_jobs.always_fail.enqueue()
    for _ in range(3):
        jobs.run_pending()
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    row = DBTaskResult.objects.get()
    assert (row.status, len(row.worker_ids)) == ("FAILED", 2)
    call_command("worker", "--status")
    assert (
        "FAILED tests.cli.sample_jobs.always_fail attempt 2: ValueError: broken for good"
        in capsys.readouterr().out
    )


def test_a_job_whose_worker_died_runs_again(db, tmp_path):
    trace = tmp_path / "trace"
    sample_jobs.record.enqueue(str(trace), "again")
    DBTaskResult.objects.update(
        status="RUNNING", worker_ids=["dead:1"], started_at=timezone.now() - timedelta(hours=2)
    )
    assert jobs.run_pending() == 0
    assert jobs.requeue_stalled(timeout_seconds=3600) == 1
    assert jobs.run_pending() == 1
    assert lines(trace) == ["again"]


def test_a_job_can_be_called_directly_and_delayed(db, tmp_path):
    trace = tmp_path / "trace"
    sample_jobs.record(str(trace), "direct")
    sample_jobs.record.enqueue_in(60, str(trace), "later")
    assert jobs.run_pending() == 0
    assert jobs.backlog()["scheduled"] == 1
    assert lines(trace) == ["direct"]


def test_a_result_json_cannot_hold_still_counts_as_success(db):
    sample_jobs.returns_a_date.enqueue()
    assert jobs.run_pending() == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
