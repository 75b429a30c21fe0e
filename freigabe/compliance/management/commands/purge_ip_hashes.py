from django.conf import settings
from django.core.management.base import BaseCommand

from freigabe.compliance.privacy import purge_ip_hashes


class Command(BaseCommand):
    help = (
        "Clear the IP hashes of comments older than FREIGABE_IP_RETENTION_DAYS "
        "(default 7). Run daily from cron or a systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Retention in days (default: FREIGABE_IP_RETENTION_DAYS)."
        )

    def handle(self, days, **options):
        days = settings.FREIGABE_IP_RETENTION_DAYS if days is None else days
        cleared = purge_ip_hashes(days)
        self.stdout.write(f"Cleared {cleared} IP hashes older than {days} days.")
