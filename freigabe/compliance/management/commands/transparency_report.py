from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from freigabe.compliance.transparency import transparency_figures, write_report


class Command(BaseCommand):
    help = (
        "Write the yearly transparency report: report.html (with SVG charts), "
        "report.csv and report.json, and one eu-template-*.csv per section of the EU's "
        "templates (Implementing Regulation 2024/2835) that applies."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="The year, YYYY.")
        parser.add_argument("--out", default=".", help="Directory to write to (default: here).")

    def handle(self, period, out, **options):
        if not (period.isdigit() and len(period) == 4):
            raise CommandError(f"--period must be a year (YYYY), not {period!r}.")
        for path in write_report(transparency_figures(int(period)), Path(out)):
            self.stdout.write(str(path))
