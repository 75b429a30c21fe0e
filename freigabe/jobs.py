"""Background jobs: the one mechanism for work that must not run inside a request.

Built on Django's task framework (the `django-tasks` backport) with the database backend
of `django-tasks-db`, so a job is a row in the same database as the data it works on:

    from freigabe.jobs import job

    @job()
    def deliver_webhook(delivery_id): ...

    deliver_webhook.enqueue(delivery_id)        # committed (or rolled back) with the caller
    deliver_webhook.enqueue_in(10, delivery_id)  # not before 10 seconds from now
    deliver_webhook(delivery_id)                 # a plain call, e.g. in a test

`freigabe worker` runs due jobs forever; `run_pending()` runs them once, in this process.
A job that raises is retried with a growing delay up to `max_attempts` times; its last
traceback stays on the row, and after the last attempt it is marked failed. A job left
"running" by a worker that died is run again after `FREIGABE_JOB_TIMEOUT` seconds, so
every job must be idempotent: running it twice has the effect of running it once.
"""

import dataclasses
import json
import logging
import signal
import time
from datetime import timedelta
from traceback import format_exception

from django.conf import settings
from django.db import DatabaseError, close_old_connections
from django.utils import timezone
from django.utils.version import PY311
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME, TaskResultStatus
from django_tasks.base import Task

logger = logging.getLogger("freigabe.jobs")

DEFAULT_MAX_ATTEMPTS = 5
# Seconds before retry n (1-based): 10 s, 40 s, 90 s, ... capped at an hour.
RETRY_BASE_SECONDS = 10
RETRY_MAX_SECONDS = 3600


@dataclasses.dataclass(frozen=True, slots=PY311, kw_only=True)
class Job(Task):
    """A task that can also be called directly and knows how often it may be tried."""

    max_attempts: int = DEFAULT_MAX_ATTEMPTS

    def __call__(self, *args, **kwargs):
        return self.call(*args, **kwargs)

    def enqueue_in(self, seconds, *args, **kwargs):
        """Enqueue to run no earlier than `seconds` from now (e.g. after an undo window)."""
        run_after = timezone.now() + timedelta(seconds=seconds)
        return self.using(run_after=run_after).enqueue(*args, **kwargs)


def job(*, max_attempts=DEFAULT_MAX_ATTEMPTS, priority=0, queue_name=DEFAULT_TASK_QUEUE_NAME):
    """Decorator: the module-level function becomes a job with `.enqueue(...)`."""

    def wrap(function):
        return Job(
            func=function,
            priority=priority,
            queue_name=queue_name,
            backend=DEFAULT_TASK_BACKEND_ALIAS,
            takes_context=False,
            run_after=None,
            max_attempts=max_attempts,
        )

    return wrap


def _results():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects


def _retry_delay(attempts):
    return min(RETRY_BASE_SECONDS * attempts * attempts, RETRY_MAX_SECONDS)


def _max_attempts(row):
    try:
        return getattr(row.task, "max_attempts", DEFAULT_MAX_ATTEMPTS)
    except Exception:  # the job's function is gone: its row can only fail
        return 1


def _claim_next(worker_id):
    """Mark the next due job as running for this worker; None when nothing is due."""
    from django_tasks_db.utils import exclusive_transaction

    due = _results().ready()
    # A cheap look without a write lock first: an idle worker must not block writers.
    if not due.exists():
        return None
    with exclusive_transaction(due.db):
        row = due.get_locked()
        if row is not None:
            row.claim(worker_id)
    return row


def _run(row):
    """Run one claimed job; record success, a scheduled retry, or the final failure."""
    attempts = len(row.worker_ids)
    try:
        task = row.task
        result = task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
    except Exception as error:
        _record_failure(row, error, attempts)
        return
    row.set_successful(result if _fits_json(result) else None)
    logger.info("job done", extra={"job": row.task_path, "job_id": str(row.id), "attempt": attempts})


def _fits_json(value):
    """Whether the result can be stored; one JSON cannot hold does not fail the job."""
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def _record_failure(row, error, attempts):
    max_attempts = _max_attempts(row)
    logger.exception(
        "job failed",
        extra={
            "job": row.task_path,
            "job_id": str(row.id),
            "attempt": attempts,
            "max_attempts": max_attempts,
        },
    )
    if attempts >= max_attempts:
        row.set_failed(error)
        return
    # Try again later; the traceback stays visible on the row meanwhile.
    row.status = TaskResultStatus.READY
    row.run_after = timezone.now() + timedelta(seconds=_retry_delay(attempts))
    row.exception_class_path = f"{type(error).__module__}.{type(error).__qualname__}"
    row.traceback = "".join(format_exception(error))
    row.save(update_fields=["status", "run_after", "exception_class_path", "traceback"])


def requeue_stalled(timeout_seconds=None):
    """Jobs 'running' for longer than the timeout lost their worker: make them due again."""
    timeout = settings.FREIGABE_JOB_TIMEOUT if timeout_seconds is None else timeout_seconds
    cutoff = timezone.now() - timedelta(seconds=timeout)
    stalled = _results().running().filter(started_at__lt=cutoff)
    count = 0
    for row in stalled:
        if len(row.worker_ids) >= _max_attempts(row):
            row.set_failed(TimeoutError(f"no result {timeout} s after start, worker lost"))
        else:
            row.status = TaskResultStatus.READY
            row.run_after = timezone.now()
            row.save(update_fields=["status", "run_after"])
        count += 1
    if count:
        logger.warning("stalled jobs requeued", extra={"count": count})
    return count


def run_pending(worker_id="run_pending", limit=10_000):
    """Run every job that is due now, in this process; return how many ran."""
    ran = 0
    while ran < limit:
        row = _claim_next(worker_id)
        if row is None:
            break
        _run(row)
        ran += 1
    return ran


def backlog():
    """How many jobs are due now, scheduled for later, running and failed."""
    results = _results()
    due = results.ready().count()
    return {
        "due": due,
        "scheduled": results.filter(status=TaskResultStatus.READY).count() - due,
        "running": results.running().count(),
        "failed": results.failed().count(),
    }


def recent_failures(limit=20):
    """The latest jobs that raised: failed for good, or waiting for their next attempt."""
    rows = (
        _results()
        .exclude(traceback="")
        .exclude(status=TaskResultStatus.SUCCESSFUL)
        .order_by("-started_at")[:limit]
    )
    return [
        {
            "id": str(row.id),
            "job": row.task_path,
            "status": row.status,
            "attempts": len(row.worker_ids),
            "error": row.traceback.strip().splitlines()[-1] if row.traceback else "",
            "next_attempt": row.run_after.isoformat() if row.status == TaskResultStatus.READY else None,
        }
        for row in rows
    ]


class Worker:
    """The loop behind `freigabe worker`: SIGTERM/SIGINT finish the current job, then stop."""

    def __init__(self, worker_id, interval=1.0):
        self.worker_id = worker_id
        self.interval = interval
        self.stopping = False

    def stop(self, signum, frame):
        logger.info("worker stopping", extra={"signal": signal.strsignal(signum)})
        self.stopping = True

    def run_forever(self):
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        logger.info("worker started", extra={"worker_id": self.worker_id})
        next_stall_check = 0.0
        while not self.stopping:
            close_old_connections()
            try:
                if time.monotonic() >= next_stall_check:
                    requeue_stalled()
                    next_stall_check = time.monotonic() + 60
                row = _claim_next(self.worker_id)
                if row is None:
                    self._sleep()
                    continue
                _run(row)
            except DatabaseError:
                # The database went away (restart, failover): wait and carry on. A job it
                # was running is requeued by requeue_stalled() after FREIGABE_JOB_TIMEOUT.
                logger.exception("worker lost the database; retrying")
                close_old_connections()
                self._sleep(seconds=max(self.interval, 5))
        close_old_connections()
        logger.info("worker stopped", extra={"worker_id": self.worker_id})

    def _sleep(self, seconds=None):
        deadline = time.monotonic() + (self.interval if seconds is None else seconds)
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.1, self.interval))
