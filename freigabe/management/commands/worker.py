import json
import os
import socket

from django.core.management.base import BaseCommand

from freigabe import jobs


class Command(BaseCommand):
    help = (
        "Run background jobs (mails, webhooks, submissions, training, imports) until "
        "SIGTERM or Ctrl-C; the job in progress is finished first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run the jobs that are due now, then exit")
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="seconds between looks for new jobs when idle (default 1)",
        )
        parser.add_argument(
            "--status", action="store_true", help="print the job backlog and the latest failures, then exit"
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, once, interval, status, **options):
        as_json = options["json"]
        if status:
            return self._print_status(as_json)
        worker_id = f"{socket.gethostname()}:{os.getpid()}"[:64]
        if once:
            jobs.requeue_stalled()
            ran = jobs.run_pending(worker_id=worker_id)
            self.stdout.write(_dumps({"ran": ran}) if as_json else f"{ran} jobs run")
            return
        self.stderr.write(f"Worker {worker_id} running jobs (Ctrl-C stops it)")
        jobs.Worker(worker_id, interval=max(interval, 0.05)).run_forever()

    def _print_status(self, as_json):
        report = {"backlog": jobs.backlog(), "failures": jobs.recent_failures()}
        if as_json:
            self.stdout.write(_dumps(report))
            return
        for state, count in report["backlog"].items():
            self.stdout.write(f"{state}: {count}")
        for failure in report["failures"]:
            self.stdout.write(
                f"{failure['status']} {failure['job']} attempt {failure['attempts']}: {failure['error']}"
            )


def _dumps(value):
    return json.dumps(value, ensure_ascii=False)
