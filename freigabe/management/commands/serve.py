import os
import shutil
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = "Migrate if needed, then serve Freigabe with gunicorn (a production server)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--timeout", type=int, default=60)

    def handle(self, host, port, workers, timeout, **options):
        if _unapplied_migrations():
            self.stderr.write("Applying database migrations ...")
            call_command("migrate", interactive=False, verbosity=0)
        connection.close()
        _share_metrics_between_workers(port)
        self.stderr.write(f"Serving on http://{host}:{port} with {workers} workers")
        arguments = [
            sys.executable,
            "-m",
            "gunicorn",
            "freigabe.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--preload",  # workers fork with the app and the assessor model loaded
            "--timeout",
            str(timeout),
            "--graceful-timeout",
            "20",
            "--max-requests",
            "5000",
            "--max-requests-jitter",
            "500",
            "--access-logfile",
            "-",
            "--forwarded-allow-ips",
            ",".join(settings.TRUSTED_PROXIES) or "127.0.0.1",
        ]
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, arguments)


def _share_metrics_between_workers(port):
    """A fresh directory where every gunicorn worker keeps its /metrics histograms."""
    directory = settings.DATA_DIR / f"metrics-{port}"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)


def _unapplied_migrations():
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())
