import json

from django.core.management.base import BaseCommand, CommandError

from freigabe.backups import BackupRefused, backup


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to PATH while the servers keep running (SQLite's online "
        "backup API). For PostgreSQL use pg_dump: docs/deploy.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
        parser.add_argument("--json", action="store_true")

    def handle(self, path, force, **options):
        try:
            summary = backup(path, progress=self._progress, overwrite=force)
        except BackupRefused as refusal:
            raise CommandError(str(refusal)) from None
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(
                f"Backup written to {summary['path']}: {summary['bytes']} bytes, "
                f"{summary['comments']} comments."
            )

    def _progress(self, done, total):
        self.stderr.write(f"copied {done} of {total} pages")
