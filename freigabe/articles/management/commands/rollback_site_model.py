import json

from django.core.management.base import BaseCommand, CommandError

from freigabe.articles.models import Site
from freigabe.articles.site_models import NoSuchVersion, activate_version


class Command(BaseCommand):
    help = "Reactivate the site's previous model version (or the one given with --to)."

    def add_arguments(self, parser):
        parser.add_argument("--site", required=True, help="site slug")
        parser.add_argument(
            "--to",
            type=int,
            dest="version",
            metavar="VERSION",
            help="version number to reactivate (default: the one before the active one)",
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        site = Site.objects.filter(slug=options["site"]).first()
        if site is None:
            raise CommandError(f"unknown site {options['site']!r}")
        try:
            restored = activate_version(site, options["version"])
        except NoSuchVersion as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "site": site.slug,
                        "version": restored.version,
                        "model_version": restored.label,
                        "active": True,
                    }
                )
            )
        else:
            self.stdout.write(f"{restored.label} is active again")
