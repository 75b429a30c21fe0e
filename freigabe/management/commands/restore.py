import json

from django.core.management.base import BaseCommand, CommandError

from freigabe.backups import BackupRefused, describe, restore, sqlite_path


class Command(BaseCommand):
    help = (
        "Replace the SQLite database's content with a backup made by `freigabe backup`. "
        "Stop the servers and workers first. For PostgreSQL use pg_restore: docs/deploy.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, path, interactive, **options):
        try:
            sqlite_path()  # on PostgreSQL: say so before anything else
            found = describe(path)
            if interactive and not self._confirmed(found):
                raise CommandError("Restore cancelled; nothing was changed.")
            summary = restore(path, progress=self._progress)
        except BackupRefused as refusal:
            raise CommandError(str(refusal)) from None
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(
                f"Restored {summary['path']} ({summary['comments']} comments). "
                "`freigabe serve` applies newer migrations on start."
            )

    def _confirmed(self, found):
        answer = input(
            f"Replace every row of the live database with {found['path']} "
            f"({found['comments']} comments)? Servers and workers must be stopped. "
            "Type 'yes' to go on: "
        )
        return answer.strip().lower() == "yes"

    def _progress(self, done, total):
        self.stderr.write(f"restored {done} of {total} pages")
