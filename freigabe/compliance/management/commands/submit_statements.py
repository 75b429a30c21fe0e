import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from freigabe.articles.models import Site
from freigabe.compliance.submission import submit_pending


class Command(BaseCommand):
    help = (
        "Send the pending statements of reasons (rejections, removals, bans) to the EU "
        "DSA Transparency Database's API, at most 100 per request, each exactly once. "
        "Statements that fail stay pending for the next run. The worker runs this as a "
        "job every FREIGABE_DSA_SUBMIT_INTERVAL seconds; cron or a systemd timer may too."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", help="Only this site's statements (its slug).")
        parser.add_argument(
            "--since", type=_date, help="Only statements made on or after this day, YYYY-MM-DD."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate by the database's rules; send nothing."
        )
        parser.add_argument("--json", action="store_true", help="Print the outcome as JSON.")

    def handle(self, site, since, dry_run, **options):
        if site and not Site.objects.filter(slug=site).exists():
            raise CommandError(f"Unknown site '{site}'.")
        outcome = submit_pending(site=site, since=since, dry_run=dry_run, progress=_report_progress).as_dict()
        for problem in outcome["problems"]:
            self.stderr.write(f"{problem['puid']}: {problem['detail']}")
        if options["json"]:
            self.stdout.write(json.dumps(outcome, ensure_ascii=False))
        else:
            self.stdout.write(
                f"{outcome['checked']} checked, {outcome['submitted']} submitted, "
                f"{outcome['duplicates']} already there, {outcome['invalid']} invalid, "
                f"{outcome['failed']} failed, {outcome['pending']} still pending"
                + (" (dry run: nothing sent)." if dry_run else ".")
            )


def _date(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text}") from None


def _report_progress(done, total, provider):
    sys.stderr.write(f"{provider}: {done}/{total} statements sent\n")
    sys.stderr.flush()
