import json

from django.core.management.base import BaseCommand

from freigabe.compliance.privacy import ANONYMISE, REMOVE, erase_author


class Command(BaseCommand):
    help = (
        "Erase an author's personal data (GDPR Art. 17): name, email and IP hashes; "
        "their comments are removed or kept anonymised, by default as each site's "
        "policy says. Records only counts, never who."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--mode", choices=[REMOVE, ANONYMISE], default=None, help="Override the sites' erasure policy."
        )

    def handle(self, email, mode, **options):
        erasure = erase_author(email.strip(), mode=mode)
        self.stdout.write(
            json.dumps(
                {
                    "mode": erasure.mode,
                    "comments_removed": erasure.comments_removed,
                    "comments_anonymised": erasure.comments_anonymised,
                    "reports_anonymised": erasure.reports_anonymised,
                }
            )
        )
