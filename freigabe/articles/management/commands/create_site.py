import json

from django.core.management.base import BaseCommand, CommandError

from freigabe.articles.services import InvalidSlug, SiteExists, create_site


class Command(BaseCommand):
    help = "Create a publisher site and print its API key (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--name", help="Display name of the publication.")
        parser.add_argument(
            "--origin",
            action="append",
            default=[],
            dest="origins",
            help="Page origin allowed to embed the widget (repeatable).",
        )
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, slug, name, origins, json: bool, **options):
        bad = [o for o in origins if not o.startswith(("http://", "https://"))]
        if bad:
            raise CommandError(f"Origins must start with http:// or https://: {', '.join(bad)}")
        try:
            site, api_key = create_site(slug, name=name, origins=origins)
        except (InvalidSlug, SiteExists) as exc:
            raise CommandError(str(exc)) from None
        if json:
            self.stdout.write(_json({"site": site.slug, "api_key": api_key}))
        else:
            self.stdout.write(f"Site '{site.slug}' created. API key (shown only once): {api_key}")


def _json(data):
    return json.dumps(data, ensure_ascii=False)
