import json

from django.core.management.base import BaseCommand, CommandError

from freigabe.articles.models import Site
from freigabe.integrations.models import EVENTS
from freigabe.integrations.webhooks import WebhookError, add_webhook, parse_events


class Command(BaseCommand):
    help = "Send the site's events to URL, signed; prints the signing secret once."

    def add_arguments(self, parser):
        parser.add_argument("site", help="site slug")
        parser.add_argument("url")
        parser.add_argument("--events", default="", help=f"comma-separated, default all: {','.join(EVENTS)}")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        site = Site.objects.filter(slug=options["site"]).first()
        if site is None:
            raise CommandError(f"unknown site {options['site']!r}")
        try:
            webhook, secret = add_webhook(site, options["url"], parse_events(options["events"]))
        except WebhookError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps({"id": webhook.pk, "secret": secret}))
        else:
            self.stdout.write(
                f"Webhook {webhook.pk} for {site.slug}: {webhook.url}\nSecret (shown only now): {secret}"
            )
