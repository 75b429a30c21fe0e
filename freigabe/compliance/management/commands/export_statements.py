import sys
from datetime import date, datetime, time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from freigabe.compliance.exports import statements_between, write_statements


class Command(BaseCommand):
    help = (
        "Write the statements of reasons of rejections, removals and bans as JSON Lines, "
        "in the fields of the EU DSA Transparency Database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, type=_date, help="First day, YYYY-MM-DD.")
        parser.add_argument("--until", type=_date, help="Last day, YYYY-MM-DD, inclusive (default: today).")
        parser.add_argument("--output", help="File to write (default: standard output).")

    def handle(self, since, until, output, **options):
        until = until or timezone.localdate()
        if until < since:
            raise CommandError("--until is before --since.")
        # Days in the site's time zone: a decision at 00:30 Berlin time is that day's.
        decisions, restrictions = statements_between(_start_of(since), _start_of(until + timedelta(days=1)))
        out = open(output, "w", encoding="utf-8") if output else self.stdout
        try:
            count = write_statements(
                decisions,
                out,
                progress=_report_progress,
                restrictions=restrictions,
                on_problem=self.stderr.write,
            )
        finally:
            if output:
                out.close()
        sys.stderr.write(f"Exported {count} statements of reasons ({since} to {until}).\n")


def _date(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text}") from None


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _report_progress(done, total):
    sys.stderr.write(f"{done}/{total} statements\n")
    sys.stderr.flush()
