import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from freigabe.articles.review_hours import HoursError, ReviewHours
from freigabe.comments.replay import HistoryError, read_history, replay


class Command(BaseCommand):
    help = (
        "Replay a history of submissions and decisions and measure the waiting times "
        "readers would have been promised (each estimate from what was known then)."
    )

    def add_arguments(self, parser):
        parser.add_argument("history", help="CSV: comment_id,submitted_at,decided_at[,suggestion]")
        parser.add_argument(
            "--hours",
            default="",
            help='review hours, e.g. "Mo-Fr 07:00-23:00; Sa,So 09:00-20:00" (default: always)',
        )
        parser.add_argument("--timezone", default="Europe/Berlin")
        parser.add_argument(
            "--exceptions", default="", help='e.g. "2026-12-24 09:00-12:00; 2026-12-25 geschlossen"'
        )
        parser.add_argument(
            "--default-per-hour", type=float, default=None, help="pace assumed before there is history"
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            hours = ReviewHours.parse(options["hours"], options["timezone"], options["exceptions"])
            entries = read_history(options["history"])
        except (HoursError, HistoryError) as problem:
            raise CommandError(str(problem)) from None
        except OSError as problem:
            raise CommandError(f"Cannot read {options['history']}: {problem.strerror}.") from None
        if not entries:
            raise CommandError(f"{options['history']} has no comments.")
        self.stderr.write(f"Replaying {len(entries)} comments …")
        default = options["default_per_hour"] or float(settings.FREIGABE_DEFAULT_DECISIONS_PER_HOUR)
        result = replay(entries, hours, default)
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        self.stdout.write(_table(result))


def _table(result):
    lines = [
        f"comments decided: {result['n']} (still pending: {result['still_pending']})",
        f"within the stated range: {_share(result['within_range'])}",
        f"median |actual - estimate| / actual: {result['median_abs_error_ratio']}"
        f" (round one's estimate: {result['old_estimate']['median_abs_error_ratio']})",
        "",
        "hour  n      within  error",
    ]
    for hour, figures in result["by_hour"].items():
        lines.append(
            f"{int(hour):>4}  {figures['n']:<6} {_share(figures['within_range']):>6}  "
            f"{figures['median_abs_error_ratio']}"
        )
    return "\n".join(lines)


def _share(value):
    return "-" if value is None else f"{value:.0%}"
