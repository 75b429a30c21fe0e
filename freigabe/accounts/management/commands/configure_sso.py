from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from freigabe.articles.models import Site


class Command(BaseCommand):
    help = "Set up reader single sign-on for a site (HS256 shared secret or RS256 public key)."

    def add_arguments(self, parser):
        parser.add_argument("site")
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--hs256-secret", help="A shared secret of at least 32 characters.")
        group.add_argument("--rs256-public-key", type=Path, help="PEM file with the publisher's public key.")
        group.add_argument("--off", action="store_true", help="Turn single sign-on off.")

    def handle(self, site, hs256_secret, rs256_public_key, off, **options):
        found = Site.objects.filter(slug=site).first()
        if found is None:
            raise CommandError(f"Unknown site '{site}'.")
        if off:
            found.sso_algorithm, found.sso_key = "", ""
        elif hs256_secret:
            if len(hs256_secret) < 32:
                raise CommandError("The HS256 secret must have at least 32 characters.")
            found.sso_algorithm, found.sso_key = "HS256", hs256_secret
        else:
            key = rs256_public_key.read_text()
            if "PUBLIC KEY" not in key:
                raise CommandError(f"{rs256_public_key} is not a PEM public key.")
            found.sso_algorithm, found.sso_key = "RS256", key
        found.save(update_fields=["sso_algorithm", "sso_key"])
        self.stdout.write(f"Single sign-on for '{site}': {found.sso_algorithm or 'off'}")
