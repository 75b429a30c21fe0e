import json

from django.core.management.base import BaseCommand, CommandError

from freigabe.articles.models import Site
from freigabe.integrations.perspective import create_assessor_key


class Command(BaseCommand):
    help = (
        "Create a key for the Perspective-compatible API (/perspective/v1alpha1/); "
        "printed once, stored hashed."
    )

    def add_arguments(self, parser):
        parser.add_argument("site", help="site slug")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        site = Site.objects.filter(slug=options["site"]).first()
        if site is None:
            raise CommandError(f"unknown site {options['site']!r}")
        key = create_assessor_key(site)
        if options["json"]:
            self.stdout.write(json.dumps({"site": site.slug, "key": key}))
        else:
            self.stdout.write(f"Key for {site.slug} (shown only now): {key}")
