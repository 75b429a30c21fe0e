from django.core.management.base import BaseCommand, CommandError

from freigabe.articles.models import Site
from freigabe.integrations.exporting import FORMATS, export_comments


class Command(BaseCommand):
    help = (
        "Write every comment of the site with its status and decisions, as JSON Lines or "
        "CSV (which `import-comments --format csv` reads back)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", required=True, help="site slug")
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        site = Site.objects.filter(slug=options["site"]).first()
        if site is None:
            raise CommandError(f"unknown site {options['site']!r}")
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                count = export_comments(site, options["format"], out)
        else:
            count = export_comments(site, options["format"], self.stdout)
        self.stderr.write(f"export-comments: {count} comments of {site.slug}")
