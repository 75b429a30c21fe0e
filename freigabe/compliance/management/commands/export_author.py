import json

from django.core.management.base import BaseCommand

from freigabe.compliance.privacy import author_data


class Command(BaseCommand):
    help = "Print everything stored about one author (by email) as JSON (GDPR Art. 15)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, email, **options):
        self.stdout.write(json.dumps(author_data(email.strip()), ensure_ascii=False, indent=2))
